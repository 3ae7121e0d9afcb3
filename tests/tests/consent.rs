//! Pupils under 18 end to end, with the real server and worker, the SMS gateway emulator and a
//! real SMTP server: a pupil without consent gets nothing (the ledger says why); the school
//! counsellor asks the guardian by SMS; the guardian answers through the link page as a plain
//! form; the pupil's reminders and the guardian's copies then arrive exactly once; a withdrawal
//! stops what is pending; STOPP and START from the guardian's number.

use chrono::{DateTime, Duration, Utc};
use samling_tests::sms_gateway::SmsGateway;
use samling_tests::smtp::SmtpServer;
use samling_tests::{assert_error, TestApp};
use serde_json::{json, Value};

/// Ibrahim Abdi (15) in the demo's "Under 18" course: no consent yet.
const IBRAHIM: &str = "+4794810203";
/// His mother, Hawa Abdi, who reads Somali.
const HAWA: &str = "+4794820203";

struct Setup {
    app: TestApp,
    gateway: SmsGateway,
    _smtp: SmtpServer,
    counsellor: String,
    ibrahim: i64,
    first_session: DateTime<Utc>,
}

async fn setup() -> Setup {
    let gateway = SmsGateway::start().await;
    let smtp = SmtpServer::start().await;
    let app = TestApp::spawn_messaging(&gateway, &smtp).await;
    let counsellor = app
        .user(
            "radgiver@samling.test",
            domain::people::Role::Counsellor,
            Some("Haugen ungdomsskole"),
        )
        .await;
    let ibrahim = app.participant_named("Ibrahim").await;
    let first_session: DateTime<Utc> = store::sql::query_scalar(
        "SELECT MIN(s.starts_at) FROM sessions s JOIN courses c ON c.id = s.course_id
         WHERE c.title LIKE 'Under 18%'",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    Setup {
        app,
        gateway,
        _smtp: smtp,
        counsellor,
        ibrahim,
        first_session,
    }
}

/// The key of the consent link in a text.
fn consent_token(text: &str) -> String {
    let after = &text[text.find("/consent/").expect("the text has a consent link") + 9..];
    after
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect()
}

/// The guardian's answer, posted as the page's plain form does without the wasm.
async fn answer(app: &TestApp, token: &str, fields: &[(&str, &str)]) -> reqwest::Response {
    let mut form = vec![("token", token)];
    form.extend_from_slice(fields);
    app.client
        .post(app.url("/api/consent/answer"))
        .header("accept", "text/html")
        .header("referer", app.url(&format!("/consent/{token}")))
        .form(&form)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn a_pupil_is_reached_only_after_the_guardian_consents_through_the_link() {
    let s = setup().await;
    let app = &s.app;
    let path = format!("/api/v1/participants/{}", s.ibrahim);

    // Without consent: nothing goes, and the ledger says why.
    app.run_worker_at(Utc::now()).await;
    assert!(s.gateway.texts_to(IBRAHIM).is_empty());
    assert!(s.gateway.texts_to(HAWA).is_empty());
    let held = app
        .ledger(&format!("participant_id={}&state=skipped", s.ibrahim))
        .await;
    assert!(
        held.iter()
            .any(|m| m["kind"] == "welcome" && m["reason"] == "no consent for SMS to a minor"),
        "{held:#?}"
    );
    let (_, p) = app.get(&s.counsellor, &path).await;
    assert_eq!(p["consent_status"], "missing");

    // The counsellor asks the guardian; the link goes by SMS (she has no e-mail address).
    let (status, request) = app
        .post(&s.counsellor, &format!("{path}/consent-request"), json!({}))
        .await;
    assert_eq!(status, 202, "{request}");
    assert_eq!(request["channels"], json!(["sms"]));
    let (_, p) = app.get(&s.counsellor, &path).await;
    assert_eq!(p["consent_status"], "requested");
    // Asking again at once is refused.
    let again = app
        .post(&s.counsellor, &format!("{path}/consent-request"), json!({}))
        .await;
    assert_error(&again, 409, "conflict", None);
    app.run_worker_at(Utc::now()).await;
    let to_hawa = s.gateway.texts_to(HAWA);
    assert_eq!(to_hawa.len(), 1, "{to_hawa:?}");
    assert!(to_hawa[0].contains("Hawa Abdi") && to_hawa[0].contains("Ibrahim"));
    let token = consent_token(&to_hawa[0]);
    // The ledger keeps the text without the link's key.
    let asked = app.ledger(&format!("participant_id={}", s.ibrahim)).await;
    let asked = asked
        .iter()
        .find(|m| m["kind"] == "consent_request")
        .expect("the request is in the ledger");
    let kept = asked["body"].as_str().unwrap();
    assert!(
        kept.contains("/consent/…") && !kept.contains(&token),
        "{kept}"
    );

    // Opening the page (or a phone's link preview) uses nothing; it speaks Somali.
    for _ in 0..2 {
        let page = app
            .client
            .get(app.url(&format!("/consent/{token}")))
            .send()
            .await
            .unwrap();
        assert_eq!(page.status(), 200);
        let html = page.text().await.unwrap();
        assert!(
            html.contains("lang=\"so\""),
            "the page is in the guardian's language: {}",
            html.split("<main").nth(1).unwrap_or_default()
        );
        assert!(html.contains("Ibrahim") && html.contains("Klart jeg kan"));
        assert!(
            html.contains("name=\"answer[given_by]\""),
            "the form is there"
        );
    }

    // She may read it in another language, chosen on the page: words and consent text follow.
    let english = app
        .client
        .get(app.url(&format!("/consent/{token}")))
        .header("cookie", "samling_lang=en")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        english.contains(r#"<html lang="en""#),
        "the page is in English"
    );
    assert!(english.contains("Consent to reminders"));
    assert!(english.contains(r#"name="answer[language]" value="en""#));

    // A form without a channel is refused, and the link still works.
    let r = answer(
        app,
        &token,
        &[
            ("answer[decision]", "given"),
            ("answer[given_by]", "Hawa Abdi"),
        ],
    )
    .await;
    assert_eq!(r.status(), 302);
    assert!(r.headers()["location"]
        .to_str()
        .unwrap()
        .ends_with("error=channels"));
    // She gives consent for SMS.
    let r = answer(
        app,
        &token,
        &[
            ("answer[decision]", "given"),
            ("answer[given_by]", "Hawa Abdi"),
            ("answer[relation]", "mother"),
            ("answer[sms]", "on"),
        ],
    )
    .await;
    assert_eq!(r.status(), 302);
    assert!(r.headers()["location"]
        .to_str()
        .unwrap()
        .ends_with("answered=given"));
    // Once: the link is used.
    let replay = answer(
        app,
        &token,
        &[("answer[decision]", "refused"), ("answer[given_by]", "X")],
    )
    .await;
    assert!(replay.headers()["location"]
        .to_str()
        .unwrap()
        .ends_with("error=used"));
    // A used link shows nothing about the pupil any more.
    let used = app
        .client
        .get(app.url(&format!("/consent/{token}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        !used.contains("Ibrahim") && !used.contains("Hawa"),
        "nothing about the pupil"
    );

    // Staff see it at once: a digital consent under the current text version.
    let (_, p) = app.get(&s.counsellor, &path).await;
    assert_eq!(p["consent_status"], "given");
    assert_eq!(p["consent_channels"], json!(["sms"]));
    let (_, consents) = app.get(&s.counsellor, &format!("{path}/consents")).await;
    let record = &consents[0];
    assert_eq!(record["method"], "digital");
    assert_eq!(record["given_by"], "Hawa Abdi");
    assert_eq!(record["relation"], "mother");
    assert_eq!(record["text_version"], 1);
    assert_eq!(record["recorded_by"], Value::Null);
    assert!(!record["text"].as_str().unwrap().is_empty());

    // Planning ran again: the welcome reaches Ibrahim and the copy his mother, once each.
    app.run_worker_at(Utc::now()).await;
    app.run_worker_at(Utc::now()).await;
    let to_ibrahim = s.gateway.texts_to(IBRAHIM);
    assert_eq!(to_ibrahim.len(), 1, "{to_ibrahim:?}");
    let to_hawa = s.gateway.texts_to(HAWA);
    assert_eq!(
        to_hawa.len(),
        2,
        "the request and the copy of the welcome: {to_hawa:?}"
    );
    assert!(to_hawa[1].contains("Ibrahim") && !to_hawa[1].contains("/p/"));

    // The reminder the day before: to Ibrahim, and (the course says so) a copy to her.
    app.run_worker_at(s.first_session - Duration::hours(24) + Duration::minutes(1))
        .await;
    app.run_worker_at(s.first_session - Duration::hours(24) + Duration::minutes(2))
        .await;
    assert_eq!(s.gateway.texts_to(IBRAHIM).len(), 2);
    assert_eq!(s.gateway.texts_to(HAWA).len(), 3);

    // The consent is withdrawn: what is pending for SMS stops.
    let id = record["id"].as_i64().unwrap();
    let (status, withdrawn) = app
        .post(
            &s.counsellor,
            &format!("{path}/consents/{id}/withdraw"),
            json!({"reason": "Mor ringte"}),
        )
        .await;
    assert_eq!(status, 200, "{withdrawn}");
    assert!(withdrawn["withdrawn_at"].is_string());
    let (_, p) = app.get(&s.counsellor, &path).await;
    assert_eq!(p["consent_status"], "withdrawn");
    app.run_worker_at(s.first_session - Duration::hours(2) + Duration::minutes(1))
        .await;
    assert_eq!(s.gateway.texts_to(IBRAHIM).len(), 2, "no 2-hour reminder");
    assert_eq!(s.gateway.texts_to(HAWA).len(), 3, "no copy");
    let planned = app
        .ledger(&format!("participant_id={}&state=planned", s.ibrahim))
        .await;
    assert!(
        planned.iter().all(|m| m["channel"] != "sms"),
        "nothing pending by SMS: {planned:#?}"
    );
    let second = app
        .post(
            &s.counsellor,
            &format!("{path}/consents/{id}/withdraw"),
            json!({}),
        )
        .await;
    assert_error(&second, 409, "conflict", None);
}

#[tokio::test]
async fn stopp_from_a_guardian_stops_the_copies_only_and_start_turns_them_back_on() {
    use samling_tests::sms_gateway::{TWILIO_AUTH_TOKEN, WEBHOOK_SECRET};
    let s = setup().await;
    let app = &s.app;
    s.gateway.set_receipts(
        app.base.clone(),
        Some(WEBHOOK_SECRET.into()),
        Some(TWILIO_AUTH_TOKEN.into()),
    );
    let path = format!("/api/v1/participants/{}", s.ibrahim);
    let (status, record) = app
        .post(
            &s.counsellor,
            &format!("{path}/consents"),
            json!({"given_by": "Hawa Abdi", "relation": "mother", "method": "in_person", "channels": ["sms"],
                   "given_on": (Utc::now() - Duration::days(2)).format("%Y-%m-%d").to_string()}),
        )
        .await;
    assert_eq!(status, 201, "{record}");
    assert_eq!(record["method"], "in_person");
    assert!(record["given_at"].as_str().unwrap() < record["recorded_at"].as_str().unwrap());
    assert_eq!(record["channels"], json!(["sms"]));
    assert!(record["recorded_by"].is_i64());

    assert_eq!(s.gateway.send_inbound("twilio", HAWA, "STOPP").await, 200);
    let (_, p) = app.get(&s.counsellor, &path).await;
    assert_eq!(p["guardian_sms_opted_out"], true);
    assert_eq!(p["sms_opted_out"], false, "the pupil still gets texts");
    app.run_worker_at(Utc::now()).await;
    assert_eq!(s.gateway.texts_to(IBRAHIM).len(), 1, "the pupil's welcome");
    assert!(s.gateway.texts_to(HAWA).is_empty(), "no copy after STOPP");

    // START: on again, said in one short text, once (a second START changes nothing).
    assert_eq!(s.gateway.send_inbound("twilio", HAWA, "START").await, 200);
    assert_eq!(s.gateway.send_inbound("twilio", HAWA, "start").await, 200);
    app.run_worker_at(Utc::now()).await;
    // The confirmation, and now the copy of the welcome that STOPP held back.
    let to_hawa = s.gateway.texts_to(HAWA);
    assert_eq!(to_hawa.len(), 2, "{to_hawa:?}");
    let resumed = app.ledger(&format!("participant_id={}", s.ibrahim)).await;
    let resumed: Vec<_> = resumed
        .iter()
        .filter(|m| m["kind"] == "sms_resumed")
        .collect();
    assert_eq!(resumed.len(), 1, "one confirmation for two STARTs");
    assert_eq!(resumed[0]["recipient"], HAWA);
    assert!(to_hawa.contains(&resumed[0]["body"].as_str().unwrap().to_string()));
    assert!(
        to_hawa.iter().any(|t| t.contains("Ibrahim")),
        "the welcome copy"
    );
    let (_, p) = app.get(&s.counsellor, &path).await;
    assert_eq!(p["guardian_sms_opted_out"], false);

    // The pupil's own STOPP, turned back on by staff with a reason.
    assert_eq!(
        s.gateway.send_inbound("twilio", IBRAHIM, "STOPP").await,
        200
    );
    let no_reason = app
        .post(
            &s.counsellor,
            &format!("{path}/sms-opt-in"),
            json!({"reason": " "}),
        )
        .await;
    assert_error(&no_reason, 422, "invalid", Some("reason"));
    let (status, _) = app
        .post(
            &s.counsellor,
            &format!("{path}/sms-opt-in"),
            json!({"reason": "Ibrahim ba om det i timen"}),
        )
        .await;
    assert_eq!(status, 204);
    let (_, p) = app.get(&s.counsellor, &path).await;
    assert_eq!(p["sms_opted_out"], false);
    let changes: Vec<(String, bool, String)> = store::sql::query_as(
        "SELECT who, opted_out, via FROM sms_opt_changes WHERE participant_id = $1 ORDER BY id",
    )
    .bind(s.ibrahim)
    .fetch_all(&app.pool)
    .await
    .unwrap();
    assert_eq!(
        changes,
        vec![
            ("guardian".into(), true, "sms".into()),
            ("guardian".into(), false, "sms".into()),
            ("participant".into(), true, "sms".into()),
            ("participant".into(), false, "staff".into()),
        ]
    );
}

#[tokio::test]
async fn consents_are_checked_kept_and_scoped() {
    let s = setup().await;
    let app = &s.app;
    app.run_worker_at(Utc::now()).await;
    let path = format!("/api/v1/participants/{}/consents", s.ibrahim);
    for (body, field) in [
        (
            json!({"given_by": "", "relation": "mother", "method": "paper", "channels": ["sms"]}),
            "given_by",
        ),
        (
            json!({"given_by": "Hawa", "relation": "mother", "method": "fax", "channels": ["sms"]}),
            "method",
        ),
        (
            json!({"given_by": "Hawa", "relation": "mother", "method": "digital", "channels": ["sms"]}),
            "method",
        ),
        (
            json!({"given_by": "Hawa", "relation": "mother", "method": "paper", "channels": []}),
            "channels",
        ),
        (
            json!({"given_by": "Hawa", "relation": "mother", "method": "paper", "channels": ["pigeon"]}),
            "channels",
        ),
    ] {
        let got = app.post(&s.counsellor, &path, body).await;
        assert_error(&got, 422, "invalid", Some(field));
    }
    // A counsellor of another school sees nothing of the pupil and can change nothing.
    let other = app
        .user(
            "annen@skole.test",
            domain::people::Role::Counsellor,
            Some("Annen skole"),
        )
        .await;
    let body =
        json!({"given_by": "X", "relation": "mother", "method": "paper", "channels": ["sms"]});
    assert_error(&app.post(&other, &path, body).await, 403, "forbidden", None);
    assert_error(&app.get(&other, &path).await, 403, "forbidden", None);
    let ask = format!("/api/v1/participants/{}/consent-request", s.ibrahim);
    assert_error(
        &app.post(&other, &ask, json!({})).await,
        403,
        "forbidden",
        None,
    );
    // No sign-in link for a pupil whose guardian has not consented to its channel.
    let link = app
        .post(
            &s.counsellor,
            &format!("/api/v1/participants/{}/sign-in-link", s.ibrahim),
            json!({}),
        )
        .await;
    assert_error(&link, 409, "conflict", None);
    // Counsellors read the messages of their own pupils (not of others, not staff e-mails).
    let jonas = app.participant_named("Jonas").await;
    let (status, own) = app
        .get(
            &s.counsellor,
            &format!("/api/v1/messages?participant_id={}", s.ibrahim),
        )
        .await;
    assert_eq!(status, 200, "{own}");
    assert!(!own.as_array().unwrap().is_empty());
    let (status, others) = app
        .get(
            &s.counsellor,
            &format!("/api/v1/messages?participant_id={jonas}"),
        )
        .await;
    assert_eq!((status, others), (200, json!([])));
    // Adults decide alone.
    let adult = app
        .post(
            &app.admin,
            &format!("/api/v1/participants/{jonas}/consents"),
            json!({"given_by": "X", "relation": "mother", "method": "paper", "channels": ["sms"]}),
        )
        .await;
    assert_error(&adult, 409, "conflict", None);
    let (_, p) = app
        .get(&app.admin, &format!("/api/v1/participants/{jonas}"))
        .await;
    assert_eq!(p["consent_status"], "not_needed");
    // A record is never changed in place: the database refuses it.
    let (_, record) = app
        .post(
            &s.counsellor,
            &path,
            json!({"given_by": "Hawa Abdi", "relation": "mother", "method": "paper", "channels": ["sms", "email"]}),
        )
        .await;
    let changed = store::sql::query("UPDATE consents SET given_by = 'Someone else' WHERE id = $1")
        .bind(record["id"].as_i64().unwrap())
        .execute(&app.pool)
        .await;
    assert!(changed.is_err(), "the database refuses changing a consent");
    // A refusal supersedes it.
    let (status, refused) = app
        .post(
            &s.counsellor,
            &path,
            json!({"given_by": "Hawa Abdi", "relation": "mother", "method": "phone", "decision": "refused"}),
        )
        .await;
    assert_eq!(status, 201, "{refused}");
    let (_, list) = app.get(&s.counsellor, &path).await;
    assert_eq!(list[0]["decision"], "refused");
    assert_eq!(list[1]["superseded"], true);
    // Only the record in force can be withdrawn (here, the refusal cannot either).
    let older = list[1]["id"].as_i64().unwrap();
    let withdraw_older = app
        .post(
            &s.counsellor,
            &format!("{path}/{older}/withdraw"),
            json!({}),
        )
        .await;
    assert_error(&withdraw_older, 409, "conflict", None);
    let (_, p) = app
        .get(
            &s.counsellor,
            &format!("/api/v1/participants/{}", s.ibrahim),
        )
        .await;
    assert_eq!(p["consent_status"], "refused");
    assert_eq!(p["consent_channels"], json!([]));
}

#[tokio::test]
async fn the_coordinator_edits_the_consent_text_and_records_keep_their_version() {
    let s = setup().await;
    let app = &s.app;
    let (status, text) = app.get(&app.admin, "/api/v1/consent-text").await;
    assert_eq!(status, 200, "{text}");
    assert_eq!(text["version"], 1);
    assert!(
        !text["texts"]["ar"].as_str().unwrap().is_empty(),
        "shipped in six languages"
    );
    let (status, _) = app.get(&s.counsellor, "/api/v1/consent-text").await;
    assert_eq!(status, 403);
    let no_nb = app
        .post(
            &app.admin,
            "/api/v1/consent-text",
            json!({"texts": {"en": "Only English"}}),
        )
        .await;
    assert_error(&no_nb, 422, "invalid", Some("nb"));
    let path = format!("/api/v1/participants/{}/consents", s.ibrahim);
    let body = json!({"given_by": "Hawa Abdi", "relation": "mother", "method": "paper", "channels": ["sms"]});
    let (_, first) = app.post(&s.counsellor, &path, body.clone()).await;
    assert_eq!(first["text_version"], 1);
    let (status, v2) = app
        .post(
            &app.admin,
            "/api/v1/consent-text",
            json!({"texts": {"nb": "Ny samtykketekst, versjon 2."}}),
        )
        .await;
    assert_eq!(status, 201, "{v2}");
    assert_eq!(v2["version"], 2);
    // Hawa reads Somali, which version 2 lacks: the record keeps the bokmål words shown.
    let (_, second) = app.post(&s.counsellor, &path, body).await;
    assert_eq!(second["text_version"], 2);
    assert_eq!(second["text"], "Ny samtykketekst, versjon 2.");
    let (_, list) = app.get(&s.counsellor, &path).await;
    assert_eq!(list[1]["text_version"], 1, "the first keeps its version");
    assert_eq!(list[1]["text"], first["text"]);
}
