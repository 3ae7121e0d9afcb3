//! Reminder rules through the API: the rules in force and where they come from, who may
//! change them, bad rules refused naming the field, and pending reminders following a change
//! as soon as the worker has run (the demo course, whose sessions lie ahead).

use chrono::{Duration, Utc};
use domain::people::Role;
use samling_tests::sms_gateway::SmsGateway;
use samling_tests::smtp::SmtpServer;
use samling_tests::{assert_error, TestApp};
use serde_json::json;

/// Planned reminders of the course by one rule (its key in the outbox, e.g. "sms-1440m").
async fn planned(app: &TestApp, course: i64, rule: &str) -> i64 {
    store::sql::query_scalar(
        "SELECT COUNT(*) FROM outbox WHERE course_id = $1 AND state = 'planned' AND rule_key = $2",
    )
    .bind(course)
    .bind(rule)
    .fetch_one(&app.pool)
    .await
    .unwrap()
}

async fn plan_now(app: &TestApp) {
    app.worker(Duration::zero())
        .run_once()
        .await
        .expect("the worker runs");
}

#[tokio::test]
async fn rules_are_read_changed_by_whom_may_and_pending_reminders_follow() {
    let gateway = SmsGateway::start().await;
    let smtp = SmtpServer::start().await;
    let app = TestApp::spawn_messaging(&gateway, &smtp).await;
    let course: i64 =
        store::sql::query_scalar("SELECT id FROM courses WHERE title = 'Klart jeg kan – demokurs'")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    let programme: i64 = store::sql::query_scalar("SELECT programme_id FROM courses WHERE id = $1")
        .bind(course)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let leader = app.user("kursleder@samling.test", Role::Leader, None).await;
    let counsellor = app
        .user("radgiver@skole.test", Role::Counsellor, Some("Byskolen"))
        .await;
    let url = format!("/api/v1/courses/{course}/reminder-rules");

    let (status, rules) = app.get(&leader, &url).await;
    assert_eq!(status, 200, "{rules}");
    assert_eq!(rules["source"], "default");
    assert_eq!(rules["rules"].as_array().unwrap().len(), 3);
    assert_eq!(rules["can_edit"], true);
    plan_now(&app).await;
    assert!(
        planned(&app, course, "sms-1440m").await > 0,
        "the 24 h texts are planned"
    );

    // Only admins and the course's leaders change a course's rules.
    let three_hours = json!({"rules": [{"channel": "sms", "offset_minutes": 180}]});
    let refused = app.put(&counsellor, &url, three_hours.clone()).await;
    assert_eq!(refused.0, 403, "{}", refused.1);
    let (status, rules) = app.put(&leader, &url, three_hours).await;
    assert_eq!(status, 200, "{rules}");
    assert_eq!(rules["source"], "course");
    assert_eq!(
        rules["rules"][0]["min_lead_minutes"], 60,
        "the default least lead"
    );
    plan_now(&app).await;
    assert_eq!(
        planned(&app, course, "sms-1440m").await,
        0,
        "the removed rule's texts are called off"
    );
    assert!(
        planned(&app, course, "sms-180m").await > 0,
        "the new rule's texts are planned"
    );
    let reason: String = store::sql::query_scalar(
        "SELECT reason FROM outbox WHERE course_id = $1 AND rule_key = 'sms-1440m' AND state = 'cancelled' LIMIT 1",
    )
    .bind(course)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(reason, "the reminder rule was removed");

    for bad in [
        json!({"rules": [{"channel": "pigeon", "offset_minutes": 60}]}),
        json!({"rules": [{"channel": "sms", "offset_minutes": 0}]}),
        json!({"rules": [{"channel": "sms", "offset_minutes": 60}, {"channel": "sms", "offset_minutes": 60}]}),
    ] {
        assert_error(
            &app.put(&leader, &url, bad).await,
            422,
            "invalid",
            Some("rules"),
        );
    }

    // The programme's rules are the coordinator's; a course without its own follows them.
    let programme_url = format!("/api/v1/programmes/{programme}/reminder-rules");
    let two_days =
        json!({"rules": [{"channel": "sms", "offset_minutes": 2880, "min_lead_minutes": 0}]});
    assert_eq!(
        app.put(&leader, &programme_url, two_days.clone()).await.0,
        403
    );
    let (status, rules) = app.put(&app.admin, &programme_url, two_days).await;
    assert_eq!(
        (status, rules["source"].as_str()),
        (200, Some("programme")),
        "{rules}"
    );
    let (_, rules) = app.get(&leader, &url).await;
    assert_eq!(rules["source"], "course", "the course keeps its own");
    let (_, rules) = app.put(&leader, &url, json!({"rules": []})).await;
    assert_eq!(
        rules["source"], "programme",
        "emptied, the course follows the programme"
    );
    assert_eq!(rules["rules"][0]["offset_minutes"], 2880);
    plan_now(&app).await;
    assert_eq!(planned(&app, course, "sms-180m").await, 0);
    let upcoming: i64 = store::sql::query_scalar(
        "SELECT COUNT(*) FROM sessions WHERE course_id = $1 AND starts_at > $2",
    )
    .bind(course)
    .bind(Utc::now() + Duration::days(2))
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert!(upcoming > 0 && planned(&app, course, "sms-2880m").await > 0);

    assert_eq!(
        app.get(&leader, "/api/v1/courses/999999/reminder-rules")
            .await
            .0,
        404
    );
}
