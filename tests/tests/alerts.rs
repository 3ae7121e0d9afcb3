//! Alert e-mails for two absences in a row, end to end: the leader, the primary contact and a
//! pupil's school counsellor hear once (real SMTP server); recording what was done calls off an
//! alert not yet sent; a mark changed to "excused" does too.

use chrono::Duration;
use domain::people::Role;
use samling_tests::sms_gateway::SmsGateway;
use samling_tests::smtp::{ReceivedMail, SmtpServer};
use samling_tests::TestApp;
use serde_json::json;

async fn plan_and_send(app: &TestApp) {
    app.worker(Duration::zero())
        .run_once()
        .await
        .expect("the worker runs");
}

/// The demo course's first two sessions (both held: the course began ten days ago).
async fn held_sessions(app: &TestApp) -> (i64, i64) {
    let ids: Vec<i64> = store::sql::query_scalar(
        "SELECT s.id FROM sessions s JOIN courses c ON c.id = s.course_id
         WHERE c.title = 'Klart jeg kan – demokurs' AND s.status = 'scheduled' AND s.starts_at < $1
         ORDER BY s.starts_at LIMIT 2",
    )
    .bind(chrono::Utc::now())
    .fetch_all(&app.pool)
    .await
    .unwrap();
    assert_eq!(ids.len(), 2, "the demo course has held two sessions");
    (ids[0], ids[1])
}

async fn mark(app: &TestApp, token: &str, session: i64, participant: i64, status: &str) {
    let (code, body) = app
        .put(
            token,
            &format!("/api/v1/sessions/{session}/attendance/{participant}"),
            json!({ "status": status }),
        )
        .await;
    assert_eq!(code, 200, "{body}");
}

fn alerts_to(mails: &[ReceivedMail], to: &str) -> Vec<ReceivedMail> {
    mails
        .iter()
        .filter(|m| m.to.contains(to) && m.subject.starts_with("To fravær på rad"))
        .cloned()
        .collect()
}

#[tokio::test]
async fn two_absences_in_a_row_alert_the_leader_and_counsellor_once_until_followed_up() {
    let gateway = SmsGateway::start().await;
    let smtp = SmtpServer::start().await;
    let app = TestApp::spawn_messaging(&gateway, &smtp).await;
    let leader = app.user("kursleder@samling.test", Role::Leader, None).await;
    app.user(
        "radgiver@haugen.no",
        Role::Counsellor,
        Some("Haugen ungdomsskole"),
    )
    .await;
    let (first, second) = held_sessions(&app).await;
    let sara = app.participant_named("Sara").await; // a pupil at Haugen ungdomsskole
    let jonas = app.participant_named("Jonas").await;

    mark(&app, &leader, first, sara, "absent").await;
    mark(&app, &leader, second, sara, "absent").await;
    // Jonas's second absence is followed up before the worker runs: no e-mail about him.
    mark(&app, &leader, first, jonas, "absent").await;
    mark(&app, &leader, second, jonas, "absent").await;
    let (code, body) = app
        .post(
            &leader,
            "/api/v1/follow-ups",
            json!({"participant_id": jonas, "session_id": second, "note": "Ringte, syk."}),
        )
        .await;
    assert_eq!(code, 201, "{body}");
    plan_and_send(&app).await;
    plan_and_send(&app).await;

    let mails = smtp.wait_for(2, std::time::Duration::from_secs(10)).await;
    let to_leader = alerts_to(&mails, "kursleder@samling.test");
    let to_counsellor = alerts_to(&mails, "radgiver@haugen.no");
    assert_eq!(to_leader.len(), 1, "one alert to the leader: {mails:?}");
    assert_eq!(to_counsellor.len(), 1, "one alert to the school counsellor");
    let alert = &to_leader[0];
    assert!(alert.subject.contains("Sara A."), "{}", alert.subject);
    assert!(
        !alert.text.contains("Ali "),
        "only the initial of the last name"
    );
    assert!(
        alert.text.contains(&format!("/participants/{sara}")),
        "{}",
        alert.text
    );
    assert!(
        !mails.iter().any(|m| m.subject.contains("Jonas")),
        "Jonas was followed up"
    );
    let cancelled: String = store::sql::query_scalar(
        "SELECT reason FROM outbox WHERE kind = 'leader_alert' AND participant_id = $1 AND state = 'cancelled' LIMIT 1",
    )
    .bind(jonas)
    .fetch_optional(&app.pool)
    .await
    .unwrap()
    .unwrap_or_else(|| "none planned".into());
    assert!(
        cancelled == "the alert was followed up or cleared" || cancelled == "none planned",
        "{cancelled}"
    );

    // The ledger shows the alerts (to staff) beside the participant's other messages.
    let (_, ledger) = app
        .get(
            &app.admin,
            &format!("/api/v1/messages?participant_id={sara}"),
        )
        .await;
    let sent_alerts = ledger
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["kind"] == "leader_alert" && m["state"] == "sent")
        .count();
    assert!(sent_alerts >= 2, "{ledger}");

    // Marking again, or a third run of the worker, sends nothing twice.
    mark(&app, &leader, second, sara, "absent").await;
    plan_and_send(&app).await;
    let again = smtp.messages().await;
    assert_eq!(alerts_to(&again, "kursleder@samling.test").len(), 1);

    // The daily digest lists the alert while it is open, and not once it is followed up.
    let digest_to_leader = |mails: &[ReceivedMail]| {
        mails
            .iter()
            .filter(|m| {
                m.to.contains("kursleder@samling.test") && m.subject.starts_with("Samling:")
            })
            .map(|m| m.text.clone())
            .collect::<Vec<_>>()
    };
    let worker = app.worker(Duration::zero());
    samling::worker::housekeeping::digest(&worker, chrono::Utc::now())
        .await
        .unwrap();
    plan_and_send(&app).await;
    let mails = smtp
        .wait_for(again.len() + 1, std::time::Duration::from_secs(10))
        .await;
    let digests = digest_to_leader(&mails);
    assert_eq!(digests.len(), 1, "{mails:?}");
    assert!(
        digests[0].contains("Åpne varsler") && digests[0].contains("Sara A."),
        "{}",
        digests[0]
    );
    let (code, _) = app
        .post(
            &leader,
            "/api/v1/follow-ups",
            json!({"participant_id": sara, "session_id": second, "note": "Møte med rådgiver avtalt."}),
        )
        .await;
    assert_eq!(code, 201);
    // The next day's digest (if the leader has sessions that day) no longer names her; the
    // digest is written when it is queued.
    samling::worker::housekeeping::digest(&worker, chrono::Utc::now() + Duration::days(1))
        .await
        .unwrap();
    let bodies: Vec<String> = store::sql::query_scalar(
        "SELECT body FROM outbox WHERE kind = 'daily_digest' AND user_id = $1 ORDER BY id",
    )
    .bind(app.user_id("kursleder@samling.test").await)
    .fetch_all(&app.pool)
    .await
    .unwrap();
    assert!(bodies.first().is_some_and(|b| b.contains("Sara A.")));
    assert!(
        bodies[1..].iter().all(|b| !b.contains("Sara A.")),
        "{bodies:?}"
    );
}
