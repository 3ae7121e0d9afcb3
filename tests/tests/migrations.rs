//! Migrations that rebuild a table keep what was in it: a database made by the previous
//! release is migrated, and its rows, rules and indexes are checked afterwards.

use samling::db::{connect, MIGRATOR};
use sqlx::migrate::Migrator;
use sqlx::SqlitePool;
use std::borrow::Cow;

/// A fresh database file with every migration applied except the last `skip`.
async fn database_before(skip: usize) -> (SqlitePool, std::path::PathBuf) {
    let file = std::env::temp_dir().join(format!(
        "samling-migrations-{}-{}.db",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos()
    ));
    let pool = connect(&format!("sqlite://{}", file.display()))
        .await
        .unwrap();
    let all = MIGRATOR.iter().cloned().collect::<Vec<_>>();
    let older = Migrator {
        migrations: Cow::Owned(all[..all.len() - skip].to_vec()),
        ..Migrator::DEFAULT
    };
    older.run(&pool).await.unwrap();
    (pool, file)
}

async fn outbox_row(pool: &SqlitePool, key: &str, state: &str) -> i64 {
    sqlx::query_scalar(
        "INSERT INTO outbox (dedupe_key, kind, channel, rule_key, nominal_due_at, due_at, state,
            created_at, updated_at)
         VALUES (?, 'session_reminder', 'sms', 'sms-1440m', '2027-01-04T16:00:00+00:00',
            '2027-01-04T16:00:00+00:00', ?, '2026-11-26T09:00:00+00:00', '2026-11-26T09:00:00+00:00')
         RETURNING id",
    )
    .bind(key)
    .bind(state)
    .fetch_one(pool)
    .await
    .unwrap()
}

/// Whether the outbox refuses a row with this key, kind and state.
async fn refused(pool: &SqlitePool, key: &str, kind: &str, state: &str) -> bool {
    sqlx::query(
        "INSERT INTO outbox (dedupe_key, kind, channel, rule_key, nominal_due_at, due_at, state, created_at, updated_at)
         VALUES (?, ?, 'sms', 'r', 'x', 'x', ?, 'x', 'x')",
    )
    .bind(key)
    .bind(kind)
    .bind(state)
    .execute(pool)
    .await
    .is_err()
}

#[tokio::test]
async fn the_outbox_rebuild_keeps_messages_attempts_and_rules() {
    let version = 20261126090000;
    let skip = MIGRATOR.iter().filter(|m| m.version >= version).count();
    assert!(skip >= 1, "the outbox rebuild is among the migrations");
    let (pool, file) = database_before(skip).await;

    let sent = outbox_row(&pool, "a", "sent").await;
    let failed = outbox_row(&pool, "b", "failed").await;
    for (id, outcome) in [
        (sent, "accepted"),
        (failed, "transient"),
        (failed, "permanent"),
    ] {
        sqlx::query("INSERT INTO outbox_attempts (outbox_id, at, outcome) VALUES (?, '2026-11-26T09:00:00+00:00', ?)")
            .bind(id)
            .bind(outcome)
            .execute(&pool)
            .await
            .unwrap();
    }

    MIGRATOR.run(&pool).await.unwrap();

    let kept: Vec<(i64, String, String)> =
        sqlx::query_as("SELECT id, dedupe_key, state FROM outbox ORDER BY id")
            .fetch_all(&pool)
            .await
            .unwrap();
    assert_eq!(
        kept,
        vec![
            (sent, "a".into(), "sent".into()),
            (failed, "b".into(), "failed".into())
        ]
    );
    let attempts: Vec<(i64, String)> =
        sqlx::query_as("SELECT outbox_id, outcome FROM outbox_attempts ORDER BY id")
            .fetch_all(&pool)
            .await
            .unwrap();
    assert_eq!(
        attempts,
        vec![
            (sent, "accepted".into()),
            (failed, "transient".into()),
            (failed, "permanent".into())
        ]
    );

    // The rules still hold: an unknown state or kind, a second row with the same key.
    assert!(
        refused(&pool, "c", "session_reminder", "lost").await,
        "an unknown state is refused"
    );
    assert!(
        refused(&pool, "d", "spam", "planned").await,
        "an unknown kind is refused"
    );
    assert!(
        refused(&pool, "a", "session_reminder", "planned").await,
        "the dedupe key stays unique"
    );
    assert!(
        !refused(&pool, "e", "welcome", "planned").await,
        "a good row is taken"
    );

    // What the rebuild adds: the kind for "new time" messages, the start a message told.
    assert!(
        !refused(&pool, "f", "session_changed", "planned").await,
        "a new-time message is a kind"
    );
    assert!(
        !refused(&pool, "g", "session_cancelled", "planned").await,
        "a cancellation message is a kind"
    );
    sqlx::query("UPDATE outbox SET session_starts_at = '2027-01-04T17:00:00+00:00' WHERE id = ?")
        .bind(sent)
        .execute(&pool)
        .await
        .unwrap();
    // Every index is back.
    let indexes: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('outbox', 'outbox_attempts')
           AND name NOT LIKE 'sqlite_autoindex%' ORDER BY name",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    assert_eq!(
        indexes,
        [
            "outbox_attempts_by_message",
            "outbox_attention",
            "outbox_by_course",
            "outbox_by_participant",
            "outbox_by_provider_id",
            "outbox_due"
        ]
    );

    // Attempts still go with their message.
    sqlx::query("DELETE FROM outbox WHERE id = ?")
        .bind(failed)
        .execute(&pool)
        .await
        .unwrap();
    let left: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM outbox_attempts")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(left, 1);

    // The dashboard's question is answered from its index, not by reading every message.
    let plan: Vec<(i64, i64, i64, String)> = sqlx::query_as(
        "EXPLAIN QUERY PLAN SELECT id FROM outbox WHERE (state = 'failed' OR state = 'uncertain')
         ORDER BY due_at DESC LIMIT 100",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    assert!(
        plan.iter().any(|row| row.3.contains("outbox_attention")),
        "{plan:?}"
    );

    pool.close().await;
    let _ = std::fs::remove_file(file);
}
