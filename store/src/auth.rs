//! Passwords (argon2, verified off the async runtime), login sessions, API tokens and the
//! check of a sign-in (its throttle lives in `login_throttle`). Only hashes of session cookies and tokens are stored.

use crate::error::{StoreError, StoreResult};
use crate::sql::Db;
use crate::sql::{query, query_as, query_scalar};
use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::Argon2;
use chrono::{DateTime, Duration, Utc};
use domain::people::Staff;
use domain::people::{EmailAddress, Role};
use domain::problem::Code;
use rand::RngCore;
use sha2::{Digest, Sha256};

pub const SESSION_DAYS: i64 = 14;

pub fn hash_password(password: &str) -> StoreResult<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| StoreError::internal(format!("password hashing failed: {e}")))
}

fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash)
        .map(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false)
}

/// A real argon2 hash to verify against when the e-mail is unknown.
fn dummy_hash() -> &'static str {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DUMMY.get_or_init(|| hash_password("not-a-real-password").unwrap_or_default())
}

/// A fresh random secret (256 bits, hex) for cookies and API tokens.
pub fn new_secret() -> String {
    let mut bytes = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut bytes);
    hex::encode(bytes)
}

pub fn secret_hash(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

#[derive(sqlx::FromRow)]
struct StaffRow {
    id: i64,
    email: String,
    name: String,
    role: String,
    school_id: Option<i64>,
    school_name: Option<String>,
}

impl From<StaffRow> for Staff {
    fn from(r: StaffRow) -> Self {
        Staff {
            id: r.id,
            email: r.email,
            name: r.name,
            role: Role::parse(&r.role).unwrap_or(Role::Leader),
            school_id: r.school_id,
            school_name: r.school_name,
        }
    }
}

const STAFF_SELECT: &str =
    "SELECT u.id, u.email, u.name, u.role, u.school_id, s.name AS school_name
     FROM users u LEFT JOIN schools s ON s.id = u.school_id";

pub async fn find_or_create_school(db: &Db, name: &str) -> StoreResult<i64> {
    let name = name.trim();
    if name.is_empty() {
        return Err(StoreError::invalid("school", Code::SchoolNameMissing));
    }
    query("INSERT INTO schools (name) VALUES ($1) ON CONFLICT(name) DO NOTHING")
        .bind(name)
        .execute(db)
        .await?;
    Ok(query_scalar("SELECT id FROM schools WHERE name = $1")
        .bind(name)
        .fetch_one(db)
        .await?)
}

pub struct NewStaff<'a> {
    pub email: &'a str,
    pub name: &'a str,
    pub role: Role,
    pub school: Option<&'a str>,
    pub password: &'a str,
}

/// Creates a staff user, or updates name, role, school and password when the e-mail exists
/// (so `samling user add` and the demo loader can be run again). It also enables a disabled
/// account: the operator's way back in when no admin can sign in.
pub async fn upsert_staff(db: &Db, new: NewStaff<'_>, now: DateTime<Utc>) -> StoreResult<Staff> {
    let email = EmailAddress::parse(new.email)
        .ok_or_else(|| StoreError::invalid("email", Code::NotEmail))?;
    if new.name.trim().is_empty() {
        return Err(StoreError::invalid("name", Code::UserNameMissing));
    }
    if new.password.chars().count() < 10 {
        return Err(StoreError::invalid("password", Code::PasswordTooShort));
    }
    let school_id = match (new.role, new.school) {
        (Role::Counsellor, None) => {
            return Err(StoreError::invalid("school", Code::CounsellorNeedsSchool))
        }
        (_, Some(s)) => Some(find_or_create_school(db, s).await?),
        (_, None) => None,
    };
    let password = new.password.to_string();
    let hash = tokio::task::spawn_blocking(move || hash_password(&password))
        .await
        .map_err(|e| StoreError::internal(format!("password hashing task failed: {e}")))??;
    query(
        "INSERT INTO users (email, name, role, school_id, password_hash, created_at)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT(email) DO UPDATE SET name = excluded.name, role = excluded.role,
           school_id = excluded.school_id, password_hash = excluded.password_hash,
           failed_logins = 0, locked_until = NULL, active = TRUE, disabled_at = NULL",
    )
    .bind(email.as_str())
    .bind(new.name.trim())
    .bind(new.role.code())
    .bind(school_id)
    .bind(hash)
    .bind(now)
    .execute(db)
    .await?;
    let staff = staff_by_email(db, email.as_str())
        .await?
        .ok_or_else(|| StoreError::internal("the staff user just written is missing"))?;
    // `user add` is also how an admin gets back in: no sign-in lock stands after it.
    query("DELETE FROM login_failures WHERE user_id = $1")
        .bind(staff.id)
        .execute(db)
        .await?;
    Ok(staff)
}

pub async fn staff_by_email(db: &Db, email: &str) -> StoreResult<Option<Staff>> {
    let sql = format!("{STAFF_SELECT} WHERE u.email = $1");
    Ok(query_as::<StaffRow>(&sql)
        .bind(email.trim())
        .fetch_optional(db)
        .await?
        .map(Into::into))
}

pub async fn staff_by_id(db: &Db, id: i64) -> StoreResult<Option<Staff>> {
    let sql = format!("{STAFF_SELECT} WHERE u.id = $1");
    Ok(query_as::<StaffRow>(&sql)
        .bind(id)
        .fetch_optional(db)
        .await?
        .map(Into::into))
}

/// The active staff, by name (to choose leaders from).
pub async fn list_staff(db: &Db) -> StoreResult<Vec<Staff>> {
    let sql = format!("{STAFF_SELECT} WHERE u.active ORDER BY u.name");
    Ok(query_as::<StaffRow>(&sql)
        .fetch_all(db)
        .await?
        .into_iter()
        .map(Into::into)
        .collect())
}

/// Checks e-mail and password from a client address. Failures are throttled per address and
/// per account from that address (`login_throttle`); an unknown e-mail costs the same hashing
/// work and counts against the address, so that neither timing nor the lock reveals which
/// accounts exist.
pub async fn check_login(
    db: &Db,
    email: &str,
    password: &str,
    client: &str,
    now: DateTime<Utc>,
) -> StoreResult<Staff> {
    use crate::login_throttle as throttle;
    throttle::check(db, client, None, now).await?;
    let row: Option<(i64, String, bool)> =
        query_as("SELECT id, password_hash, active FROM users WHERE email = $1")
            .bind(email.trim())
            .fetch_optional(db)
            .await?;
    let Some((id, hash, active)) = row else {
        let password = password.to_string();
        let _ = tokio::task::spawn_blocking(move || verify_password(&password, dummy_hash())).await;
        throttle::failed(db, client, None, now).await?;
        return Err(StoreError::WrongLogin);
    };
    throttle::check(db, client, Some(id), now).await?;
    let password = password.to_string();
    let ok = tokio::task::spawn_blocking(move || verify_password(&password, &hash))
        .await
        .map_err(|e| StoreError::internal(format!("password check task failed: {e}")))?;
    if !ok {
        if throttle::failed(db, client, Some(id), now).await? {
            tracing::warn!(
                user_id = id,
                client,
                "sign-in locked for this address after repeated failures"
            );
            return Err(StoreError::LockedOut);
        }
        return Err(StoreError::WrongLogin);
    }
    // Said only to someone who knows the password, so it reveals nothing to a guesser.
    if !active {
        return Err(StoreError::AccountDisabled);
    }
    throttle::succeeded(db, client, id).await?;
    staff_by_id(db, id)
        .await?
        .ok_or_else(|| StoreError::internal("the staff user just signed in is missing"))
}

/// Starts a login session and returns the cookie value.
pub async fn start_session(db: &Db, user_id: i64, now: DateTime<Utc>) -> StoreResult<String> {
    let secret = new_secret();
    query("INSERT INTO login_sessions (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)")
        .bind(secret_hash(&secret))
        .bind(user_id)
        .bind(now)
        .bind(now + Duration::days(SESSION_DAYS))
        .execute(db)
        .await?;
    Ok(secret)
}

pub async fn end_session(db: &Db, secret: &str) -> StoreResult<()> {
    query("DELETE FROM login_sessions WHERE token_hash = $1")
        .bind(secret_hash(secret))
        .execute(db)
        .await?;
    Ok(())
}

pub async fn staff_by_session(
    db: &Db,
    secret: &str,
    now: DateTime<Utc>,
) -> StoreResult<Option<Staff>> {
    let sql = format!(
        "{STAFF_SELECT} JOIN login_sessions ls ON ls.user_id = u.id
         WHERE ls.token_hash = $1 AND ls.expires_at > $2 AND u.active"
    );
    Ok(query_as::<StaffRow>(&sql)
        .bind(secret_hash(secret))
        .bind(now)
        .fetch_optional(db)
        .await?
        .map(Into::into))
}

/// Creates an unlabelled API token for a user; the token itself is shown once and only its
/// hash kept (`staff::tokens::create` gives one a label).
pub async fn create_api_token(db: &Db, user_id: i64, now: DateTime<Utc>) -> StoreResult<String> {
    crate::staff::tokens::create(db, user_id, "", now).await
}

pub async fn staff_by_api_token(
    db: &Db,
    token: &str,
    now: DateTime<Utc>,
) -> StoreResult<Option<Staff>> {
    let hash = secret_hash(token);
    let found: Option<(i64, Option<DateTime<Utc>>)> = query_as(
        "SELECT t.user_id, t.last_used_at FROM api_tokens t JOIN users u ON u.id = t.user_id
             WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND u.active",
    )
    .bind(&hash)
    .fetch_optional(db)
    .await?;
    let Some((user_id, last_used)) = found else {
        return Ok(None);
    };
    // "Last used" to the minute is enough, and spares a write on every API request.
    if last_used.is_none_or(|t| now - t > Duration::minutes(1)) {
        query("UPDATE api_tokens SET last_used_at = $1 WHERE token_hash = $2")
            .bind(now)
            .bind(&hash)
            .execute(db)
            .await?;
    }
    staff_by_id(db, user_id).await
}

/// A staff user's e-mail address and name, for messages to them; `None` when the account was
/// removed or disabled.
pub async fn contact_of(db: &Db, user_id: i64) -> StoreResult<Option<(String, String)>> {
    Ok(
        query_as("SELECT email, name FROM users WHERE id = $1 AND active")
            .bind(user_id)
            .fetch_optional(db)
            .await?,
    )
}
