//! The workers that send: each process registers itself and keeps a heartbeat, so that the
//! others can tell when it is gone and take back what it had claimed.

use crate::error::StoreResult;
use crate::sql::{query, query_as, Db};
use chrono::{DateTime, Utc};

/// A registered worker as the others see it.
#[derive(sqlx::FromRow, Clone, Debug)]
pub struct WorkerRow {
    pub id: String,
    pub host: String,
    pub pid: i64,
    pub heartbeat_at: DateTime<Utc>,
}

/// Registers the worker or renews its heartbeat (registering again if another worker took
/// it for gone meanwhile).
pub async fn heartbeat(
    db: &Db,
    id: &str,
    host: &str,
    pid: i64,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    query(
        "INSERT INTO workers (id, host, pid, started_at, heartbeat_at) VALUES ($1, $2, $3, $4, $4)
         ON CONFLICT (id) DO UPDATE SET heartbeat_at = excluded.heartbeat_at",
    )
    .bind(id)
    .bind(host)
    .bind(pid)
    .bind(now)
    .execute(db)
    .await?;
    Ok(())
}

/// Every other registered worker.
pub async fn others(db: &Db, id: &str) -> StoreResult<Vec<WorkerRow>> {
    Ok(
        query_as("SELECT id, host, pid, heartbeat_at FROM workers WHERE id <> $1 ORDER BY id")
            .bind(id)
            .fetch_all(db)
            .await?,
    )
}

/// Removes a worker that stopped (itself, on a clean shutdown) or is gone (after its claims
/// were recovered).
pub async fn remove(db: &Db, id: &str) -> StoreResult<()> {
    query("DELETE FROM workers WHERE id = $1")
        .bind(id)
        .execute(db)
        .await?;
    Ok(())
}
