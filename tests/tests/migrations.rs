//! Migrations that rebuild a table keep what was in it: a database made by the previous
//! release is migrated, and its rows, rules and indexes are checked afterwards.

use sqlx::migrate::Migrator;
use sqlx::SqlitePool;
use std::borrow::Cow;
use store::sql::SQLITE_MIGRATOR as MIGRATOR;
use store::Db;

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
    // These migrations are SQLite's own: the test works on the SQLite pool itself.
    let Db::Sqlite(pool) = Db::connect(&format!("sqlite://{}", file.display()))
        .await
        .unwrap()
    else {
        unreachable!("a sqlite: URL opens SQLite")
    };
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
    // And the staff accounts' rebuild: the invitation and the password reset.
    assert!(
        !refused(&pool, "h", "staff_invitation", "planned").await,
        "a staff invitation is a kind"
    );
    assert!(
        !refused(&pool, "i", "password_reset", "planned").await,
        "a password reset is a kind"
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
            "outbox_by_user",
            "outbox_claims",
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

#[tokio::test]
async fn the_consent_migration_keeps_consents_replies_and_messages() {
    let version = 20261205090000;
    let skip = MIGRATOR.iter().filter(|m| m.version >= version).count();
    assert!(skip >= 1, "the consent migration is among the migrations");
    let (pool, file) = database_before(skip).await;
    let now = "2026-12-01T09:00:00+00:00";
    let pupil: i64 = sqlx::query_scalar(
        "INSERT INTO participants (first_name, last_name, birth_date, created_at, updated_at)
         VALUES ('Amina', 'Hassan', '2010-06-21', ?1, ?1) RETURNING id",
    )
    .bind(now)
    .fetch_one(&pool)
    .await
    .unwrap();
    sqlx::query(
        "INSERT INTO consents (participant_id, given_by, given_at, text, channels, recorded_at)
         VALUES (?1, 'Faadumo Hassan', ?2, 'Old text', 'both', ?2)",
    )
    .bind(pupil)
    .bind(now)
    .execute(&pool)
    .await
    .unwrap();
    sqlx::query(
        "INSERT INTO inbox (participant_id, from_number, body, intent, received_at)
         VALUES (?1, '+4791234503', 'STOPP', 'stop', ?2)",
    )
    .bind(pupil)
    .bind(now)
    .execute(&pool)
    .await
    .unwrap();
    let sent = outbox_row(&pool, "kept", "sent").await;

    MIGRATOR.run(&pool).await.unwrap();

    // The consent, with both channels as two flags, and the view of the one in force.
    let consent: (String, String, bool, bool, String) = sqlx::query_as(
        "SELECT decision, given_by, sms = 1, email = 1, text FROM current_consents WHERE participant_id = ?",
    )
    .bind(pupil)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(
        consent,
        (
            "given".into(),
            "Faadumo Hassan".into(),
            true,
            true,
            "Old text".into()
        )
    );
    let intent: String = sqlx::query_scalar("SELECT intent FROM inbox")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(intent, "stop");
    let kept: String = sqlx::query_scalar("SELECT dedupe_key FROM outbox WHERE id = ?")
        .bind(sent)
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(kept, "kept");
    // The new kinds and intent are accepted, unknown ones still refused.
    assert!(!refused(&pool, "copy", "guardian_welcome", "planned").await);
    assert!(!refused(&pool, "ask", "consent_request", "planned").await);
    assert!(refused(&pool, "odd", "guardian_gossip", "planned").await);
    sqlx::query(
        "INSERT INTO inbox (from_number, body, intent, received_at) VALUES ('+4791234503', 'START', 'start', ?)",
    )
    .bind(now)
    .execute(&pool)
    .await
    .unwrap();
    // A consent is never changed in place; a withdrawal (once) is the one change allowed.
    let changed = sqlx::query("UPDATE consents SET sms = 0 WHERE participant_id = ?")
        .bind(pupil)
        .execute(&pool)
        .await;
    assert!(changed.is_err());
    let withdraw = "UPDATE consents SET withdrawn_at = ? WHERE participant_id = ?";
    for (time, allowed) in [(now, true), ("2026-12-02T09:00:00+00:00", false)] {
        let r = sqlx::query(withdraw)
            .bind(time)
            .bind(pupil)
            .execute(&pool)
            .await;
        assert_eq!(r.is_ok(), allowed, "withdrawn at {time}");
    }
    pool.close().await;
    let _ = std::fs::remove_file(file);
}

#[tokio::test]
async fn a_message_an_older_version_left_sending_becomes_uncertain_when_claims_arrive() {
    let version = 20261206090000;
    let skip = MIGRATOR.iter().filter(|m| m.version >= version).count();
    assert!(
        skip >= 1,
        "the worker claims migration is among the migrations"
    );
    let (pool, file) = database_before(skip).await;
    let sending = outbox_row(&pool, "in-flight", "sending").await;
    let planned = outbox_row(&pool, "waiting", "planned").await;

    MIGRATOR.run(&pool).await.unwrap();

    let states: Vec<(i64, String, Option<String>, Option<String>)> =
        sqlx::query_as("SELECT id, state, reason, claimed_by FROM outbox ORDER BY id")
            .fetch_all(&pool)
            .await
            .unwrap();
    assert_eq!(states.len(), 2);
    assert_eq!((states[0].0, states[0].1.as_str()), (sending, "uncertain"));
    assert!(states[0]
        .2
        .as_deref()
        .is_some_and(|r| r.contains("check with the recipient")));
    assert_eq!((states[1].0, states[1].1.as_str()), (planned, "planned"));
    assert!(states.iter().all(|s| s.3.is_none()), "no claims yet");
    // The old lease is gone; workers register instead.
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('worker_lease', 'workers')",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    assert_eq!(tables, ["workers"]);
    pool.close().await;
    let _ = std::fs::remove_file(file);
}
