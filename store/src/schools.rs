//! The managed list of schools: every staff member reads it (forms offer its active schools),
//! only an admin adds or changes a school, and the audit log records it.

use crate::actor::Actor;
use crate::audit::Change;
use crate::error::{conflict_on_unique, StoreError, StoreResult};
use crate::sql::{query_as, query_scalar, Db, Exec};
use chrono::{DateTime, Utc};
use domain::audit::AuditEntity;
use domain::problem::Code;
use domain::schools::{School, SchoolInput, SchoolKind, SchoolPatch};

const SELECT: &str = "SELECT id, name, kind, active FROM schools";
const TAKEN: Code = Code::SchoolNameTaken;

/// Every school, active ones first, by name.
pub async fn list(db: &Db) -> StoreResult<Vec<School>> {
    Ok(
        query_as(&format!("{SELECT} ORDER BY active DESC, lower(name), id"))
            .fetch_all(db)
            .await?,
    )
}

async fn get<'e>(exec: impl Into<Exec<'e>>, id: i64) -> StoreResult<School> {
    query_as(&format!("{SELECT} WHERE id = $1"))
        .bind(id)
        .fetch_optional(exec)
        .await?
        .ok_or_else(|| StoreError::not_found("school"))
}

fn checked_name(name: &str) -> StoreResult<String> {
    let name = name.trim();
    if name.is_empty() {
        return Err(StoreError::invalid("name", Code::SchoolNameRequired));
    }
    Ok(name.to_string())
}

fn checked_kind(kind: &str) -> StoreResult<SchoolKind> {
    SchoolKind::parse(kind).ok_or_else(|| StoreError::invalid("kind", Code::SchoolKindChoice))
}

/// Adds a school (admins only).
pub async fn create(
    db: &Db,
    staff: &Actor,
    input: SchoolInput,
    now: DateTime<Utc>,
) -> StoreResult<School> {
    staff.require_admin()?;
    let name = checked_name(&input.name)?;
    let kind = checked_kind(input.kind.as_deref().unwrap_or("other"))?;
    let mut tx = db.begin_write().await?;
    let id: i64 = query_scalar("INSERT INTO schools (name, kind) VALUES ($1, $2) RETURNING id")
        .bind(&name)
        .bind(kind.code())
        .fetch_one(&mut tx)
        .await
        .map_err(|e| conflict_on_unique(e, TAKEN))?;
    let created = get(&mut tx, id).await?;
    let change = Change::created(AuditEntity::School, id, &created);
    crate::audit::record(&mut tx, staff, change, now).await?;
    tx.commit().await?;
    Ok(created)
}

/// Renames a school, changes its kind, or retires or restores it (admins only).
pub async fn update(
    db: &Db,
    staff: &Actor,
    id: i64,
    patch: SchoolPatch,
    now: DateTime<Utc>,
) -> StoreResult<School> {
    staff.require_admin()?;
    let mut tx = db.begin_write().await?;
    let current = get(&mut tx, id).await?;
    let before = current.clone();
    let name = match &patch.name {
        Some(name) => checked_name(name)?,
        None => current.name,
    };
    let kind = match &patch.kind {
        Some(kind) => checked_kind(kind)?.code(),
        None => checked_kind(&current.kind)?.code(),
    };
    let active = patch.active.unwrap_or(current.active);
    crate::sql::query("UPDATE schools SET name = $1, kind = $2, active = $3 WHERE id = $4")
        .bind(&name)
        .bind(kind)
        .bind(active)
        .bind(id)
        .execute(&mut tx)
        .await
        .map_err(|e| conflict_on_unique(e, TAKEN))?;
    let after = get(&mut tx, id).await?;
    let change = Change::updated(AuditEntity::School, id, &before, &after);
    crate::audit::record(&mut tx, staff, change, now).await?;
    tx.commit().await?;
    Ok(after)
}
