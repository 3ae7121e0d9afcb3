//! PostgreSQL: a pool for one of several instances sharing the database, and write
//! transactions that take turns through one advisory lock.

use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::PgPool;
use std::str::FromStr;
use std::time::Duration;

pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("../migrations/postgres");

/// The advisory lock that write transactions take (any fixed number; "Samling" in ASCII).
const WRITE_LOCK: i64 = 0x53_61_6d_6c_69_6e_67;

/// The space of the per-key locks of `begin_keyed_write` (two-number advisory locks never
/// meet the one-number `WRITE_LOCK`).
const KEYED_LOCKS: i32 = 0x53_61_6d_6c;

/// The space of `begin_turn`'s locks: apart from `KEYED_LOCKS`, so a turn never waits for a
/// keyed write of the same number.
const TURN_LOCKS: i32 = 0x54_75_72_6e;

/// A transaction that takes turns with others for the same key only, without the write lock:
/// for an append that must first see what the previous one of its key wrote.
pub async fn begin_turn(
    pool: &PgPool,
    key: i64,
) -> Result<sqlx::Transaction<'static, sqlx::Postgres>, sqlx::Error> {
    let mut tx = pool.begin().await?;
    sqlx::query("SELECT pg_advisory_xact_lock($1, $2)")
        .bind(TURN_LOCKS)
        .bind(key_lock(key))
        .execute(&mut *tx)
        .await?;
    Ok(tx)
}

pub async fn connect(url: &str) -> Result<PgPool, sqlx::Error> {
    let options = PgConnectOptions::from_str(url)?.application_name("samling");
    PgPoolOptions::new()
        .max_connections(16)
        .acquire_timeout(Duration::from_secs(10))
        .connect_with(options)
        .await
}

/// Samling's write transactions are short. Serialising them keeps the behaviour proven on
/// SQLite (a check and the write it guards see no other writer in between) without retry
/// loops for serialisation failures; reads never wait for the lock.
pub async fn begin_write(
    pool: &PgPool,
) -> Result<sqlx::Transaction<'static, sqlx::Postgres>, sqlx::Error> {
    let mut tx = pool.begin().await?;
    sqlx::query("SELECT pg_advisory_xact_lock($1)")
        .bind(WRITE_LOCK)
        .execute(&mut *tx)
        .await?;
    Ok(tx)
}

/// A write transaction that may run beside others of its kind: it holds the write lock
/// shared (every `begin_write` still takes turns with it) and each key's own lock, taken in
/// ascending order so that two such transactions never wait for each other in a circle.
pub async fn begin_keyed_write(
    pool: &PgPool,
    keys: &[i64],
) -> Result<sqlx::Transaction<'static, sqlx::Postgres>, sqlx::Error> {
    let mut tx = pool.begin().await?;
    sqlx::query("SELECT pg_advisory_xact_lock_shared($1)")
        .bind(WRITE_LOCK)
        .execute(&mut *tx)
        .await?;
    let mut keys: Vec<i32> = keys.iter().map(|k| key_lock(*k)).collect();
    keys.sort_unstable();
    keys.dedup();
    for key in keys {
        sqlx::query("SELECT pg_advisory_xact_lock($1, $2)")
            .bind(KEYED_LOCKS)
            .bind(key)
            .execute(&mut *tx)
            .await?;
    }
    Ok(tx)
}

/// A key's lock number: the key itself while it fits (ids do), else folded. Two keys that
/// fold to one lock only take turns.
fn key_lock(key: i64) -> i32 {
    i32::try_from(key).unwrap_or((key % i64::from(i32::MAX)) as i32)
}
