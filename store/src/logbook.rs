//! Reading and writing logbook entries, with the access rule and the access log.

use crate::access_log::{record, Access};
use crate::actor::Actor;
use crate::error::{StoreError, StoreResult};
use crate::scope::visible_participant;
use crate::sql::Db;
use crate::sql::{query, query_as, query_scalar};
use chrono::{DateTime, Utc};
use domain::logbook::{LogbookEntry, NewLogbookEntry};
use domain::people::Role;
use domain::problem::Code;

/// Admins, leaders of a course the participant is or was in, and the primary contact.
async fn require_logbook_access(db: &Db, staff: &Actor, participant_id: i64) -> StoreResult<()> {
    let p = visible_participant(db, staff, participant_id).await?;
    let allowed = match staff.role {
        Role::Admin => true,
        Role::Counsellor => false,
        Role::Leader => p.primary_contact_id == Some(staff.id)
            || query_scalar::<i64>(
                "SELECT e.id FROM enrolments e JOIN course_leaders cl ON cl.course_id = e.course_id
                     WHERE e.participant_id = $1 AND cl.user_id = $2",
            )
            .bind(participant_id)
            .bind(staff.id)
            .fetch_optional(db)
            .await?
            .is_some(),
    };
    if allowed {
        Ok(())
    } else {
        Err(StoreError::Forbidden)
    }
}

const ENTRY_SELECT: &str = "SELECT l.id, l.participant_id, l.session_id, s.title AS session_title,
       NULLIF(s.reflection_task, '') AS reflection_task, l.author_kind,
       CASE WHEN l.author_kind = 'participant' THEN p.first_name ELSE COALESCE(u.name, '') END AS author_name,
       l.text, l.created_at, l.updated_at,
       (SELECT COUNT(*) FROM logbook_versions v WHERE v.entry_id = l.id) AS versions
     FROM logbook_entries l
     JOIN participants p ON p.id = l.participant_id
     LEFT JOIN sessions s ON s.id = l.session_id
     LEFT JOIN users u ON u.id = l.author_user_id";

pub async fn list(db: &Db, staff: &Actor, participant_id: i64) -> StoreResult<Vec<LogbookEntry>> {
    require_logbook_access(db, staff, participant_id).await?;
    record(db, staff, participant_id, Access::Read, "logbook").await?;
    entries_of(db, participant_id).await
}

fn check_text(text: &str) -> StoreResult<String> {
    let text = text.trim();
    if text.is_empty() {
        return Err(StoreError::invalid("text", Code::WriteSomething));
    }
    if text.chars().count() > 10_000 {
        return Err(StoreError::invalid("text", Code::EntryTooLong));
    }
    Ok(text.to_string())
}

/// A staff member writes an entry for the participant (with their permission).
pub async fn add(
    db: &Db,
    staff: &Actor,
    participant_id: i64,
    new: NewLogbookEntry,
    now: DateTime<Utc>,
) -> StoreResult<LogbookEntry> {
    require_logbook_access(db, staff, participant_id).await?;
    if !new.with_permission {
        return Err(StoreError::invalid(
            "with_permission",
            Code::StaffNeedPermission,
        ));
    }
    let id = insert(db, participant_id, Some(staff.id), &new, now).await?;
    record(db, staff, participant_id, Access::Change, "logbook").await?;
    get(db, id).await
}

/// The participant writes in their own logbook.
pub async fn add_own(
    db: &Db,
    participant_id: i64,
    new: NewLogbookEntry,
    now: DateTime<Utc>,
) -> StoreResult<LogbookEntry> {
    let id = insert(db, participant_id, None, &new, now).await?;
    get(db, id).await
}

/// Inserts an entry by a staff user (`Some`) or by the participant (`None`).
async fn insert(
    db: &Db,
    participant_id: i64,
    staff_author: Option<i64>,
    new: &NewLogbookEntry,
    now: DateTime<Utc>,
) -> StoreResult<i64> {
    let text = check_text(&new.text)?;
    if let Some(session_id) = new.session_id {
        let in_course: Option<i64> = query_scalar(
            "SELECT s.id FROM sessions s JOIN enrolments e ON e.course_id = s.course_id
             WHERE s.id = $1 AND e.participant_id = $2",
        )
        .bind(session_id)
        .bind(participant_id)
        .fetch_optional(db)
        .await?;
        if in_course.is_none() {
            return Err(StoreError::invalid(
                "session_id",
                Code::NotParticipantSession,
            ));
        }
    }
    Ok(query_scalar(
        "INSERT INTO logbook_entries (participant_id, session_id, author_kind, author_user_id, with_permission, text, created_at, updated_at)
         VALUES ($1, $2, CASE WHEN $3 IS NULL THEN 'participant' ELSE 'staff' END, $3, $3 IS NOT NULL, $4, $5, $5) RETURNING id",
    )
    .bind(participant_id)
    .bind(new.session_id)
    .bind(staff_author)
    .bind(&text)
    .bind(now)
    .fetch_one(db)
    .await?)
}

/// Changes an entry's text; the earlier text is kept as a version.
pub async fn edit(
    db: &Db,
    staff: &Actor,
    participant_id: i64,
    entry_id: i64,
    text: &str,
    now: DateTime<Utc>,
) -> StoreResult<LogbookEntry> {
    require_logbook_access(db, staff, participant_id).await?;
    replace_text(db, participant_id, entry_id, Some(staff.id), text, now).await?;
    record(db, staff, participant_id, Access::Change, "logbook").await?;
    get(db, entry_id).await
}

/// The participant changes one of their own entries (not one a staff user wrote).
pub async fn edit_own(
    db: &Db,
    participant_id: i64,
    entry_id: i64,
    text: &str,
    now: DateTime<Utc>,
) -> StoreResult<LogbookEntry> {
    let author: Option<String> = query_scalar(
        "SELECT author_kind FROM logbook_entries WHERE id = $1 AND participant_id = $2",
    )
    .bind(entry_id)
    .bind(participant_id)
    .fetch_optional(db)
    .await?;
    match author.as_deref() {
        None => return Err(StoreError::not_found("logbook entry")),
        Some("participant") => {}
        Some(_) => return Err(StoreError::Forbidden),
    }
    replace_text(db, participant_id, entry_id, None, text, now).await?;
    get(db, entry_id).await
}

/// Keeps the current text as a version (replaced by a staff user, or `None`: the
/// participant) and writes the new one, in one transaction.
async fn replace_text(
    db: &Db,
    participant_id: i64,
    entry_id: i64,
    replaced_by: Option<i64>,
    text: &str,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let text = check_text(text)?;
    let mut tx = db.begin_write().await?;
    let kept = query(
        "INSERT INTO logbook_versions (entry_id, text, replaced_by, replaced_at)
         SELECT id, text, $1, $2 FROM logbook_entries WHERE id = $3 AND participant_id = $4 AND text <> $5",
    )
    .bind(replaced_by)
    .bind(now)
    .bind(entry_id)
    .bind(participant_id)
    .bind(&text)
    .execute(&mut tx)
    .await?;
    if kept == 0 {
        // Nothing to keep: either no such entry, or the text did not change.
        let exists: Option<i64> =
            query_scalar("SELECT id FROM logbook_entries WHERE id = $1 AND participant_id = $2")
                .bind(entry_id)
                .bind(participant_id)
                .fetch_optional(&mut tx)
                .await?;
        return match exists {
            Some(_) => Ok(()),
            None => Err(StoreError::not_found("logbook entry")),
        };
    }
    query("UPDATE logbook_entries SET text = $1, updated_at = $2 WHERE id = $3")
        .bind(&text)
        .bind(now)
        .bind(entry_id)
        .execute(&mut tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// A participant's whole logbook, newest first; callers check who may read it (the
/// participant reading their own is not in the access log: it is no staff read).
pub async fn entries_of(db: &Db, participant_id: i64) -> StoreResult<Vec<LogbookEntry>> {
    let sql =
        format!("{ENTRY_SELECT} WHERE l.participant_id = $1 ORDER BY l.created_at DESC, l.id DESC");
    Ok(query_as(&sql).bind(participant_id).fetch_all(db).await?)
}

async fn get(db: &Db, id: i64) -> StoreResult<LogbookEntry> {
    let sql = format!("{ENTRY_SELECT} WHERE l.id = $1");
    Ok(query_as(&sql).bind(id).fetch_one(db).await?)
}

/// The earlier texts of an entry, oldest first.
pub async fn versions(
    db: &Db,
    staff: &Actor,
    participant_id: i64,
    entry_id: i64,
) -> StoreResult<Vec<(String, String)>> {
    require_logbook_access(db, staff, participant_id).await?;
    Ok(query_as(
        "SELECT v.text, v.replaced_at FROM logbook_versions v JOIN logbook_entries l ON l.id = v.entry_id
         WHERE v.entry_id = $1 AND l.participant_id = $2 ORDER BY v.id",
    )
    .bind(entry_id)
    .bind(participant_id)
    .fetch_all(db)
    .await?)
}
