//! Changing a course after it was made (title, public name, place, capacity, leaders, note),
//! closing it when it is over, and deleting one nobody was ever enrolled in. Admins and the
//! course's leaders may; every change is audited in the same transaction.
//!
//! Messages follow by themselves: texts are written as they go, so pending reminders name the
//! new public name and place; the course update queues the course for planning again, so
//! participants promoted from the waitlist get their welcome and new leaders their alerts.

use super::{course_in, require_manage};
use crate::actor::Actor;
use crate::audit::{self, Change};
use crate::error::{StoreError, StoreResult};
use crate::sql::{query, query_scalar, Db, Tx};
use chrono::{DateTime, Utc};
use domain::audit::AuditEntity;
use domain::courses::{can_close, capacity_problem, places_to_fill, Course, CoursePatch};
use domain::problem::Code;

/// Checks that every id names an active admin or leader (counsellors do not lead courses).
pub(super) async fn check_leaders(tx: &mut Tx, ids: &[i64]) -> StoreResult<()> {
    for id in ids {
        let found: Option<(String, bool)> =
            crate::sql::query_as("SELECT role, active FROM users WHERE id = $1")
                .bind(id)
                .fetch_optional(&mut *tx)
                .await?;
        match found {
            Some((role, true)) if role == "admin" || role == "leader" => {}
            Some((role, true)) if role == "counsellor" => {
                return Err(StoreError::invalid(
                    "leader_ids",
                    Code::CounsellorCannotLead.with("id", id),
                ))
            }
            _ => {
                return Err(StoreError::invalid(
                    "leader_ids",
                    Code::NoUser.with("id", id),
                ))
            }
        }
    }
    Ok(())
}

fn required(field: &str, value: &Option<String>, now: &str, empty: Code) -> StoreResult<String> {
    match value.as_deref().map(str::trim) {
        None => Ok(now.to_string()),
        Some("") => Err(StoreError::invalid(field, empty)),
        Some(v) => Ok(v.to_string()),
    }
}

/// Changes a course. A capacity below the number enrolled is refused (422, saying how many);
/// a higher one gives places to the waitlist in the order people asked.
pub async fn update_course(
    db: &Db,
    staff: &Actor,
    id: i64,
    patch: CoursePatch,
    now: DateTime<Utc>,
) -> StoreResult<Course> {
    require_manage(db, staff, id).await?;
    let mut tx = db.begin_write().await?;
    let before = course_in(&mut tx, id).await?;
    let title = required(
        "title",
        &patch.title,
        &before.title,
        Code::CourseTitleMissing,
    )?;
    let public_name = required(
        "public_name",
        &patch.public_name,
        &before.public_name,
        Code::PublicNameMissing,
    )?;
    let location = required(
        "location",
        &patch.location,
        &before.location,
        Code::LocationMissing,
    )?;
    let capacity = patch.capacity.unwrap_or(before.capacity);
    if let Some(problem) = capacity_problem(capacity, before.enrolled) {
        return Err(StoreError::invalid("capacity", problem));
    }
    let note = patch
        .note
        .as_deref()
        .map(str::trim)
        .unwrap_or(&before.note)
        .to_string();
    query(
        "UPDATE courses SET title = $1, public_name = $2, location = $3, capacity = $4, note = $5
         WHERE id = $6",
    )
    .bind(&title)
    .bind(&public_name)
    .bind(&location)
    .bind(capacity)
    .bind(&note)
    .bind(id)
    .execute(&mut tx)
    .await?;
    // Calendar feeds show the public name, and the course's place where a session has none of
    // its own: the sessions that show a changed one get a new sequence, so calendars update.
    let renamed = public_name != before.public_name;
    if renamed || location != before.location {
        query(
            "UPDATE sessions SET sequence = sequence + 1
             WHERE course_id = $1 AND ($2 OR location IS NULL)",
        )
        .bind(id)
        .bind(renamed)
        .execute(&mut tx)
        .await?;
    }
    if let Some(ids) = &patch.leader_ids {
        if ids.is_empty() {
            return Err(StoreError::invalid("leader_ids", Code::CourseNeedsLeader));
        }
        check_leaders(&mut tx, ids).await?;
        query("DELETE FROM course_leaders WHERE course_id = $1")
            .bind(id)
            .execute(&mut tx)
            .await?;
        for leader in ids {
            query("INSERT INTO course_leaders (course_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING")
                .bind(id)
                .bind(leader)
                .execute(&mut tx)
                .await?;
        }
    }
    let places = places_to_fill(capacity, before.enrolled, before.waitlisted);
    if places > 0 {
        let first: Vec<i64> = query_scalar(
            "SELECT id FROM enrolments WHERE course_id = $1 AND status = 'waitlisted'
             ORDER BY requested_at, id LIMIT $2",
        )
        .bind(id)
        .bind(places)
        .fetch_all(&mut tx)
        .await?;
        for enrolment in first {
            query("UPDATE enrolments SET status = 'enrolled', enrolled_at = $1 WHERE id = $2")
                .bind(now)
                .bind(enrolment)
                .execute(&mut tx)
                .await?;
        }
    }
    let after = course_in(&mut tx, id).await?;
    let change = Change::updated(AuditEntity::Course, id, &before, &after);
    audit::record(&mut tx, staff, change, now).await?;
    tx.commit().await?;
    Ok(after)
}

/// Closes a course whose last session is over: it leaves the active lists and stays readable.
pub async fn close_course(
    db: &Db,
    staff: &Actor,
    id: i64,
    now: DateTime<Utc>,
) -> StoreResult<Course> {
    require_manage(db, staff, id).await?;
    let mut tx = db.begin_write().await?;
    let before = course_in(&mut tx, id).await?;
    if before.closed_at.is_some() {
        return Ok(before);
    }
    let last_end: Option<DateTime<Utc>> = query_scalar(
        "SELECT MAX(ends_at) FROM sessions WHERE course_id = $1 AND status = 'scheduled'",
    )
    .bind(id)
    .fetch_one(&mut tx)
    .await?;
    if !can_close(last_end, now) {
        return Err(StoreError::Conflict(Code::CourseHasSessionsToCome.into()));
    }
    query("UPDATE courses SET closed_at = $1 WHERE id = $2")
        .bind(now)
        .bind(id)
        .execute(&mut tx)
        .await?;
    let after = course_in(&mut tx, id).await?;
    let change = Change::updated(AuditEntity::Course, id, &before, &after);
    audit::record(&mut tx, staff, change, now).await?;
    tx.commit().await?;
    Ok(after)
}

/// Deletes a course nobody was ever enrolled in (a mistake, a duplicate), with its sessions
/// and planned messages. A course with enrolments keeps its history: close it instead.
pub async fn delete_course(db: &Db, staff: &Actor, id: i64, now: DateTime<Utc>) -> StoreResult<()> {
    require_manage(db, staff, id).await?;
    let mut tx = db.begin_write().await?;
    let before = course_in(&mut tx, id).await?;
    let enrolments: i64 = query_scalar("SELECT COUNT(*) FROM enrolments WHERE course_id = $1")
        .bind(id)
        .fetch_one(&mut tx)
        .await?;
    if enrolments > 0 {
        return Err(StoreError::Conflict(Code::CourseHasEnrolments.into()));
    }
    query("DELETE FROM replan_queue WHERE course_id = $1")
        .bind(id)
        .execute(&mut tx)
        .await?;
    query("DELETE FROM courses WHERE id = $1")
        .bind(id)
        .execute(&mut tx)
        .await?;
    let change = Change::deleted(AuditEntity::Course, id, &before);
    audit::record(&mut tx, staff, change, now).await?;
    tx.commit().await?;
    Ok(())
}
