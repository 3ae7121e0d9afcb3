//! What the metrics endpoint reads from the outbox and the workers' table at each scrape:
//! facts that hold across instances and restarts, unlike a process's own counters.

use crate::error::StoreResult;
use crate::sql::{query_as, Db};
use chrono::{DateTime, Utc};

/// Messages per (kind, channel, state), whatever their age.
pub async fn by_kind_channel_state(db: &Db) -> StoreResult<Vec<(String, String, String, i64)>> {
    Ok(query_as(
        "SELECT kind, channel, state, COUNT(*) FROM outbox GROUP BY kind, channel, state
         ORDER BY kind, channel, state",
    )
    .fetch_all(db)
    .await?)
}

/// The due queue: planned messages whose time has come, and the oldest one's due time.
pub async fn due_queue(db: &Db, now: DateTime<Utc>) -> StoreResult<(i64, Option<DateTime<Utc>>)> {
    // The same condition as the outbox_due index, so that it is used.
    Ok(query_as(
        "SELECT COUNT(*), MIN(due_at) FROM outbox WHERE state = 'planned' AND due_at <= $1",
    )
    .bind(now)
    .fetch_one(db)
    .await?)
}

/// Each registered worker: (id, host, last heartbeat, rows it holds claimed for sending).
pub async fn workers(db: &Db) -> StoreResult<Vec<(String, String, DateTime<Utc>, i64)>> {
    Ok(query_as(
        "SELECT w.id, w.host, w.heartbeat_at,
                (SELECT COUNT(*) FROM outbox o WHERE o.state = 'sending' AND o.claimed_by = w.id)
         FROM workers w ORDER BY w.id",
    )
    .fetch_all(db)
    .await?)
}
