//! Opening the SQLite database (WAL, busy timeout, foreign keys, page cache) and applying
//! migrations.

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::SqlitePool;
use std::str::FromStr;
use std::time::Duration;

pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("../migrations");

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
        .pragma("cache_size", "-8000");
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

/// Opens and migrates; the error is a sentence for the operator.
pub async fn connect_and_migrate(url: &str) -> Result<SqlitePool, String> {
    let pool = connect(url)
        .await
        .map_err(|e| format!("cannot open the database {url}: {e}"))?;
    MIGRATOR
        .run(&pool)
        .await
        .map_err(|e| format!("database migration failed: {e}"))?;
    // The shipped consent text is version 1 (written once; coordinators add versions).
    app::consent::store::ensure_default_text(&pool, chrono::Utc::now())
        .await
        .map_err(|e| format!("cannot write the default consent text: {e:?}"))?;
    Ok(pool)
}
