//! Courses changed after creation through `PATCH /api/v1/courses/{id}`, with the real server
//! and worker: a raised capacity promotes the first on the waitlist in order (and they get
//! their welcome), a capacity below the enrolled is refused saying how many, a new place is in
//! the reminders not yet sent, leaders are replaced, a course that is over is closed and one
//! nobody joined is deleted; every change is in the audit log.

use chrono::{Duration, Utc};
use domain::people::Role;
use samling_tests::crowd::{enrol_texters, new_course};
use samling_tests::{assert_error, TestApp};
use serde_json::{json, Value};

async fn setup() -> TestApp {
    let app = TestApp::spawn_with(&[("quiet_hours", "off")]).await;
    app.load_demo().await;
    app
}

async fn patch(app: &TestApp, course: i64, body: Value) -> (u16, Value) {
    app.patch(&app.admin, &format!("/api/v1/courses/{course}"), body)
        .await
}

/// Enrolment statuses by first name, in the course's order.
async fn statuses(app: &TestApp, course: i64) -> Vec<(String, String)> {
    let (status, list) = app
        .get(&app.admin, &format!("/api/v1/courses/{course}/enrolments"))
        .await;
    assert_eq!(status, 200, "{list}");
    let mut out: Vec<(String, String)> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["first_name"].as_str().unwrap().to_string(),
                e["status"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    out.sort();
    out
}

#[tokio::test]
async fn a_raised_capacity_promotes_the_waitlist_in_order_and_a_lowered_one_is_refused() {
    let app = setup().await;
    let course = new_course(&app, "Ny retning – liten").await;
    let (status, changed) = patch(&app, course, json!({"capacity": 2})).await;
    assert_eq!(status, 200, "{changed}");
    enrol_texters(&app, course, 0, 5).await;
    let waiting = |names: &[&str]| -> Vec<(String, String)> {
        (0..5)
            .map(|i| {
                let name = format!("Deltaker{i}");
                let status = if names.contains(&name.as_str()) {
                    "waitlisted"
                } else {
                    "enrolled"
                };
                (name, status.to_string())
            })
            .collect()
    };
    assert_eq!(
        statuses(&app, course).await,
        waiting(&["Deltaker2", "Deltaker3", "Deltaker4"])
    );

    let refused = patch(&app, course, json!({"capacity": 1})).await;
    assert_error(&refused, 422, "invalid", Some("capacity"));
    assert!(
        refused.1["error"]["message"]
            .as_str()
            .unwrap()
            .ends_with("the number enrolled: 2"),
        "{}",
        refused.1
    );

    let (status, changed) = patch(&app, course, json!({"capacity": 4})).await;
    assert_eq!(status, 200, "{changed}");
    assert_eq!(
        (changed["enrolled"].as_i64(), changed["waitlisted"].as_i64()),
        (Some(4), Some(1))
    );
    assert_eq!(statuses(&app, course).await, waiting(&["Deltaker4"]));

    // The promoted get their welcome; the one still waiting does not.
    app.run_worker_at(Utc::now()).await;
    let welcomed: Vec<String> = store::sql::query_scalar(
        "SELECT p.first_name FROM outbox o JOIN participants p ON p.id = o.participant_id
         WHERE o.kind = 'welcome' AND o.course_id = $1 AND o.state = 'sent' ORDER BY p.first_name",
    )
    .bind(course)
    .fetch_all(&app.pool)
    .await
    .unwrap();
    assert_eq!(
        welcomed,
        ["Deltaker0", "Deltaker1", "Deltaker2", "Deltaker3"]
    );

    // No limit lets everyone in.
    let (status, changed) = patch(&app, course, json!({"capacity": null})).await;
    assert_eq!(status, 200, "{changed}");
    assert_eq!(changed["waitlisted"], 0);
    let (_, audit) = app
        .get(
            &app.admin,
            &format!("/api/v1/audit?entity=course&entity_id={course}"),
        )
        .await;
    let capacities: Vec<(Value, Value)> = audit
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == "update")
        .map(|e| {
            (
                e["before"]["capacity"].clone(),
                e["after"]["capacity"].clone(),
            )
        })
        .collect();
    assert_eq!(
        capacities,
        [
            (json!(4), json!(null)),
            (json!(2), json!(4)),
            (json!(null), json!(2))
        ]
    );
}

#[tokio::test]
async fn a_new_place_is_in_the_reminders_not_yet_sent() {
    let app = setup().await;
    let course = new_course(&app, "Ny retning – flytter").await;
    enrol_texters(&app, course, 0, 1).await;
    app.run_worker_at(Utc::now()).await;
    let (status, changed) = patch(
        &app,
        course,
        json!({"location": "Kulturhuset, sal 3", "public_name": "Ny vei"}),
    )
    .await;
    assert_eq!(status, 200, "{changed}");
    // The first reminder, sent when it is due.
    let due: chrono::DateTime<Utc> = store::sql::query_scalar(
        "SELECT MIN(due_at) FROM outbox WHERE course_id = $1 AND kind = 'session_reminder' AND state = 'planned'",
    )
    .bind(course)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    app.run_worker_at(due + Duration::minutes(1)).await;
    let sent = app.ledger(&format!("course_id={course}&state=sent")).await;
    let reminder = sent
        .iter()
        .find(|m| m["kind"] == "session_reminder")
        .unwrap_or_else(|| panic!("a reminder was sent: {sent:?}"));
    let body = reminder["body"].as_str().unwrap();
    assert!(
        body.contains("Kulturhuset, sal 3") && body.contains("Ny vei"),
        "{body}"
    );
    // A session with a place of its own keeps it.
    let sessions = app
        .get(&app.admin, &format!("/api/v1/courses/{course}/sessions"))
        .await
        .1;
    assert!(sessions
        .as_array()
        .unwrap()
        .iter()
        .all(|s| s["location"].is_null() || s["location"] == "Kulturhuset, sal 3"));
}

#[tokio::test]
async fn leaders_are_replaced_and_only_active_leaders_or_admins_can_lead() {
    let app = setup().await;
    let course = new_course(&app, "Ny retning – ledere").await;
    let first = app.user("forste@test.no", Role::Leader, None).await;
    let second = app.user("andre@test.no", Role::Leader, None).await;
    let counsellor = app
        .user(
            "radgiver@test.no",
            Role::Counsellor,
            Some("Haugen ungdomsskole"),
        )
        .await;
    let _ = counsellor;
    let (first_id, second_id) = (
        app.user_id("forste@test.no").await,
        app.user_id("andre@test.no").await,
    );
    let path = format!("/api/v1/courses/{course}");
    let (status, changed) = patch(&app, course, json!({"leader_ids": [first_id]})).await;
    assert_eq!(status, 200, "{changed}");
    assert_eq!(
        changed["leaders"],
        json!([{"id": first_id, "name": "forste"}])
    );
    assert_eq!(app.get(&first, &path).await.0, 200);
    assert_eq!(app.get(&second, &path).await.0, 403);

    // The leader hands the course over; now the other one has it.
    let (status, changed) = app
        .patch(
            &first,
            &path,
            json!({"leader_ids": [second_id], "note": "Overtatt av andre"}),
        )
        .await;
    assert_eq!(status, 200, "{changed}");
    assert_eq!(changed["note"], "Overtatt av andre");
    assert_eq!(app.get(&second, &path).await.0, 200);
    assert_eq!(app.get(&first, &path).await.0, 403);

    let counsellor_id = app.user_id("radgiver@test.no").await;
    for ids in [json!([counsellor_id]), json!([]), json!([99999])] {
        let refused = patch(&app, course, json!({"leader_ids": ids})).await;
        assert_error(&refused, 422, "invalid", Some("leader_ids"));
    }
    let refused = patch(&app, course, json!({"title": "  "})).await;
    assert_error(&refused, 422, "invalid", Some("title"));
}

#[tokio::test]
async fn a_course_that_is_over_is_closed_and_one_nobody_joined_is_deleted() {
    let app = setup().await;
    // A course that ended months ago.
    let start = (Utc::now() - Duration::days(150)).date_naive();
    let (status, old) = app
        .post(
            &app.admin,
            "/api/v1/courses",
            json!({
                "programme_id": app.programme_id("Ny retning").await, "title": "Ny retning – i fjor",
                "location": "Ungdomshuset", "start_date": start.to_string(), "weekdays": ["mon"],
                "start_time": "12:00", "end_time": "14:00"
            }),
        )
        .await;
    assert_eq!(status, 201, "{old}");
    let old = old["id"].as_i64().unwrap();
    let coming = new_course(&app, "Ny retning – snart").await;
    let refused = app
        .post(
            &app.admin,
            &format!("/api/v1/courses/{coming}/close"),
            json!({}),
        )
        .await;
    assert_error(&refused, 409, "conflict", None);

    let (status, closed) = app
        .post(
            &app.admin,
            &format!("/api/v1/courses/{old}/close"),
            json!({}),
        )
        .await;
    assert_eq!(status, 200, "{closed}");
    assert!(closed["closed_at"].is_string());
    let ids = |list: &Value| -> Vec<i64> {
        list.as_array()
            .unwrap()
            .iter()
            .map(|c| c["id"].as_i64().unwrap())
            .collect()
    };
    let (_, active) = app.get(&app.admin, "/api/v1/courses").await;
    assert!(!ids(&active).contains(&old) && ids(&active).contains(&coming));
    let (_, past) = app.get(&app.admin, "/api/v1/courses?closed=true").await;
    assert_eq!(ids(&past), [old]);
    assert_eq!(
        app.get(&app.admin, &format!("/api/v1/courses/{old}"))
            .await
            .0,
        200
    );

    // Deleting: refused once someone is enrolled, done for a course nobody joined.
    let joined = new_course(&app, "Ny retning – med folk").await;
    enrol_texters(&app, joined, 0, 1).await;
    let refused = app
        .delete(&app.admin, &format!("/api/v1/courses/{joined}"), None)
        .await;
    assert_error(&refused, 409, "conflict", None);
    let (status, _) = app
        .delete(&app.admin, &format!("/api/v1/courses/{coming}"), None)
        .await;
    assert_eq!(status, 204);
    assert_eq!(
        app.get(&app.admin, &format!("/api/v1/courses/{coming}"))
            .await
            .0,
        404
    );
    let (_, audit) = app
        .get(
            &app.admin,
            &format!("/api/v1/audit?entity=course&entity_id={coming}"),
        )
        .await;
    let actions: Vec<&str> = audit
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions, ["delete", "create"], "{audit}");
    assert_eq!(audit[0]["before"]["title"], "Ny retning – snart");
}

#[tokio::test]
async fn a_new_leader_gets_the_course_alerts_from_then_on() {
    let app = setup().await;
    let newcomer = app.user("ny@test.no", Role::Leader, None).await;
    let _ = newcomer;
    let newcomer = app.user_id("ny@test.no").await;
    // The demo course's first two held sessions; Jonas missed both. His primary contact is
    // taken away so that only the course's leaders are told.
    let course: i64 =
        store::sql::query_scalar("SELECT id FROM courses WHERE title = 'Klart jeg kan – demokurs'")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    let jonas = app.participant_named("Jonas").await;
    store::sql::query("UPDATE participants SET primary_contact_id = NULL WHERE id = $1")
        .bind(jonas)
        .execute(&app.pool)
        .await
        .unwrap();
    let held: Vec<i64> = store::sql::query_scalar(
        "SELECT id FROM sessions WHERE course_id = $1 AND starts_at < $2 ORDER BY starts_at LIMIT 2",
    )
    .bind(course)
    .bind(Utc::now())
    .fetch_all(&app.pool)
    .await
    .unwrap();
    let (status, changed) = patch(&app, course, json!({"leader_ids": [newcomer]})).await;
    assert_eq!(status, 200, "{changed}");
    for session in held {
        let (code, body) = app
            .put(
                &app.admin,
                &format!("/api/v1/sessions/{session}/attendance/{jonas}"),
                json!({"status": "absent"}),
            )
            .await;
        assert_eq!(code, 200, "{body}");
    }
    app.run_worker_at(Utc::now()).await;
    let told: Vec<String> = store::sql::query_scalar(
        "SELECT u.email FROM outbox o JOIN users u ON u.id = o.user_id
         WHERE o.kind = 'leader_alert' AND o.participant_id = $1 AND o.state IN ('planned', 'sent')",
    )
    .bind(jonas)
    .fetch_all(&app.pool)
    .await
    .unwrap();
    assert_eq!(
        told,
        ["ny@test.no"],
        "the new leader is told, the old one no longer"
    );
}
