//! The audit log: every administrative change (users, schools, closed periods, courses,
//! programmes, reminder rules, templates) written in the same transaction as the change, with
//! who made it and the record's values before and after. Admins read it; nobody changes it
//! (the database refuses updates and deletes).

use crate::actor::Actor;
use crate::error::{StoreError, StoreResult};
use crate::paging::{self, Page, PageQuery};
use crate::sql::{query, query_as, Db, Exec};
use chrono::{DateTime, Utc};
use domain::audit::{AuditAction, AuditEntity, AuditEntry};
use domain::problem::Code;
use serde::Serialize;

/// One change to write: which record, what was done to it, its values before and after.
pub struct Change<'a, T: Serialize> {
    pub entity: AuditEntity,
    pub entity_id: String,
    pub action: AuditAction,
    pub before: Option<&'a T>,
    pub after: Option<&'a T>,
}

impl<'a, T: Serialize> Change<'a, T> {
    pub fn created(entity: AuditEntity, id: impl ToString, after: &'a T) -> Self {
        Change {
            entity,
            entity_id: id.to_string(),
            action: AuditAction::Create,
            before: None,
            after: Some(after),
        }
    }

    pub fn updated(entity: AuditEntity, id: impl ToString, before: &'a T, after: &'a T) -> Self {
        Change {
            entity,
            entity_id: id.to_string(),
            action: AuditAction::Update,
            before: Some(before),
            after: Some(after),
        }
    }

    pub fn deleted(entity: AuditEntity, id: impl ToString, before: &'a T) -> Self {
        Change {
            entity,
            entity_id: id.to_string(),
            action: AuditAction::Delete,
            before: Some(before),
            after: None,
        }
    }
}

fn json<T: Serialize>(value: Option<&T>) -> StoreResult<Option<String>> {
    value
        .map(|v| serde_json::to_string(v))
        .transpose()
        .map_err(|e| StoreError::internal(format!("cannot write an audit value: {e}")))
}

/// Writes one entry for a change the actor made; call it inside the transaction that makes
/// the change, so that the change and its entry stand or fall together.
pub async fn record<'e, T: Serialize>(
    exec: impl Into<Exec<'e>>,
    actor: &Actor,
    change: Change<'_, T>,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    query(
        "INSERT INTO audit_log (at, actor_id, actor_name, entity, entity_id, action, before, after)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(now)
    .bind(actor.id)
    .bind(&actor.name)
    .bind(change.entity.code())
    .bind(change.entity_id)
    .bind(change.action.code())
    .bind(json(change.before)?)
    .bind(json(change.after)?)
    .execute(exec)
    .await?;
    Ok(())
}

/// What to read: one kind of record (and one record of it), entries older than `before_id`
/// (the older way of paging back, kept for clients that use it).
#[derive(Clone, Debug, Default)]
pub struct AuditFilter {
    pub entity: Option<String>,
    pub entity_id: Option<String>,
    pub before_id: Option<i64>,
}

/// The name the audit log's cursors carry.
const AUDIT: &str = "audit";

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    at: DateTime<Utc>,
    actor_id: Option<i64>,
    actor_name: String,
    entity: String,
    entity_id: String,
    action: String,
    before: Option<String>,
    after: Option<String>,
}

/// One page of entries, the newest first (admins only).
pub async fn list(
    db: &Db,
    actor: &Actor,
    filter: AuditFilter,
    asked: &PageQuery,
) -> StoreResult<Page<AuditEntry>> {
    actor.require_admin()?;
    if let Some(entity) = &filter.entity {
        if AuditEntity::parse(entity).is_none() {
            return Err(StoreError::invalid("entity", Code::AuditEntityChoice));
        }
    }
    let size = asked.size()?;
    let after: Option<i64> = asked.after(AUDIT)?;
    let rows: Vec<Row> = query_as(
        "SELECT id, at, actor_id, actor_name, entity, entity_id, action, before, after
         FROM audit_log
         WHERE ($1 IS NULL OR entity = $1) AND ($2 IS NULL OR entity_id = $2)
           AND ($3 IS NULL OR id < $3) AND ($5 IS NULL OR id < $5)
         ORDER BY id DESC LIMIT $4",
    )
    .bind(filter.entity)
    .bind(filter.entity_id)
    .bind(filter.before_id)
    .bind(size + 1)
    .bind(after)
    .fetch_all(db)
    .await?;
    let parse = |text: Option<String>| text.and_then(|t| serde_json::from_str(&t).ok());
    let page = paging::page(rows, size, AUDIT, |r| r.id)?;
    let items = page
        .items
        .into_iter()
        .map(|r| AuditEntry {
            id: r.id,
            at: r.at,
            actor_id: r.actor_id,
            actor_name: r.actor_name,
            entity: r.entity,
            entity_id: r.entity_id,
            action: r.action,
            before: parse(r.before),
            after: parse(r.after),
        })
        .collect();
    Ok(Page {
        items,
        next: page.next,
    })
}
