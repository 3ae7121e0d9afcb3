//! Enrolment into courses: a place when there is one, the waitlist when the course is full,
//! withdrawal with a reason, and promotion from the waitlist in the order people asked.

use super::visible_participant;
use crate::access_log::{record, record_each, Access};
use crate::actor::Actor;
use crate::courses::{leads, require_view};
use crate::error::{StoreError, StoreResult};
use crate::sql::Db;
use crate::sql::{query, query_as, query_scalar};
use chrono::{DateTime, Utc};
use domain::participants::Enrolment;
use domain::people::Role;
use domain::problem::Code;

const ENROLMENT_SELECT: &str = "SELECT e.course_id, c.title AS course_title, e.participant_id, p.first_name, p.last_name,
       e.status, e.requested_at, e.enrolled_at, e.withdrawn_at, e.withdraw_reason,
       CASE WHEN e.status = 'waitlisted' THEN (
         SELECT COUNT(*) FROM enrolments w WHERE w.course_id = e.course_id AND w.status = 'waitlisted'
           AND (w.requested_at < e.requested_at OR (w.requested_at = e.requested_at AND w.id <= e.id)))
       END AS waitlist_position
     FROM enrolments e JOIN participants p ON p.id = e.participant_id JOIN courses c ON c.id = e.course_id";

/// Who may enrol or withdraw: admins, the course's leaders, and counsellors for their own
/// pupils (the participant check enforces the school).
async fn require_enrol_rights(
    db: &Db,
    staff: &Actor,
    course_id: i64,
    participant_id: i64,
) -> StoreResult<()> {
    require_view(db, staff, course_id).await?;
    visible_participant(db, staff, participant_id).await?;
    match staff.role {
        Role::Admin | Role::Counsellor => Ok(()),
        Role::Leader if leads(db, staff, course_id).await? => Ok(()),
        Role::Leader => Err(StoreError::Forbidden),
    }
}

pub async fn get_enrolment(db: &Db, course_id: i64, participant_id: i64) -> StoreResult<Enrolment> {
    let sql = format!("{ENROLMENT_SELECT} WHERE e.course_id = $1 AND e.participant_id = $2");
    query_as(&sql)
        .bind(course_id)
        .bind(participant_id)
        .fetch_optional(db)
        .await?
        .ok_or_else(|| StoreError::not_found("enrolment"))
}

/// Enrols, or waitlists when the course is full. The place is decided inside one statement
/// in a write transaction, so two enrolments at the same moment cannot both take the last
/// place (on PostgreSQL the statement alone would not do: each would count the others'
/// uncommitted rows out).
pub async fn enrol(
    db: &Db,
    staff: &Actor,
    course_id: i64,
    participant_id: i64,
    now: DateTime<Utc>,
) -> StoreResult<Enrolment> {
    require_enrol_rights(db, staff, course_id, participant_id).await?;
    let status_sql = "CASE WHEN (SELECT capacity FROM courses WHERE id = $1) IS NULL
           OR (SELECT COUNT(*) FROM enrolments WHERE course_id = $1 AND status = 'enrolled')
              < (SELECT capacity FROM courses WHERE id = $1)
         THEN 'enrolled' ELSE 'waitlisted' END";
    let sql = format!(
        "INSERT INTO enrolments (course_id, participant_id, status, requested_at, enrolled_at, enrolled_by)
         SELECT $1, $2, s.status, $3, CASE WHEN s.status = 'enrolled' THEN $3 END, $4
         FROM (SELECT {status_sql} AS status) s
         WHERE true -- SQLite needs a WHERE before ON CONFLICT in INSERT … SELECT
         ON CONFLICT(course_id, participant_id) DO UPDATE SET
           status = excluded.status, requested_at = excluded.requested_at, enrolled_at = excluded.enrolled_at,
           enrolled_by = excluded.enrolled_by, withdrawn_at = NULL, withdraw_reason = NULL
         WHERE enrolments.status = 'withdrawn'"
    );
    let mut tx = db.begin_write().await?;
    let done = query(&sql)
        .bind(course_id)
        .bind(participant_id)
        .bind(now)
        .bind(staff.id)
        .execute(&mut tx)
        .await?;
    if done == 0 {
        return Err(StoreError::Conflict(Code::AlreadyEnrolled.into()));
    }
    tx.commit().await?;
    get_enrolment(db, course_id, participant_id).await
}

/// Withdraws a participant and, if that freed a place, promotes the first on the waitlist.
/// Returns the withdrawn enrolment and the promoted participant, if any.
pub async fn withdraw(
    db: &Db,
    staff: &Actor,
    course_id: i64,
    participant_id: i64,
    reason: Option<String>,
    now: DateTime<Utc>,
) -> StoreResult<(Enrolment, Option<i64>)> {
    require_enrol_rights(db, staff, course_id, participant_id).await?;
    let mut tx = db.begin_write().await?;
    let done = query(
        "UPDATE enrolments SET status = 'withdrawn', withdrawn_at = $1, withdraw_reason = $2
         WHERE course_id = $3 AND participant_id = $4 AND status <> 'withdrawn'",
    )
    .bind(now)
    .bind(
        reason
            .map(|r| r.trim().to_string())
            .filter(|r| !r.is_empty()),
    )
    .bind(course_id)
    .bind(participant_id)
    .execute(&mut tx)
    .await?;
    if done == 0 {
        return Err(StoreError::not_found("enrolment"));
    }
    let promoted: Option<i64> = query_scalar(
        "UPDATE enrolments SET status = 'enrolled', enrolled_at = $1
         WHERE id = (SELECT id FROM enrolments WHERE course_id = $2 AND status = 'waitlisted'
                     ORDER BY requested_at, id LIMIT 1)
           AND ((SELECT capacity FROM courses WHERE id = $2) IS NULL
                OR (SELECT COUNT(*) FROM enrolments WHERE course_id = $2 AND status = 'enrolled')
                   < (SELECT capacity FROM courses WHERE id = $2))
         RETURNING participant_id",
    )
    .bind(now)
    .bind(course_id)
    .fetch_optional(&mut tx)
    .await?;
    tx.commit().await?;
    Ok((
        get_enrolment(db, course_id, participant_id).await?,
        promoted,
    ))
}

/// A course's enrolments (enrolled, then the waitlist in order, then withdrawn). Counsellors
/// see only their own school's pupils.
pub async fn list_enrolments(
    db: &Db,
    staff: &Actor,
    course_id: i64,
) -> StoreResult<Vec<Enrolment>> {
    require_view(db, staff, course_id).await?;
    let school_filter = if staff.role == Role::Counsellor {
        "AND p.school_id = $2"
    } else {
        "AND $2 IS NULL"
    };
    let sql = format!(
        "{ENROLMENT_SELECT} WHERE e.course_id = $1 {school_filter}
         ORDER BY CASE e.status WHEN 'enrolled' THEN 0 WHEN 'waitlisted' THEN 1 ELSE 2 END,
                  CASE WHEN e.status = 'waitlisted' THEN e.requested_at END, e.id, p.last_name"
    );
    let school = if staff.role == Role::Counsellor {
        Some(staff.school_id.unwrap_or(-1))
    } else {
        None
    };
    let list: Vec<Enrolment> = query_as(&sql)
        .bind(course_id)
        .bind(school)
        .fetch_all(db)
        .await?;
    let shown: Vec<i64> = list.iter().map(|e| e.participant_id).collect();
    let what = format!("enrolment list, course {course_id}");
    record_each(db, staff, &shown, Access::Read, &what).await?;
    Ok(list)
}

/// A participant's enrolments across courses.
pub async fn enrolments_of(
    db: &Db,
    staff: &Actor,
    participant_id: i64,
) -> StoreResult<Vec<Enrolment>> {
    visible_participant(db, staff, participant_id).await?;
    record(db, staff, participant_id, Access::Read, "enrolments").await?;
    let sql =
        format!("{ENROLMENT_SELECT} WHERE e.participant_id = $1 ORDER BY e.requested_at DESC");
    Ok(query_as(&sql).bind(participant_id).fetch_all(db).await?)
}
