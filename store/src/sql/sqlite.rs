//! SQLite: one file, WAL, a busy timeout, foreign keys on, and writes that take the
//! database's write lock at BEGIN.

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::SqlitePool;
use std::str::FromStr;
use std::time::Duration;

pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("../migrations/sqlite");

pub async fn connect(url: &str) -> Result<SqlitePool, sqlx::Error> {
    let options = SqliteConnectOptions::from_str(url)?
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .busy_timeout(Duration::from_secs(5))
        .foreign_keys(true)
        // 8 MB of page cache per connection (SQLite's default is 2 MB): planning writes
        // thousands of outbox rows whose index pages then stay in memory instead of being
        // read back from the file. At most 64 MB over the pool's 8 connections.
        .pragma("cache_size", "-8000")
        // Deleted and overwritten content is zeroed in the file, so that an erased
        // participant's name is not left behind in free space.
        .pragma("secure_delete", "on");
    if let Some(parent) = options.get_filename().parent() {
        if !parent.as_os_str().is_empty() {
            std::fs::create_dir_all(parent).map_err(sqlx::Error::Io)?;
        }
    }
    SqlitePoolOptions::new()
        .max_connections(8)
        .connect_with(options)
        .await
}

/// IMMEDIATE takes the write lock at BEGIN, waiting its turn on the busy timeout: a plain
/// deferred transaction that reads first and then writes fails at once with "database is
/// locked" when another connection (the worker) wrote meanwhile.
pub async fn begin_write(
    pool: &SqlitePool,
) -> Result<sqlx::Transaction<'static, sqlx::Sqlite>, sqlx::Error> {
    pool.begin_with("BEGIN IMMEDIATE").await
}
