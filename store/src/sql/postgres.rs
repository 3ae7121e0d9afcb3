//! PostgreSQL: a pool for one of several instances sharing the database, and write
//! transactions that take turns through one advisory lock.

use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::PgPool;
use std::str::FromStr;
use std::time::Duration;

pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("../migrations/postgres");

/// The advisory lock that write transactions take (any fixed number; "Samling" in ASCII).
const WRITE_LOCK: i64 = 0x53_61_6d_6c_69_6e_67;

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
