//! Single-use links for staff: the invitation to choose a password and the password reset.
//! The e-mail is queued in the outbox; the link's token is made when the e-mail goes and only
//! its hash is kept. Using a link sets the password, voids the account's other links and
//! ends its other sign-in sessions.

use crate::auth::{hash_password, new_secret, secret_hash};
use crate::error::{StoreError, StoreResult};
use crate::sql::{query, query_as, query_scalar, Db, Exec};
use chrono::{DateTime, Duration, Utc};
use domain::messages::Channel;
use domain::problem::Code;
use domain::staff_accounts::{password_problem, LinkPurpose, RESETS_PER_HOUR};

/// Queues the e-mail that carries a new link; the worker sends it within seconds.
pub async fn queue<'e>(
    exec: impl Into<Exec<'e>>,
    user_id: i64,
    purpose: LinkPurpose,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let kind = purpose.message_kind();
    let nonce = &new_secret()[..12];
    crate::outbox::enqueue(
        exec,
        crate::outbox::Enqueue {
            dedupe_key: format!("{}:{user_id}:{nonce}", kind.code()),
            kind,
            channel: Channel::Email,
            participant_id: None,
            user_id: Some(user_id),
            course_id: None,
            rule_key: purpose.code(),
            recipient: None,
            subject: None,
            body: None,
            due: now,
        },
        now,
    )
    .await?;
    Ok(())
}

/// "Forgot password": queues a reset link when the address belongs to an active account and
/// fewer than `RESETS_PER_HOUR` went to it in the last hour. The caller learns nothing either
/// way, so the form cannot be used to find out who has an account.
pub async fn request_reset(db: &Db, email: &str, now: DateTime<Utc>) -> StoreResult<()> {
    let email = email.trim();
    if email.is_empty() {
        return Err(StoreError::invalid("email", Code::EmailMissing));
    }
    let mut tx = db.begin_write().await?;
    // users.email compares without case on both engines (NOCASE, citext).
    let found: Option<(i64, i64)> = query_as(
        "SELECT u.id, (SELECT COUNT(*) FROM outbox o WHERE o.user_id = u.id
                         AND o.kind = 'password_reset' AND o.created_at > $2) AS recent
         FROM users u WHERE u.email = $1 AND u.active",
    )
    .bind(email)
    .bind(now - Duration::hours(1))
    .fetch_optional(&mut tx)
    .await?;
    match found {
        Some((user_id, recent)) if recent < RESETS_PER_HOUR => {
            queue(&mut tx, user_id, LinkPurpose::PasswordReset, now).await?;
        }
        Some((user_id, _)) => {
            tracing::warn!(user_id, "password reset refused: too many in the last hour");
        }
        None => {}
    }
    tx.commit().await?;
    Ok(())
}

/// Makes the token of a link whose e-mail is about to go; only its hash is kept.
pub async fn issue_token(
    db: &Db,
    user_id: i64,
    purpose: LinkPurpose,
    now: DateTime<Utc>,
) -> StoreResult<String> {
    let token = new_secret();
    query(
        "INSERT INTO staff_links (token_hash, user_id, purpose, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(secret_hash(&token))
    .bind(user_id)
    .bind(purpose.code())
    .bind(now)
    .bind(now + purpose.lifetime())
    .execute(db)
    .await?;
    Ok(token)
}

const GONE: &str = "the link has been used or has expired; ask for a new one";

/// Whose usable link this is, and what for (for the page that sets the password).
pub async fn link_owner(
    db: &Db,
    token: &str,
    now: DateTime<Utc>,
) -> StoreResult<(String, LinkPurpose)> {
    let found: Option<(String, String)> = query_as(
        "SELECT u.name, l.purpose FROM staff_links l JOIN users u ON u.id = l.user_id
         WHERE l.token_hash = $1 AND l.used_at IS NULL AND l.expires_at > $2 AND u.active",
    )
    .bind(secret_hash(token))
    .bind(now)
    .fetch_optional(db)
    .await?;
    let (name, purpose) = found.ok_or_else(|| StoreError::NotFound(GONE.into()))?;
    let purpose = LinkPurpose::parse(&purpose)
        .ok_or_else(|| StoreError::internal(format!("unknown link purpose {purpose}")))?;
    Ok((name, purpose))
}

/// Uses a link once: sets the password, voids the account's other links and ends its
/// sign-in sessions (a reset may mean someone else knew the old password). Returns the
/// account's e-mail address, for the sign-in form.
pub async fn set_password(
    db: &Db,
    token: &str,
    password: &str,
    now: DateTime<Utc>,
) -> StoreResult<String> {
    if let Some(problem) = password_problem(password) {
        return Err(StoreError::invalid("password", problem));
    }
    let password = password.to_string();
    let hash = tokio::task::spawn_blocking(move || hash_password(&password))
        .await
        .map_err(|e| StoreError::internal(format!("password hashing task failed: {e}")))??;
    let mut tx = db.begin_write().await?;
    let user_id: i64 = query_scalar(
        "UPDATE staff_links SET used_at = $1
         WHERE token_hash = $2 AND used_at IS NULL AND expires_at > $1
           AND user_id IN (SELECT id FROM users WHERE active)
         RETURNING user_id",
    )
    .bind(now)
    .bind(secret_hash(token))
    .fetch_optional(&mut tx)
    .await?
    .ok_or_else(|| StoreError::NotFound(GONE.into()))?;
    query(
        "UPDATE users SET password_hash = $1, failed_logins = 0, locked_until = NULL WHERE id = $2",
    )
    .bind(hash)
    .bind(user_id)
    .execute(&mut tx)
    .await?;
    // A new password ends any sign-in lock on the account.
    query("DELETE FROM login_failures WHERE user_id = $1")
        .bind(user_id)
        .execute(&mut tx)
        .await?;
    void_links_and_sessions(&mut tx, user_id, now).await?;
    let email: String = query_scalar("SELECT email FROM users WHERE id = $1")
        .bind(user_id)
        .fetch_one(&mut tx)
        .await?;
    tx.commit().await?;
    Ok(email)
}

/// Voids the account's unused links and ends its sign-in sessions (after a password is set,
/// and when the account is disabled).
pub(super) async fn void_links_and_sessions(
    tx: &mut crate::sql::Tx,
    user_id: i64,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    query("UPDATE staff_links SET used_at = $1 WHERE user_id = $2 AND used_at IS NULL")
        .bind(now)
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
    query("DELETE FROM login_sessions WHERE user_id = $1")
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
    Ok(())
}
