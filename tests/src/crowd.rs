//! A crowd for the dispatch tests: a course with many participants who take texts, whose
//! welcomes are all due at once, and a way to wait for what the workers do with them.

use crate::TestApp;
use chrono::{Datelike, Duration, Utc};
use serde_json::json;
use std::collections::BTreeMap;

/// A course with `n` adults enrolled who take texts (and no other enrolments): their
/// welcomes are due at once. Returns their numbers.
pub async fn course_of_texters(app: &TestApp, n: usize) -> Vec<String> {
    store::sql::query("DELETE FROM enrolments")
        .execute(&app.pool)
        .await
        .unwrap();
    let course = new_course(app, "Ny retning – mange").await;
    enrol_texters(app, course, 0, n).await
}

/// A "Ny retning" course with weekly sessions from a week ahead; returns its id.
pub async fn new_course(app: &TestApp, title: &str) -> i64 {
    let start = (Utc::now() + Duration::days(7)).date_naive();
    let weekday = start.weekday().to_string().to_lowercase();
    let (status, course) = app
        .post(
            &app.admin,
            "/api/v1/courses",
            json!({
                "programme_id": app.programme_id("Ny retning").await,
                "title": title,
                "public_name": "Ny retning",
                "location": "Ungdomshuset",
                "start_date": start.to_string(),
                "weekdays": [weekday],
                "start_time": "12:00",
                "end_time": "14:00"
            }),
        )
        .await;
    assert_eq!(status, 201, "{course}");
    course["id"].as_i64().unwrap()
}

/// Enrols `n` new adults who take texts, numbered from `first`; returns their numbers.
pub async fn enrol_texters(app: &TestApp, course: i64, first: usize, n: usize) -> Vec<String> {
    let mut phones = Vec::new();
    for i in first..first + n {
        let phone = format!("+479200{i:04}");
        let (status, p) = app
            .post(
                &app.admin,
                "/api/v1/participants",
                json!({
                    "first_name": format!("Deltaker{i}"), "last_name": "Test", "birth_date": "2003-02-01",
                    "phone": phone, "language": "nb", "preferred_channel": "sms"
                }),
            )
            .await;
        assert_eq!(status, 201, "{p}");
        let (status, e) = app
            .post(
                &app.admin,
                &format!("/api/v1/courses/{course}/enrolments"),
                json!({"participant_id": p["id"]}),
            )
            .await;
        assert_eq!(status, 201, "{e}");
        phones.push(phone);
    }
    phones
}

/// The state of each texter's welcome, by number.
pub async fn welcomes(app: &TestApp) -> BTreeMap<String, String> {
    store::sql::query_as::<(String, String)>(
        "SELECT p.phone, o.state FROM outbox o JOIN participants p ON p.id = o.participant_id
         WHERE o.kind = 'welcome' AND o.channel = 'sms' AND p.first_name LIKE 'Deltaker%'",
    )
    .fetch_all(&app.pool)
    .await
    .unwrap()
    .into_iter()
    .collect()
}

/// Polls `done` every 50 ms for up to 30 s.
pub async fn wait_until(what: &str, mut done: impl AsyncFnMut() -> bool) {
    for _ in 0..600 {
        if done().await {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("timed out waiting until {what}");
}
