//! Finding open absences and alerts for a staff user, and recording a follow-up.

use crate::access_log::{record, record_each, Access};
use crate::actor::Actor;
use crate::error::{StoreError, StoreResult};
use crate::sql::Db;
use crate::sql::{query, query_as, query_scalar};
use chrono::{DateTime, Utc};
use domain::attendance::{open_alert_at, AttendanceStatus};
use domain::followups::{FollowUps, NewFollowUp, OpenAbsence};
use domain::people::Role;
use domain::problem::Code;

#[derive(sqlx::FromRow)]
struct HeldRow {
    participant_id: i64,
    participant_name: String,
    course_id: i64,
    course_title: String,
    session_id: i64,
    session_number: i64,
    starts_at: DateTime<Utc>,
    time_zone: String,
    status: Option<String>,
    followed_up: bool,
    /// The user leads the course (or is an admin).
    leads: bool,
}

/// Every enrolled participant × held, non-cancelled session of the courses this user should
/// hear about, with the mark and whether it was followed up. Binds: role, user id, school id, now.
const HELD: &str = "SELECT p.id AS participant_id, p.first_name || ' ' || p.last_name AS participant_name,
       c.id AS course_id, c.title AS course_title, s.id AS session_id, s.number AS session_number, s.starts_at,
       c.time_zone, a.status,
       EXISTS (SELECT 1 FROM absence_followups f WHERE f.participant_id = p.id AND f.session_id = s.id) AS followed_up,
       ($1 = 'admin' OR EXISTS (SELECT 1 FROM course_leaders cl WHERE cl.course_id = c.id AND cl.user_id = $2)) AS leads
     FROM enrolments e
     JOIN participants p ON p.id = e.participant_id
     JOIN courses c ON c.id = e.course_id
     JOIN sessions s ON s.course_id = c.id AND s.status = 'scheduled' AND s.starts_at <= $4
     LEFT JOIN attendance a ON a.session_id = s.id AND a.participant_id = p.id
     WHERE e.status = 'enrolled' AND (
         $1 = 'admin'
         OR EXISTS (SELECT 1 FROM course_leaders cl WHERE cl.course_id = c.id AND cl.user_id = $2)
         OR p.primary_contact_id = $2
         OR ($1 = 'counsellor' AND p.school_id = $3))
     ORDER BY p.id, c.id, s.starts_at";

pub async fn follow_ups(db: &Db, staff: &Actor, now: DateTime<Utc>) -> StoreResult<FollowUps> {
    let rows: Vec<HeldRow> = query_as(HELD)
        .bind(staff.role.code())
        .bind(staff.id)
        .bind(staff.school_id.unwrap_or(-1))
        .bind(now)
        .fetch_all(db)
        .await?;
    let mut out = FollowUps::default();
    // Rows come grouped by participant and course, sessions in order.
    for run in
        rows.chunk_by(|a, b| a.participant_id == b.participant_id && a.course_id == b.course_id)
    {
        let marks: Vec<Option<AttendanceStatus>> = run
            .iter()
            .map(|r| r.status.as_deref().and_then(AttendanceStatus::parse))
            .collect();
        let view = |i: usize, in_a_row: bool| {
            let r = &run[i];
            let tz: chrono_tz::Tz = r.time_zone.parse().unwrap_or(chrono_tz::Europe::Oslo);
            OpenAbsence {
                participant_id: r.participant_id,
                participant_name: r.participant_name.clone(),
                course_id: r.course_id,
                course_title: r.course_title.clone(),
                session_id: r.session_id,
                session_number: r.session_number,
                date: r.starts_at.with_timezone(&tz).date_naive().to_string(),
                in_a_row,
            }
        };
        // The alert belongs to the latest marked session: the second absence of the run.
        if let Some(latest) = open_alert_at(&marks, |i| run[i].followed_up) {
            out.alerts.push(view(latest, true));
        }
        if staff.role != Role::Counsellor {
            for (i, r) in run.iter().enumerate() {
                if r.leads && marks[i] == Some(AttendanceStatus::Absent) && !r.followed_up {
                    let in_a_row = i > 0 && marks[i - 1] == Some(AttendanceStatus::Absent);
                    out.absences.push(view(i, in_a_row));
                }
            }
        }
    }
    let shown: Vec<i64> = out
        .alerts
        .iter()
        .chain(&out.absences)
        .map(|a| a.participant_id)
        .collect();
    record_each(db, staff, &shown, Access::Read, "follow-ups").await?;
    Ok(out)
}

/// Records what was done about an absence; this clears it (and an alert ending in it).
pub async fn record_follow_up(
    db: &Db,
    staff: &Actor,
    new: NewFollowUp,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let note = new.note.trim();
    if note.is_empty() {
        return Err(StoreError::invalid("note", Code::WriteWhatWasDone));
    }
    crate::scope::visible_participant(db, staff, new.participant_id).await?;
    let absent: Option<String> =
        query_scalar("SELECT status FROM attendance WHERE session_id = $1 AND participant_id = $2")
            .bind(new.session_id)
            .bind(new.participant_id)
            .fetch_optional(db)
            .await?;
    if absent.as_deref() != Some("absent") {
        return Err(StoreError::invalid("session_id", Code::NotMarkedAbsent));
    }
    query(
        "INSERT INTO absence_followups (participant_id, session_id, note, recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(new.participant_id)
    .bind(new.session_id)
    .bind(note)
    .bind(staff.id)
    .bind(now)
    .execute(db)
    .await?;
    record(
        db,
        staff,
        new.participant_id,
        Access::Change,
        "absence follow-up",
    )
    .await?;
    Ok(())
}
