//! When each housekeeping job last ran, and taking a run: with several instances, the one
//! that moves the time on runs the job, the others see it done.

use crate::error::StoreResult;
use crate::sql::{query, query_scalar, Db};
use chrono::{DateTime, Utc};

/// When the job last ran; `None` the first time it is seen.
pub async fn last_run(db: &Db, job: &str) -> StoreResult<Option<DateTime<Utc>>> {
    Ok(
        query_scalar("SELECT last_run_at FROM housekeeping_runs WHERE name = $1")
            .bind(job)
            .fetch_optional(db)
            .await?,
    )
}

/// Notes `now` as the job's last run if it still was `last` (or unseen when `None`); true
/// when this caller moved it on and so runs the job.
pub async fn take_run(
    db: &Db,
    job: &str,
    last: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> StoreResult<bool> {
    let done = match last {
        None => {
            query("INSERT INTO housekeeping_runs (name, last_run_at) VALUES ($1, $2) ON CONFLICT DO NOTHING")
                .bind(job)
                .bind(now)
                .execute(db)
                .await?
        }
        Some(last) => {
            query("UPDATE housekeeping_runs SET last_run_at = $1 WHERE name = $2 AND last_run_at = $3")
                .bind(now)
                .bind(job)
                .bind(last)
                .execute(db)
                .await?
        }
    };
    Ok(done == 1)
}
