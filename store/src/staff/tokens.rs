//! API tokens as their owner manages them in the browser: the list (never the tokens
//! themselves, only when one is made), a new labelled token, and revoking one. Admins may
//! revoke anyone's; the command line revokes by id or every token of an address.

use crate::actor::Actor;
use crate::auth::{new_secret, secret_hash};
use crate::error::{StoreError, StoreResult};
use crate::sql::{query, query_as, query_scalar, Db};
use chrono::{DateTime, Utc};
use domain::staff_accounts::ApiToken;

/// Makes a token for a user; it is returned once and only its hash kept.
pub async fn create(db: &Db, user_id: i64, label: &str, now: DateTime<Utc>) -> StoreResult<String> {
    let label: String = label.trim().chars().take(80).collect();
    let token = format!("sam_{}", new_secret());
    query(
        "INSERT INTO api_tokens (user_id, token_hash, label, created_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(user_id)
    .bind(secret_hash(&token))
    .bind(label)
    .bind(now)
    .execute(db)
    .await?;
    Ok(token)
}

/// The actor's own tokens, newest first, revoked ones included.
pub async fn list_own(db: &Db, actor: &Actor) -> StoreResult<Vec<ApiToken>> {
    Ok(query_as(
        "SELECT id, label, created_at, last_used_at, revoked_at FROM api_tokens
         WHERE user_id = $1 ORDER BY id DESC",
    )
    .bind(actor.id)
    .fetch_all(db)
    .await?)
}

/// Revokes one token: the owner's own, or anyone's for an admin. It stops working at once.
pub async fn revoke(db: &Db, actor: &Actor, id: i64, now: DateTime<Utc>) -> StoreResult<()> {
    let owner: Option<i64> = query_scalar("SELECT user_id FROM api_tokens WHERE id = $1")
        .bind(id)
        .fetch_optional(db)
        .await?;
    match owner {
        None => return Err(StoreError::not_found("token")),
        Some(owner) if owner != actor.id && !actor.is_admin() => {
            return Err(StoreError::not_found("token"))
        }
        Some(_) => {}
    }
    query("UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL")
        .bind(now)
        .bind(id)
        .execute(db)
        .await?;
    Ok(())
}

/// What `samling token revoke` names: one token by id, or every token of an address.
pub enum Revoke<'a> {
    Id(i64),
    AllOf { email: &'a str },
}

/// Revokes from the command line; returns how many tokens stopped working.
pub async fn revoke_from_command_line(
    db: &Db,
    which: Revoke<'_>,
    now: DateTime<Utc>,
) -> StoreResult<u64> {
    let revoked = match which {
        Revoke::Id(id) => {
            query("UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL")
                .bind(now)
                .bind(id)
                .execute(db)
                .await?
        }
        Revoke::AllOf { email } => {
            query(
                "UPDATE api_tokens SET revoked_at = $1 WHERE revoked_at IS NULL
                   AND user_id IN (SELECT id FROM users WHERE email = $2)",
            )
            .bind(now)
            .bind(email.trim())
            .execute(db)
            .await?
        }
    };
    Ok(revoked)
}
