//! Planning that runs several times at once — two instances starting together, a change
//! planned while the periodic plan runs — writes each message once, takes turns per course
//! (on PostgreSQL several courses are written side by side) and never waits in a circle.

use chrono::Utc;
use domain::messages::MessageKind;
use samling_tests::crowd::{enrol_texters, new_course};
use samling_tests::TestApp;
use std::collections::BTreeSet;
use store::messages::planner;

/// The messages planning owns, planned or skipped (not those sent on request, such as the
/// demo's consent request).
fn planned_rows() -> String {
    let on_request: Vec<String> = MessageKind::ALL
        .iter()
        .filter(|k| k.on_request())
        .map(|k| format!("'{}'", k.code()))
        .collect();
    format!(
        "state IN ('planned', 'skipped') AND kind NOT IN ({})",
        on_request.join(", ")
    )
}

async fn planned_keys(app: &TestApp) -> BTreeSet<String> {
    store::sql::query_scalar(&format!(
        "SELECT dedupe_key FROM outbox WHERE {}",
        planned_rows()
    ))
    .fetch_all(&app.pool)
    .await
    .unwrap()
    .into_iter()
    .collect()
}

#[tokio::test]
async fn planners_running_at_once_write_each_message_once() {
    let app = TestApp::spawn().await;
    app.load_demo().await;
    for c in 0..6 {
        let course = new_course(&app, &format!("Ny retning {c}")).await;
        enrol_texters(&app, course, c * 10, 4).await;
    }
    let now = Utc::now();
    planner::replan_all(&app.pool, None, now).await.unwrap();
    let wanted = planned_keys(&app).await;
    assert!(wanted.len() > 6 * 4 * 4, "{} messages", wanted.len());

    for round in 0..3 {
        // Planned again from nothing by four planners at once, each course twice more by
        // planners of their own (courses in both orders, so that two transactions holding
        // several courses would meet each other's in a circle were locks taken in any order).
        store::sql::query(&format!("DELETE FROM outbox WHERE {}", planned_rows()))
            .execute(&app.pool)
            .await
            .unwrap();
        let courses: Vec<i64> = store::sql::query_scalar("SELECT id FROM courses ORDER BY id")
            .fetch_all(&app.pool)
            .await
            .unwrap();
        let all = (0..4).map(|_| planner::replan_all(&app.pool, None, now));
        let one_by_one = courses
            .iter()
            .chain(courses.iter().rev())
            .map(|id| planner::replan_course(&app.pool, *id, None, now));
        let (all, one_by_one) = tokio::join!(
            futures_util::future::join_all(all),
            futures_util::future::join_all(one_by_one)
        );
        let mut inserted = 0;
        for stats in all.into_iter().chain(one_by_one) {
            let stats = stats.unwrap_or_else(|e| panic!("round {round}: {e:?}"));
            inserted += stats.inserted + stats.skipped;
        }
        // Each row counted once by the planner whose insert took it.
        assert_eq!(inserted, wanted.len(), "round {round}");
        assert_eq!(planned_keys(&app).await, wanted, "round {round}");
    }
}
