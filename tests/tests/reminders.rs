//! The reminder engine end to end: the real server and worker, a real SMTP server (aiosmtpd)
//! and the SMS gateway emulator. The worker runs "as if it were" later times, so a course a
//! week ahead can be followed through its reminders in seconds.

use chrono::{DateTime, Datelike, Duration, Utc};
use samling_tests::sms_gateway::SmsGateway;
use samling_tests::smtp::SmtpServer;
use samling_tests::TestApp;
use serde_json::{json, Value};

struct Setup {
    app: TestApp,
    gateway: SmsGateway,
    smtp: SmtpServer,
    course: i64,
    sessions: Vec<(i64, DateTime<Utc>)>,
}

const AMINA: &str = "+4791000001";
const CARL: &str = "+4791000003";
const BEA: &str = "bea@example.no";

async fn setup() -> Setup {
    let gateway = SmsGateway::start().await;
    let smtp = SmtpServer::start().await;
    let app = TestApp::spawn_messaging(&gateway, &smtp).await;
    // Only this test's course: the demo course's messages are not what we look at.
    store::sql::query("DELETE FROM enrolments")
        .execute(&app.pool)
        .await
        .unwrap();
    let start = (Utc::now() + Duration::days(7)).date_naive();
    let second = start + Duration::days(2);
    let code = |d: chrono::NaiveDate| d.weekday().to_string().to_lowercase();
    let (status, course) = app
        .post(
            &app.admin,
            "/api/v1/courses",
            json!({
                "programme_id": app.programme_id("Ny retning").await,
                "title": "Ny retning – påminnelser",
                "public_name": "Ny retning",
                "location": "Ungdomshuset",
                "start_date": start.to_string(),
                "weekdays": [code(start), code(second)],
                "start_time": "12:00",
                "end_time": "14:00"
            }),
        )
        .await;
    assert_eq!(status, 201, "{course}");
    let course_id = course["id"].as_i64().unwrap();
    let (_, sessions) = app
        .get(&app.admin, &format!("/api/v1/courses/{course_id}/sessions"))
        .await;
    let sessions = sessions
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["id"].as_i64().unwrap(),
                DateTime::parse_from_rfc3339(s["starts_at"].as_str().unwrap())
                    .unwrap()
                    .with_timezone(&Utc),
            )
        })
        .collect();
    Setup {
        app,
        gateway,
        smtp,
        course: course_id,
        sessions,
    }
}

async fn participant(
    app: &TestApp,
    first: &str,
    phone: Option<&str>,
    email: Option<&str>,
    channel: &str,
) -> i64 {
    let (status, p) = app
        .post(
            &app.admin,
            "/api/v1/participants",
            json!({
                "first_name": first, "last_name": "Test", "birth_date": "2004-05-01",
                "phone": phone, "email": email, "language": "nb", "preferred_channel": channel
            }),
        )
        .await;
    assert_eq!(status, 201, "{p}");
    p["id"].as_i64().unwrap()
}

async fn enrol(app: &TestApp, course: i64, participant: i64) {
    let (status, e) = app
        .post(
            &app.admin,
            &format!("/api/v1/courses/{course}/enrolments"),
            json!({"participant_id": participant}),
        )
        .await;
    assert_eq!(status, 201, "{e}");
}

#[tokio::test]
async fn reminders_arrive_once_follow_moves_and_skip_withdrawn_and_cancelled() {
    let s = setup().await;
    let app = &s.app;
    let amina = participant(app, "Amina", Some(AMINA), None, "sms").await;
    let bea = participant(app, "Bea", None, Some(BEA), "email").await;
    let carl = participant(app, "Carl", Some(CARL), None, "sms").await;
    for p in [amina, bea, carl] {
        enrol(app, s.course, p).await;
    }
    let (first, s1) = s.sessions[0];
    let (second, _) = s.sessions[1];

    // Enrolment: everyone is welcomed, once.
    app.run_worker_at(Utc::now()).await;
    assert_eq!(s.gateway.texts_to(AMINA).len(), 1);
    assert_eq!(s.gateway.texts_to(CARL).len(), 1);
    assert!(
        s.gateway.texts_to(AMINA)[0].contains("Ny retning"),
        "named by its public name"
    );
    let mails = s.smtp.wait_for(1, std::time::Duration::from_secs(10)).await;
    assert_eq!(mails.len(), 1);
    assert!(mails[0].to.contains(BEA));
    assert!(
        !mails[0].html.is_empty() && !mails[0].text.is_empty(),
        "plain text and HTML"
    );

    // Carl withdraws.
    let (status, _) = app
        .delete(
            &app.admin,
            &format!("/api/v1/courses/{}/enrolments/{carl}", s.course),
            Some(json!({"reason": "Fikk jobb"})),
        )
        .await;
    assert_eq!(status, 200);

    // 48 h before the first session Bea's e-mail goes; 24 h before, Amina's text.
    app.run_worker_at(s1 - Duration::hours(48) + Duration::minutes(1))
        .await;
    app.run_worker_at(s1 - Duration::hours(24) + Duration::minutes(1))
        .await;
    // Running again at the same time sends nothing more.
    app.run_worker_at(s1 - Duration::hours(24) + Duration::minutes(2))
        .await;
    assert_eq!(
        s.gateway.texts_to(AMINA).len(),
        2,
        "welcome + 24 h reminder, once"
    );
    let mails = s.smtp.wait_for(2, std::time::Duration::from_secs(10)).await;
    assert_eq!(mails.len(), 2, "welcome + 48 h reminder, once");

    // The first session moves a day and an hour later; the second is cancelled.
    let moved = s1 + Duration::hours(25);
    let (status, body) = app
        .patch(
            &app.admin,
            &format!("/api/v1/sessions/{first}"),
            json!({"starts_at": moved.to_rfc3339(), "ends_at": (moved + Duration::hours(2)).to_rfc3339()}),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let (status, body) = app
        .patch(
            &app.admin,
            &format!("/api/v1/sessions/{second}"),
            json!({"status": "cancelled"}),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let local = moved
        .with_timezone(&chrono_tz::Europe::Oslo)
        .format("%H:%M")
        .to_string();

    // Both were told the old time: each hears of the new one at once, on the channel that
    // told them, and once only.
    app.run_worker_at(s1 - Duration::hours(24) + Duration::minutes(3))
        .await;
    app.run_worker_at(s1 - Duration::hours(24) + Duration::minutes(4))
        .await;
    let amina_texts = s.gateway.texts_to(AMINA);
    assert_eq!(amina_texts.len(), 3, "{amina_texts:#?}");
    assert!(
        amina_texts[2].contains("ny tid") && amina_texts[2].contains(&local),
        "the new time {local} in {:?}",
        amina_texts[2]
    );
    let mails = s.smtp.wait_for(3, std::time::Duration::from_secs(10)).await;
    assert_eq!(mails.len(), 3, "welcome, 48 h reminder, change notice");
    assert!(mails[2].to.contains(BEA) && mails[2].text.contains(&local));

    // The 2 h reminder follows the session to its new time and names it.
    app.run_worker_at(moved - Duration::hours(2) + Duration::minutes(1))
        .await;
    let amina_texts = s.gateway.texts_to(AMINA);
    assert_eq!(amina_texts.len(), 4, "{amina_texts:#?}");
    assert!(
        amina_texts[3].contains(&local),
        "the new time {local} in {:?}",
        amina_texts[3]
    );
    // The cancelled session's reminders never go.
    let second_start = s.sessions[1].1;
    app.run_worker_at(second_start - Duration::hours(2) + Duration::minutes(1))
        .await;
    assert_eq!(s.gateway.texts_to(AMINA).len(), 4);
    assert_eq!(
        s.gateway.texts_to(CARL).len(),
        1,
        "nothing after the withdrawal"
    );

    // The ledger tells all of it, with reasons.
    let second_rows = app.ledger(&format!("course_id={}", s.course)).await;
    let for_second: Vec<&Value> = second_rows
        .iter()
        .filter(|m| m["session_id"] == second && m["participant_id"] == amina)
        .collect();
    assert!(!for_second.is_empty());
    assert!(for_second
        .iter()
        .all(|m| m["state"] == "cancelled" && m["reason"] == "session cancelled"));
    let carl_rows = app
        .ledger(&format!("participant_id={carl}&state=cancelled"))
        .await;
    assert!(carl_rows
        .iter()
        .all(|m| m["reason"] == "no longer enrolled"));
    assert!(!carl_rows.is_empty());
    let sent = app
        .ledger(&format!("participant_id={amina}&state=sent"))
        .await;
    assert_eq!(sent.len(), 4);
    assert_eq!(
        sent.iter()
            .filter(|m| m["kind"] == "session_changed")
            .count(),
        1
    );
    assert!(sent
        .iter()
        .all(|m| m["channel"] == "sms" && m["sent_at"].is_string()));
    let (status, err) = app.get(&app.admin, "/api/v1/messages?state=lost").await;
    assert_eq!(
        (status, err["error"]["code"].as_str()),
        (422, Some("invalid"))
    );
}

#[tokio::test]
async fn a_session_cancelled_after_its_reminder_is_told_once_and_so_is_its_return() {
    let s = setup().await;
    let app = &s.app;
    let amina = participant(app, "Amina", Some(AMINA), None, "sms").await;
    enrol(app, s.course, amina).await;
    let (first, s1) = s.sessions[0];
    app.run_worker_at(Utc::now()).await;
    app.run_worker_at(s1 - Duration::hours(24) + Duration::minutes(1))
        .await;
    assert_eq!(
        s.gateway.texts_to(AMINA).len(),
        2,
        "welcome + 24 h reminder"
    );

    let set_status = |status: &'static str| async move {
        let (code, body) = app
            .patch(
                &app.admin,
                &format!("/api/v1/sessions/{first}"),
                json!({ "status": status }),
            )
            .await;
        assert_eq!(code, 200, "{body}");
    };
    set_status("cancelled").await;
    app.run_worker_at(s1 - Duration::hours(24) + Duration::minutes(3))
        .await;
    app.run_worker_at(s1 - Duration::hours(24) + Duration::minutes(4))
        .await;
    let texts = s.gateway.texts_to(AMINA);
    assert_eq!(texts.len(), 3, "{texts:#?}");
    assert!(texts[2].contains("avlyst"), "{:?}", texts[2]);

    // On again after all: she hears that too, with the time, once.
    set_status("scheduled").await;
    app.run_worker_at(s1 - Duration::hours(24) + Duration::minutes(6))
        .await;
    app.run_worker_at(s1 - Duration::hours(24) + Duration::minutes(7))
        .await;
    let texts = s.gateway.texts_to(AMINA);
    assert_eq!(texts.len(), 4, "{texts:#?}");
    let local = s1
        .with_timezone(&chrono_tz::Europe::Oslo)
        .format("%H:%M")
        .to_string();
    assert!(texts[3].contains(&local), "{:?}", texts[3]);

    let sent = app
        .ledger(&format!("participant_id={amina}&state=sent"))
        .await;
    let kinds: Vec<&str> = sent.iter().filter_map(|m| m["kind"].as_str()).collect();
    assert_eq!(
        kinds.iter().filter(|k| **k == "session_cancelled").count(),
        1,
        "{kinds:?}"
    );
    assert_eq!(
        kinds.iter().filter(|k| **k == "session_changed").count(),
        1,
        "{kinds:?}"
    );
}

#[tokio::test]
async fn receipts_and_replies_act_once_and_stop_ends_the_texts() {
    use samling_tests::sms_gateway::{TWILIO_AUTH_TOKEN, WEBHOOK_SECRET};
    let s = setup().await;
    let app = &s.app;
    s.gateway.set_receipts(
        app.base.clone(),
        Some(WEBHOOK_SECRET.into()),
        Some(TWILIO_AUTH_TOKEN.into()),
    );
    let amina = participant(app, "Amina", Some(AMINA), None, "sms").await;
    let carl = participant(app, "Carl", Some(CARL), None, "sms").await;
    enrol(app, s.course, amina).await;
    enrol(app, s.course, carl).await;
    let (first, s1) = s.sessions[0];

    // The welcome goes; the gateway's signed "delivered" receipt moves it on.
    app.run_worker_at(Utc::now()).await;
    let receipts = s
        .gateway
        .wait_for_receipts(2, std::time::Duration::from_secs(20))
        .await;
    assert!(
        receipts.len() >= 2 && receipts.iter().all(|r| r.status == Some(200)),
        "{receipts:?}"
    );
    // The receipt may have come while the send was being recorded: either way it lands.
    samling_tests::crowd::wait_until("the welcome is delivered", async || {
        app.ledger(&format!("participant_id={amina}&state=delivered"))
            .await
            .len()
            == 1
    })
    .await;
    // A replayed receipt changes nothing; an unsigned one is refused.
    let id = s.gateway.received()[0].id.clone();
    assert_eq!(s.gateway.post_receipt(&id, false).await, 200);
    let r = app
        .client
        .post(app.url("/hooks/sms/twilio/status"))
        .form(&[("MessageSid", id.as_str()), ("MessageStatus", "failed")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    assert_eq!(
        app.ledger(&format!("participant_id={amina}&state=delivered"))
            .await
            .len(),
        1
    );

    // "NEI" pre-marks an excused absence for the next session, once, even when replayed.
    let nei_id = "SM00000000000000000000000000000nei";
    for _ in 0..2 {
        assert_eq!(
            s.gateway
                .send_inbound_with_id("twilio", AMINA, "Nei, jeg er syk", nei_id)
                .await,
            200
        );
    }
    let (_, marks) = app
        .get(&app.admin, &format!("/api/v1/sessions/{first}/attendance"))
        .await;
    let marks = marks.as_array().unwrap();
    assert_eq!(marks.len(), 1, "{marks:?}");
    assert_eq!(marks[0]["participant_id"], amina);
    assert_eq!(marks[0]["status"], "excused");
    assert_eq!(marks[0]["via"], "sms_reply");
    let inbox: i64 =
        store::sql::query_scalar("SELECT COUNT(*) FROM inbox WHERE body = 'Nei, jeg er syk'")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(inbox, 1, "a replay is not a second reply");

    // Anything else goes to the leader's inbox; "STOPP" opts Carl out of SMS.
    assert_eq!(
        s.gateway
            .send_inbound("twilio", AMINA, "Hva skal vi ha med?")
            .await,
        200
    );
    assert_eq!(s.gateway.send_inbound("twilio", CARL, "STOPP").await, 200);
    let open: Vec<String> =
        store::sql::query_scalar("SELECT intent FROM inbox WHERE handled_at IS NULL ORDER BY id")
            .fetch_all(&app.pool)
            .await
            .unwrap();
    assert_eq!(open, vec!["no", "other", "stop"]);

    // 24 h before the first session: Amina said she cannot come, so no reminder for it;
    // Carl said STOPP and gets no more texts.
    app.run_worker_at(s1 - Duration::hours(24) + Duration::minutes(1))
        .await;
    assert_eq!(s.gateway.texts_to(AMINA).len(), 1, "only the welcome");
    assert_eq!(
        s.gateway.texts_to(CARL).len(),
        1,
        "only the welcome before STOPP"
    );
    let declined = app
        .ledger(&format!("participant_id={amina}&state=cancelled"))
        .await;
    assert!(declined
        .iter()
        .any(|m| m["session_id"] == first && m["reason"] == "said they cannot come"));
    let carl_rows = app
        .ledger(&format!("participant_id={carl}&state=cancelled"))
        .await;
    assert!(
        carl_rows.iter().any(|m| m["reason"] == "opted out of SMS"),
        "{carl_rows:#?}"
    );
}

#[tokio::test]
async fn a_worker_killed_while_sending_leaves_the_text_uncertain_and_never_resends_it() {
    use samling_tests::sms_gateway::Mode;
    let s = setup().await;
    let app = &s.app;
    let amina = participant(app, "Amina", Some(AMINA), None, "sms").await;
    enrol(app, s.course, amina).await;
    s.gateway
        .set_mode(Mode::Latency(std::time::Duration::from_secs(2)));

    // The worker dies while the provider is still answering: its request has arrived.
    let worker = app.worker(Duration::zero());
    let running = tokio::spawn(async move { worker.run_once().await });
    for _ in 0..300 {
        if s.gateway.arrivals_to(AMINA) > 0 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    assert_eq!(s.gateway.arrivals_to(AMINA), 1, "the welcome is being sent");
    running.abort();
    let _ = running.await;
    // Whatever the provider got meanwhile, it got.
    tokio::time::sleep(std::time::Duration::from_millis(2500)).await;
    let before = s.gateway.texts_to(AMINA).len();
    s.gateway.set_mode(Mode::Ok);

    // A worker running once the dead one's heartbeat is stale takes its claim back: the
    // request had started, so the text is uncertain and nothing is sent again.
    app.run_worker_at(Utc::now() + Duration::seconds(31)).await;
    app.run_worker_at(Utc::now() + Duration::seconds(32)).await;
    assert_eq!(s.gateway.texts_to(AMINA).len(), before, "no duplicate");
    let uncertain = app
        .ledger(&format!("participant_id={amina}&state=uncertain"))
        .await;
    assert_eq!(uncertain.len(), 1);
    assert_eq!(uncertain[0]["kind"], "welcome");
    assert!(uncertain[0]["reason"]
        .as_str()
        .unwrap()
        .contains("check with the recipient"));
}

#[tokio::test]
async fn the_link_in_an_invitation_answers_without_signing_in() {
    let s = setup().await;
    let app = &s.app;
    let amina = participant(app, "Amina", Some(AMINA), None, "sms").await;
    enrol(app, s.course, amina).await;
    let (first, _) = s.sessions[0];
    app.run_worker_at(Utc::now()).await;
    let token = store::messages::render::confirm_token(&app.pool, first, amina, Utc::now())
        .await
        .unwrap();

    // The page names the course by its public name only; no login needed.
    let page = app
        .client
        .get(app.url(&format!("/confirm/{token}")))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(
        html.contains("Ny retning") && html.contains("Kommer du?"),
        "{html}"
    );
    assert!(
        !html.contains("påminnelser"),
        "the course's internal title stays internal"
    );

    // "No" as a plain form post: recorded, and that session's reminders are called off.
    let r = app
        .client
        .post(app.url("/api/confirm/answer"))
        .header("accept", "text/html")
        .header("referer", app.url(&format!("/confirm/{token}")))
        .form(&[("token", token.as_str()), ("answer", "no")])
        .send()
        .await
        .unwrap();
    assert!(r.status().is_redirection(), "{}", r.status());
    let answer: String = store::sql::query_scalar(
        "SELECT answer || '/' || via FROM session_confirmations WHERE session_id = $1 AND participant_id = $2",
    )
    .bind(first)
    .bind(amina)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(answer, "no/link");
    app.run_worker_at(Utc::now()).await;
    let called_off = app
        .ledger(&format!("participant_id={amina}&state=cancelled"))
        .await;
    assert!(called_off
        .iter()
        .any(|m| m["session_id"] == first && m["reason"] == "said they cannot come"));

    // A made-up token finds nothing.
    let html = app
        .client
        .get(app.url("/confirm/0123456789abcdef01234567"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("Fant ikke det du lette etter."), "{html}");
}
