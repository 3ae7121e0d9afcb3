//! The demo's two years of history: loaded once (a later start adds nothing), nothing in
//! the past planned or sent, and a monthly report that shows something real.

use chrono::{Duration, Utc};
use samling_tests::TestApp;

async fn count(app: &TestApp, sql: &str) -> i64 {
    store::sql::query_scalar(sql)
        .fetch_one(&app.pool)
        .await
        .unwrap()
}

#[tokio::test]
async fn the_demo_history_loads_once_and_fills_the_reports() {
    let app = TestApp::spawn().await;
    let now = Utc::now();
    samling::demo::load_with_history(&app.pool, now)
        .await
        .unwrap();
    let courses = count(&app, "SELECT COUNT(*) FROM courses").await;
    let people = count(&app, "SELECT COUNT(*) FROM participants").await;
    assert_eq!(
        courses,
        2 + 8,
        "the running demo courses and eight finished ones"
    );
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM courses WHERE closed_at IS NOT NULL"
        )
        .await,
        8
    );
    // A start six weeks later (other start days, other titles) adds no second history.
    samling::demo::load_with_history(&app.pool, now + Duration::days(42))
        .await
        .unwrap();
    assert_eq!(count(&app, "SELECT COUNT(*) FROM courses").await, courses);
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM participants").await,
        people
    );

    // Nothing about the finished courses is waiting to be sent.
    app.run_worker_at(Utc::now()).await;
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM outbox o JOIN courses c ON c.id = o.course_id
                     WHERE c.closed_at IS NOT NULL AND o.state IN ('planned', 'sending', 'sent', 'delivered')").await,
        0
    );

    // An empty `from` means the default period: the last twelve months.
    let (status, report) = app.get(&app.admin, "/api/v1/reports/monthly?from=").await;
    assert_eq!(status, 200, "{report}");
    assert_eq!(report["months"].as_array().unwrap().len(), 12);
    let this = now.format("%Y-%m").to_string();
    let two_years_ago = (now.date_naive() - chrono::Months::new(23))
        .format("%Y-%m")
        .to_string();
    let (status, report) = app
        .get(
            &app.admin,
            &format!("/api/v1/reports/monthly?from={two_years_ago}&to={this}"),
        )
        .await;
    assert_eq!(status, 200, "{report}");
    let months = report["months"].as_array().unwrap();
    assert_eq!(months.len(), 24);
    let with_sessions = months
        .iter()
        .filter(|m| m["sessions_held"].as_i64().unwrap() > 0)
        .count();
    assert!(with_sessions >= 8, "sessions in {with_sessions} months");
    let last = months.last().unwrap();
    let moved_on: i64 = ["work", "education", "work_training", "course"]
        .iter()
        .map(|s| last["accumulated"][s].as_i64().unwrap())
        .sum();
    assert!(moved_on >= 20, "moved on, accumulated: {moved_on}");
    assert!(last["accumulated"]["benefits"].as_i64().unwrap() > 0);
    assert!(
        months
            .iter()
            .any(|m| m["unreachable"].as_i64().unwrap() > 0),
        "someone was hard to reach"
    );
    assert!(months
        .iter()
        .any(|m| m["listed_two_months"].as_i64().unwrap() > 0));
}
