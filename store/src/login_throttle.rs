//! Failed sign-ins, counted per client address and per account from that address. A client
//! with too many failures in the window is refused for every account; an account is locked
//! only for the address that failed on it, so nobody can lock a known staff member out by
//! guessing at their account from elsewhere.

use crate::error::{StoreError, StoreResult};
use crate::sql::{query, query_scalar, Db};
use chrono::{DateTime, Duration, Utc};

/// Failures from one address, on any accounts, before it is refused for the window.
pub const MAX_PER_CLIENT: i64 = 20;
/// Failures on one account from one address before that address is refused for it.
pub const MAX_PER_ACCOUNT: i64 = 5;
/// The window failures count in (and how long a refusal lasts at most).
pub const WINDOW_MINUTES: i64 = 15;

fn since(now: DateTime<Utc>) -> DateTime<Utc> {
    now - Duration::minutes(WINDOW_MINUTES)
}

/// `LockedOut` when the address, or the address on this account, has failed too often.
pub async fn check(
    db: &Db,
    client: &str,
    user_id: Option<i64>,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let from_client: i64 =
        query_scalar("SELECT COUNT(*) FROM login_failures WHERE client = $1 AND at > $2")
            .bind(client)
            .bind(since(now))
            .fetch_one(db)
            .await?;
    if from_client >= MAX_PER_CLIENT {
        return Err(StoreError::LockedOut);
    }
    if let Some(user_id) = user_id {
        if on_account(db, client, user_id, now).await? >= MAX_PER_ACCOUNT {
            return Err(StoreError::LockedOut);
        }
    }
    Ok(())
}

async fn on_account(db: &Db, client: &str, user_id: i64, now: DateTime<Utc>) -> StoreResult<i64> {
    Ok(query_scalar(
        "SELECT COUNT(*) FROM login_failures WHERE user_id = $1 AND client = $2 AND at > $3",
    )
    .bind(user_id)
    .bind(client)
    .bind(since(now))
    .fetch_one(db)
    .await?)
}

/// Notes a failure; true when it locked the account for this address.
pub async fn failed(
    db: &Db,
    client: &str,
    user_id: Option<i64>,
    now: DateTime<Utc>,
) -> StoreResult<bool> {
    query("INSERT INTO login_failures (client, user_id, at) VALUES ($1, $2, $3)")
        .bind(client)
        .bind(user_id)
        .bind(now)
        .execute(db)
        .await?;
    Ok(match user_id {
        Some(user_id) => on_account(db, client, user_id, now).await? >= MAX_PER_ACCOUNT,
        None => false,
    })
}

/// A sign-in succeeded: this address's failures on the account no longer count.
pub async fn succeeded(db: &Db, client: &str, user_id: i64) -> StoreResult<()> {
    query("DELETE FROM login_failures WHERE user_id = $1 AND client = $2")
        .bind(user_id)
        .bind(client)
        .execute(db)
        .await?;
    Ok(())
}

/// Housekeeping: failures older than the window count for nothing.
pub async fn purge(db: &Db, now: DateTime<Utc>) -> StoreResult<u64> {
    Ok(query("DELETE FROM login_failures WHERE at <= $1")
        .bind(since(now))
        .execute(db)
        .await?)
}
