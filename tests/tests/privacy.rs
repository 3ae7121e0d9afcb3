//! A participant's data exported and erased, through the REST API against the real server, the
//! SMS gateway emulator and an SMTP server: the export holds each kind of record and is itself
//! in the access log; after erasure the name, phone and e-mail are nowhere in the SQLite file,
//! the monthly report is unchanged, and the worker never texts them again.

use chrono::{Duration, Utc};
use samling_tests::sms_gateway::{SmsGateway, TWILIO_AUTH_TOKEN, WEBHOOK_SECRET};
use samling_tests::smtp::SmtpServer;
use samling_tests::{assert_error, on_postgres, TestApp};
use serde_json::{json, Value};

const FIRST: &str = "Zebulon";
const LAST: &str = "Quixfjord";
const PHONE: &str = "+4741239876";
const EMAIL: &str = "zebulon.quixfjord@eksempel.no";

struct Scene {
    app: TestApp,
    gateway: SmsGateway,
    _smtp: SmtpServer,
    id: i64,
}

/// The demo, and one participant with something of every kind: enrolment, a mark with a
/// note, logbook entries (one edited), a goal with a measure, an outcome, a contact attempt,
/// texts sent and delivered, and a reply.
async fn scene() -> Scene {
    let gateway = SmsGateway::start().await;
    let smtp = SmtpServer::start().await;
    let app = TestApp::spawn_messaging(&gateway, &smtp).await;
    gateway.set_receipts(
        app.base.clone(),
        Some(WEBHOOK_SECRET.into()),
        Some(TWILIO_AUTH_TOKEN.into()),
    );
    let (status, p) = app
        .post(
            &app.admin,
            "/api/v1/participants",
            json!({"first_name": FIRST, "last_name": LAST, "birth_date": "2004-03-02", "phone": PHONE,
                   "email": EMAIL, "preferred_channel": "both", "referral_source": "NAV Quixfjord"}),
        )
        .await;
    assert_eq!(status, 201, "{p}");
    let id = p["id"].as_i64().unwrap();
    let course: i64 = store::sql::query_scalar("SELECT MIN(id) FROM courses")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let (status, e) = app
        .post(
            &app.admin,
            &format!("/api/v1/courses/{course}/enrolments"),
            json!({"participant_id": id}),
        )
        .await;
    assert_eq!(status, 201, "{e}");
    let held: i64 = store::sql::query_scalar(
        "SELECT id FROM sessions WHERE course_id = $1 AND starts_at < $2 ORDER BY starts_at LIMIT 1",
    )
    .bind(course)
    .bind(Utc::now())
    .fetch_one(&app.pool)
    .await
    .expect("the demo course has held a session");
    let path = format!("/api/v1/participants/{id}");
    let calls = [
        (
            format!("/api/v1/sessions/{held}/attendance/{id}"),
            json!({"status": "absent", "note": "Quixfjord var syk"}),
            true,
        ),
        (
            format!("{path}/logbook"),
            json!({"text": "Quixfjord fortalte om praksisplassen.", "with_permission": true}),
            false,
        ),
        (
            format!("{path}/goals"),
            json!({"title": "Quixfjord skal søke lærlingplass", "measures": [{"text": "Skrive CV"}]}),
            false,
        ),
        (
            format!("{path}/outcomes"),
            json!({"status": "work_training", "date": Utc::now().date_naive().to_string(),
                   "note": "Praksis hos Quixfjord AS"}),
            false,
        ),
        (
            format!("{path}/contact-attempts"),
            json!({"date": Utc::now().date_naive().to_string(), "channel": "phone", "reached": true,
                   "note": "Ringte Zebulon"}),
            false,
        ),
    ];
    for (url, body, put) in calls {
        let (status, answer) = if put {
            app.put(&app.admin, &url, body).await
        } else {
            app.post(&app.admin, &url, body).await
        };
        assert!(status == 200 || status == 201, "{url}: {status} {answer}");
    }
    let (_, entries) = app.get(&app.admin, &format!("{path}/logbook")).await;
    let entry = entries[0]["id"].as_i64().unwrap();
    let (status, edited) = app
        .put(
            &app.admin,
            &format!("{path}/logbook/{entry}"),
            json!({"text": "Rettet: Quixfjord fikk praksisplass.", "with_permission": true}),
        )
        .await;
    assert_eq!(status, 200, "{edited}");
    // Welcome texts and reminders go out, are delivered, and the participant answers.
    app.run_worker_at(Utc::now()).await;
    assert!(!gateway.texts_to(PHONE).is_empty(), "a text reached them");
    gateway
        .wait_for_receipts(1, std::time::Duration::from_secs(5))
        .await;
    assert_eq!(
        gateway.send_inbound("twilio", PHONE, "JA Zebulon").await,
        200
    );
    Scene {
        app,
        gateway,
        _smtp: smtp,
        id,
    }
}

#[tokio::test]
async fn an_export_holds_every_kind_of_record_and_is_logged() {
    let s = scene().await;
    let app = &s.app;
    let url = format!("/api/v1/participants/{}/export", s.id);
    let leader = app
        .user("leder@test.no", domain::people::Role::Leader, None)
        .await;
    assert_error(&app.get(&leader, &url).await, 403, "forbidden", None);
    let response = app
        .client
        .get(app.url(&url))
        .bearer_auth(&app.admin)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let disposition = response.headers()["content-disposition"].to_str().unwrap();
    assert!(disposition.contains(&format!("samling-deltaker-{}-", s.id)));
    let doc: Value = response.json().await.unwrap();
    assert_eq!(doc["participant"]["first_name"], FIRST);
    assert_eq!(doc["participant"]["phone"], PHONE);
    assert_eq!(doc["participant"]["referral_source"], "NAV Quixfjord");
    for section in [
        "enrolments",
        "attendance",
        "logbook",
        "goals",
        "outcomes",
        "contact_attempts",
        "messages",
        "replies",
        "access_log",
    ] {
        let rows = doc[section]
            .as_array()
            .unwrap_or_else(|| panic!("{section}"));
        assert!(!rows.is_empty(), "{section} is empty: {doc:#}");
    }
    for section in [
        "consents",
        "consent_requests",
        "buddy_pairs",
        "follow_up_closings",
    ] {
        assert!(doc[section].is_array(), "{section}");
    }
    assert_eq!(doc["attendance"][0]["note"], "Quixfjord var syk");
    assert_eq!(doc["contact_attempts"][0]["reached"], true);
    let entry = &doc["logbook"][0];
    assert_eq!(entry["text"], "Rettet: Quixfjord fikk praksisplass.");
    assert_eq!(
        entry["earlier_versions"][0]["text"],
        "Quixfjord fortalte om praksisplassen."
    );
    assert_eq!(doc["goals"][0]["measures"][0]["text"], "Skrive CV");
    let text = doc["messages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["state"] == "sent" || m["state"] == "delivered")
        .expect("a message that went out");
    assert!(text["body"].as_str().is_some_and(|b| b.contains(FIRST)));
    assert!(text["attempts"].is_array());
    assert_eq!(doc["replies"][0]["body"], "JA Zebulon");
    // The export is in the access log, and in the document itself.
    let log = doc["access_log"].as_array().unwrap();
    assert!(log
        .iter()
        .any(|e| e["action"] == "export" && e["what"] == "participant export"));
    let (_, listed) = app
        .get(
            &app.admin,
            &format!("/api/v1/participants/{}/access-log", s.id),
        )
        .await;
    assert!(listed
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["action"] == "export"));
}

#[tokio::test]
async fn erasure_leaves_no_trace_keeps_the_counts_and_stops_every_message() {
    let s = scene().await;
    let app = &s.app;
    let path = format!("/api/v1/participants/{}", s.id);
    let (status, before) = app.get(&app.admin, "/api/v1/reports/monthly").await;
    assert_eq!(status, 200);
    let planned: i64 = store::sql::query_scalar(
        "SELECT COUNT(*) FROM outbox WHERE participant_id = $1 AND state = 'planned'",
    )
    .bind(s.id)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert!(planned > 0, "reminders for the coming sessions are planned");

    // Only an admin, and only with a reason.
    let leader = app
        .user("leder@test.no", domain::people::Role::Leader, None)
        .await;
    let reason = json!({"reason": "Ønske fra deltakeren 1. desember"});
    assert_error(
        &app.delete(&leader, &path, Some(reason.clone())).await,
        403,
        "forbidden",
        None,
    );
    assert_error(
        &app.delete(&app.admin, &path, Some(json!({"reason": " "})))
            .await,
        422,
        "invalid",
        Some("reason"),
    );
    let (status, erased) = app.delete(&app.admin, &path, Some(reason.clone())).await;
    assert_eq!(status, 200, "{erased}");
    assert_eq!(erased["cause"], "request");
    assert_eq!(erased["messages_cancelled"], planned);
    assert_error(
        &app.delete(&app.admin, &path, Some(reason)).await,
        404,
        "not_found",
        None,
    );
    assert_error(&app.get(&app.admin, &path).await, 404, "not_found", None);
    assert_error(
        &app.get(&app.admin, &format!("{path}/export")).await,
        404,
        "not_found",
        None,
    );
    let (_, found) = app
        .get(&app.admin, &format!("/api/v1/participants?q={LAST}"))
        .await;
    assert_eq!(found, json!([]));

    // The steering group's figures do not move.
    let (_, after) = app.get(&app.admin, "/api/v1/reports/monthly").await;
    assert_eq!(before, after);

    // Nothing is sent to them again, however much later the worker runs.
    let texts_before = s.gateway.texts_to(PHONE).len();
    for days in [0, 3, 10, 40] {
        app.run_worker_at(Utc::now() + Duration::days(days)).await;
    }
    assert_eq!(s.gateway.texts_to(PHONE).len(), texts_before);
    let live: i64 = store::sql::query_scalar(
        "SELECT COUNT(*) FROM outbox WHERE participant_id = $1
         AND (state = 'planned' OR state = 'sending' OR recipient IS NOT NULL OR body IS NOT NULL)",
    )
    .bind(s.id)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(live, 0);

    // The name, number and address are nowhere in the database file.
    if on_postgres() {
        return;
    }
    let file = app.settings["database_url"]
        .trim_start_matches("sqlite://")
        .to_string();
    let mut bytes = std::fs::read(&file).unwrap();
    if let Ok(wal) = std::fs::read(format!("{file}-wal")) {
        bytes.extend(wal);
    }
    for needle in [
        FIRST,
        LAST,
        PHONE,
        PHONE.trim_start_matches('+'),
        EMAIL,
        "zebulon.quixfjord%40eksempel.no",
    ] {
        let found = bytes
            .windows(needle.len())
            .any(|w| w.eq_ignore_ascii_case(needle.as_bytes()));
        assert!(!found, "{needle} is still in the database file");
    }
}
