//! Retention with a shifted clock: a participant with no activity for the configured months is
//! erased by housekeeping, one an admin kept longer only after the extension runs out; the
//! admins' list shows who is due within 30 days; old message texts are forgotten.

use chrono::{Duration, Months, Utc};
use samling_tests::{assert_error, TestApp};
use serde_json::json;

async fn register(app: &TestApp, first: &str) -> i64 {
    let (status, p) = app
        .post(
            &app.admin,
            "/api/v1/participants",
            json!({"first_name": first, "last_name": "Retensjon", "phone": "+4791234567"}),
        )
        .await;
    assert_eq!(status, 201, "{p}");
    p["id"].as_i64().unwrap()
}

async fn erased(app: &TestApp, id: i64) -> bool {
    store::sql::query_scalar::<bool>("SELECT erased_at IS NOT NULL FROM participants WHERE id = $1")
        .bind(id)
        .fetch_one(&app.pool)
        .await
        .unwrap()
}

#[tokio::test]
async fn housekeeping_erases_after_the_retention_and_an_extension_defers_it() {
    let app = TestApp::spawn_with(&[("retention_months", "12")]).await;
    let idle = register(&app, "Ingrid").await;
    let kept = register(&app, "Kasper").await;
    let active = register(&app, "Aktiv").await;
    let now = Utc::now();
    let in_months = |m: u32| now.checked_add_months(Months::new(m)).unwrap();
    // Activity half a year on (an outcome dated then) moves Aktiv's clock.
    store::sql::query(
        "INSERT INTO outcomes (participant_id, status, date, note, recorded_at) VALUES ($1, 'work', $2, '', $3)",
    )
    .bind(active)
    .bind(in_months(6).date_naive())
    .bind(now)
    .execute(&app.pool)
    .await
    .unwrap();

    // Nobody is due today; an extension needs a later day and a reason.
    let (status, due) = app.get(&app.admin, "/api/v1/retention").await;
    assert_eq!((status, due), (200, json!([])));
    let extend = format!("/api/v1/participants/{kept}/retention");
    let today = now.date_naive().to_string();
    assert_error(
        &app.post(
            &app.admin,
            &extend,
            json!({"keep_until": today, "reason": "Klage"}),
        )
        .await,
        422,
        "invalid",
        Some("keep_until"),
    );
    let until = in_months(18).date_naive();
    assert_error(
        &app.post(
            &app.admin,
            &extend,
            json!({"keep_until": until.to_string(), "reason": ""}),
        )
        .await,
        422,
        "invalid",
        Some("reason"),
    );
    let leader = app
        .user("leder@test.no", domain::people::Role::Leader, None)
        .await;
    let body = json!({"keep_until": until.to_string(), "reason": "Saken er klaget inn"});
    assert_error(
        &app.post(&leader, &extend, body.clone()).await,
        403,
        "forbidden",
        None,
    );
    let (status, answer) = app.post(&app.admin, &extend, body).await;
    assert_eq!(status, 201, "{answer}");

    // Eleven and a half months on, Ingrid shows as due within 30 days; Kasper is kept.
    let admin = store::Actor::new(
        store::auth::staff_by_email(&app.pool, "admin@test.no")
            .await
            .unwrap()
            .unwrap(),
        store::Via::Api,
    );
    let soon = in_months(11) + Duration::days(15);
    let due = store::privacy::retention::due_soon(&app.pool, &admin, 12, soon)
        .await
        .unwrap();
    let ids: Vec<i64> = due.iter().map(|d| d.participant_id).collect();
    assert_eq!(ids, vec![idle]);
    assert_eq!(due[0].erase_on, in_months(12).date_naive());

    // Housekeeping at thirteen months erases Ingrid only.
    let worker = app.worker(in_months(13) - Utc::now());
    let n = samling::worker::housekeeping::retention(&worker, in_months(13))
        .await
        .unwrap();
    assert_eq!(n, 1);
    assert!(erased(&app, idle).await);
    assert!(!erased(&app, kept).await);
    assert!(!erased(&app, active).await);
    let cause: String =
        store::sql::query_scalar("SELECT cause FROM erasures WHERE participant_id = $1")
            .bind(idle)
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(cause, "retention");

    // After the extension and after Aktiv's own clock, both go.
    let later = in_months(19);
    let worker = app.worker(later - Utc::now());
    samling::worker::housekeeping::retention(&worker, later)
        .await
        .unwrap();
    assert!(erased(&app, kept).await);
    assert!(erased(&app, active).await);
}

#[tokio::test]
async fn texts_of_sent_messages_are_forgotten_after_their_own_retention() {
    let app = TestApp::spawn_with(&[
        ("message_text_retention_days", "30"),
        ("quiet_hours", "off"),
    ])
    .await;
    app.load_demo().await;
    app.run_worker_at(Utc::now()).await;
    let with_text = || async {
        store::sql::query_scalar::<i64>(
            "SELECT COUNT(*) FROM outbox WHERE participant_id IS NOT NULL AND body IS NOT NULL
             AND state <> 'planned'",
        )
        .fetch_one(&app.pool)
        .await
        .unwrap()
    };
    assert!(with_text().await > 0, "the demo's welcome texts went out");
    let worker = app.worker(Duration::days(31));
    samling::worker::housekeeping::retention(&worker, Utc::now() + Duration::days(31))
        .await
        .unwrap();
    assert_eq!(with_text().await, 0);
    // The rows stay in the ledger; planned reminders keep their texts to come.
    let kept: i64 = store::sql::query_scalar(
        "SELECT COUNT(*) FROM outbox WHERE participant_id IS NOT NULL AND state <> 'planned'",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert!(kept > 0);
}
