//! Staff accounts as admins manage them: the list, inviting someone (no admin ever sets a
//! staff password), changing name, e-mail, role and school, and disabling an account, which
//! ends its sessions and revokes its API tokens at once. Every change is audited; the last
//! active admin can be neither disabled nor demoted.

pub mod links;
pub mod tokens;

use crate::actor::Actor;
use crate::audit::{self, Change};
use crate::error::{conflict_on_unique, StoreError, StoreResult};
use crate::sql::{query, query_as, query_scalar, Db, Exec};
use chrono::{DateTime, Utc};
use domain::audit::AuditEntity;
use domain::people::{EmailAddress, Role};
use domain::problem::Code;
use domain::staff_accounts::{leaves_no_admin, LinkPurpose, StaffAccount, StaffInput, StaffPatch};

const SELECT: &str = "SELECT u.id, u.name, u.email, u.role, u.school_id, s.name AS school_name,
        u.active, u.password_hash = '' AS invited, u.created_at, u.disabled_at
     FROM users u LEFT JOIN schools s ON s.id = u.school_id";
const TAKEN: Code = Code::EmailTaken;

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    name: String,
    email: String,
    role: String,
    school_id: Option<i64>,
    school_name: Option<String>,
    active: bool,
    invited: bool,
    created_at: DateTime<Utc>,
    disabled_at: Option<DateTime<Utc>>,
}

impl From<Row> for StaffAccount {
    fn from(r: Row) -> Self {
        StaffAccount {
            id: r.id,
            name: r.name,
            email: r.email,
            role: Role::parse(&r.role).unwrap_or(Role::Leader),
            school_id: r.school_id,
            school_name: r.school_name,
            active: r.active,
            invited: r.invited,
            created_at: r.created_at,
            disabled_at: r.disabled_at,
        }
    }
}

/// Every account, active ones first, by name (admins only).
pub async fn list(db: &Db, actor: &Actor) -> StoreResult<Vec<StaffAccount>> {
    actor.require_admin()?;
    let rows: Vec<Row> = query_as(&format!(
        "{SELECT} ORDER BY u.active DESC, lower(u.name), u.id"
    ))
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(Into::into).collect())
}

/// One account (admins only).
pub async fn get(db: &Db, actor: &Actor, id: i64) -> StoreResult<StaffAccount> {
    actor.require_admin()?;
    read(db, id).await
}

async fn read<'e>(exec: impl Into<Exec<'e>>, id: i64) -> StoreResult<StaffAccount> {
    query_as::<Row>(&format!("{SELECT} WHERE u.id = $1"))
        .bind(id)
        .fetch_optional(exec)
        .await?
        .map(Into::into)
        .ok_or_else(|| StoreError::not_found("user"))
}

fn checked_name(name: &str) -> StoreResult<String> {
    match name.trim() {
        "" => Err(StoreError::invalid("name", Code::PersonNameMissing)),
        name => Ok(name.to_string()),
    }
}

fn checked_email(email: &str) -> StoreResult<String> {
    EmailAddress::parse(email)
        .map(|e| e.as_str().to_string())
        .ok_or_else(|| StoreError::invalid("email", Code::NotEmail))
}

fn checked_role(role: &str) -> StoreResult<Role> {
    Role::parse(role).ok_or_else(|| StoreError::invalid("role", Code::RoleChoice))
}

/// A counsellor belongs to an active school; others may name one or none.
async fn checked_school<'e>(
    exec: impl Into<Exec<'e>>,
    role: Role,
    school_id: Option<i64>,
    changed: bool,
) -> StoreResult<()> {
    let Some(id) = school_id else {
        return match role {
            Role::Counsellor => Err(StoreError::invalid(
                "school_id",
                Code::CounsellorNeedsSchool,
            )),
            _ => Ok(()),
        };
    };
    let active: Option<bool> = query_scalar("SELECT active FROM schools WHERE id = $1")
        .bind(id)
        .fetch_optional(exec)
        .await?;
    match active {
        None => Err(StoreError::invalid("school_id", Code::NoSuchSchool)),
        // A school retired since the account was made stays on it; it is not chosen anew.
        Some(false) if changed => Err(StoreError::invalid("school_id", Code::SchoolInactive)),
        Some(_) => Ok(()),
    }
}

/// Adds a staff member and queues their invitation e-mail (admins only). They choose their
/// own password through its link.
pub async fn invite(
    db: &Db,
    actor: &Actor,
    input: StaffInput,
    now: DateTime<Utc>,
) -> StoreResult<StaffAccount> {
    actor.require_admin()?;
    let name = checked_name(&input.name)?;
    let email = checked_email(&input.email)?;
    let role = checked_role(&input.role)?;
    let mut tx = db.begin_write().await?;
    checked_school(&mut tx, role, input.school_id, true).await?;
    let id: i64 = query_scalar(
        "INSERT INTO users (email, name, role, school_id, password_hash, created_at)
         VALUES ($1, $2, $3, $4, '', $5) RETURNING id",
    )
    .bind(&email)
    .bind(&name)
    .bind(role.code())
    .bind(input.school_id)
    .bind(now)
    .fetch_one(&mut tx)
    .await
    .map_err(|e| conflict_on_unique(e, TAKEN))?;
    links::queue(&mut tx, id, LinkPurpose::Invitation, now).await?;
    let account = read(&mut tx, id).await?;
    let change = Change::created(AuditEntity::User, id, &account);
    audit::record(&mut tx, actor, change, now).await?;
    tx.commit().await?;
    Ok(account)
}

/// Sends an invited account a fresh invitation (the first may have expired or gone astray).
pub async fn reinvite(db: &Db, actor: &Actor, id: i64, now: DateTime<Utc>) -> StoreResult<()> {
    actor.require_admin()?;
    let mut tx = db.begin_write().await?;
    let account = read(&mut tx, id).await?;
    if !account.active {
        return Err(StoreError::Conflict(
            Code::AccountDisabledEnableFirst.into(),
        ));
    }
    if !account.invited {
        return Err(StoreError::Conflict(Code::PasswordChosenAlready.into()));
    }
    links::queue(&mut tx, id, LinkPurpose::Invitation, now).await?;
    tx.commit().await?;
    Ok(())
}

/// Changes an account (admins only). Disabling it ends its sessions, revokes its API tokens
/// and voids its unused links, all in the same transaction.
pub async fn update(
    db: &Db,
    actor: &Actor,
    id: i64,
    patch: StaffPatch,
    now: DateTime<Utc>,
) -> StoreResult<StaffAccount> {
    actor.require_admin()?;
    let mut tx = db.begin_write().await?;
    let before = read(&mut tx, id).await?;
    let name = match &patch.name {
        Some(name) => checked_name(name)?,
        None => before.name.clone(),
    };
    let email = match &patch.email {
        Some(email) => checked_email(email)?,
        None => before.email.clone(),
    };
    let role = match &patch.role {
        Some(role) => checked_role(role)?,
        None => before.role,
    };
    let school_id = patch.school_id.unwrap_or(before.school_id);
    let active = patch.active.unwrap_or(before.active);
    checked_school(&mut tx, role, school_id, school_id != before.school_id).await?;
    let other_admins: i64 =
        query_scalar("SELECT COUNT(*) FROM users WHERE role = 'admin' AND active AND id <> $1")
            .bind(id)
            .fetch_one(&mut tx)
            .await?;
    if leaves_no_admin(before.role, before.active, role, active, other_admins) {
        return Err(StoreError::Conflict(Code::LastAdmin.into()));
    }
    let disabled_at = match (before.active, active) {
        (true, false) => Some(now),
        (false, false) => before.disabled_at,
        (_, true) => None,
    };
    query(
        "UPDATE users SET name = $1, email = $2, role = $3, school_id = $4, active = $5,
           disabled_at = $6 WHERE id = $7",
    )
    .bind(&name)
    .bind(&email)
    .bind(role.code())
    .bind(school_id)
    .bind(active)
    .bind(disabled_at)
    .bind(id)
    .execute(&mut tx)
    .await
    .map_err(|e| conflict_on_unique(e, TAKEN))?;
    if before.active && !active {
        end_everything(&mut tx, id, now).await?;
    }
    let after = read(&mut tx, id).await?;
    let change = Change::updated(AuditEntity::User, id, &before, &after);
    audit::record(&mut tx, actor, change, now).await?;
    tx.commit().await?;
    Ok(after)
}

/// Ends every way in for a disabled account: its sign-in sessions, its API tokens and its
/// unused invitation or reset links.
async fn end_everything(
    tx: &mut crate::sql::Tx,
    user_id: i64,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    links::void_links_and_sessions(tx, user_id, now).await?;
    query("UPDATE api_tokens SET revoked_at = $1 WHERE user_id = $2 AND revoked_at IS NULL")
        .bind(now)
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
    Ok(())
}
