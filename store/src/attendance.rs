//! Storing attendance marks: one upsert per tap (the last write per participant wins, and
//! records who and when), "mark the rest present" that never overwrites a mark, and who is on
//! a session's list.

use crate::access_log::{record, record_each, Access};
use crate::actor::Actor;
use crate::courses::{get_course, get_session, require_manage, require_view};
use crate::error::{StoreError, StoreResult};
use crate::sql::Db;
use crate::sql::{query, query_as};
use chrono::{DateTime, Utc};
use domain::attendance::{attendance_rate, AttendanceStatus};
use domain::attendance::{
    AttendanceGrid, AttendanceMark, GridRow, GridSession, HistoryMark, MarkInput, RollCall,
    RollCallRow,
};
use domain::people::Role;
use domain::problem::Code;

/// Participants on a session's list: enrolled in its course, or withdrawn only after the
/// session began. Waitlisted participants are not on it. The session id is `$1`.
const ON_LIST: &str = "SELECT e.participant_id FROM enrolments e JOIN sessions s ON s.course_id = e.course_id
     WHERE s.id = $1 AND (e.status = 'enrolled' OR (e.status = 'withdrawn' AND e.withdrawn_at > s.starts_at))";

/// A counsellor sees only their own school's pupils: the condition, with the school as `$2`.
fn school_filter(staff: &Actor) -> (&'static str, Option<i64>) {
    if staff.role == Role::Counsellor {
        ("AND p.school_id = $2", Some(staff.school_id.unwrap_or(-1)))
    } else {
        ("AND $2 IS NULL", None)
    }
}

pub async fn roll_call(db: &Db, staff: &Actor, session_id: i64) -> StoreResult<RollCall> {
    let session = get_session(db, session_id).await?;
    require_view(db, staff, session.course_id).await?;
    let can_mark = require_manage(db, staff, session.course_id).await.is_ok();
    let (filter, school) = school_filter(staff);
    let sql = format!(
        "SELECT p.id AS participant_id, p.first_name, p.last_name, a.status, a.note,
                -- a reply to a text has no staff user; SMS reads the same in every language
                -- the participant's own answer on their page is marked in their name
                COALESCE(u.name, CASE a.via WHEN 'sms_reply' THEN 'SMS' WHEN 'page' THEN p.first_name END) AS marked_by_name,
                a.marked_at,
                (SELECT k.answer FROM session_confirmations k
                 WHERE k.session_id = $1 AND k.participant_id = p.id) AS answer
         FROM participants p
         LEFT JOIN attendance a ON a.participant_id = p.id AND a.session_id = $1
         LEFT JOIN users u ON u.id = a.marked_by
         WHERE p.id IN ({ON_LIST}) {filter}
         ORDER BY lower(p.first_name), lower(p.last_name)"
    );
    let mut rows: Vec<RollCallRow> = query_as(&sql)
        .bind(session_id)
        .bind(school)
        .fetch_all(db)
        .await?;
    let shown: Vec<i64> = rows.iter().map(|r| r.participant_id).collect();
    let what = format!("roll call, session {session_id}");
    record_each(db, staff, &shown, Access::Read, &what).await?;
    let pairing = crate::pairs::current(db, staff, session.course_id).await?;
    for row in &mut rows {
        row.buddy = pairing.buddies_of(row.participant_id);
    }
    let course_title = get_course(db, session.course_id).await?.title;
    Ok(RollCall {
        session,
        course_title,
        rows,
        can_mark,
    })
}

const MARK_SELECT: &str = "SELECT a.session_id, a.participant_id, a.status, a.note, a.marked_by,
       COALESCE(u.name, CASE a.via WHEN 'sms_reply' THEN 'SMS' WHEN 'page' THEN p.first_name ELSE '' END) AS marked_by_name, a.marked_at, a.via
     FROM attendance a LEFT JOIN users u ON u.id = a.marked_by JOIN participants p ON p.id = a.participant_id";

pub async fn list_marks(
    db: &Db,
    staff: &Actor,
    session_id: i64,
) -> StoreResult<Vec<AttendanceMark>> {
    let session = get_session(db, session_id).await?;
    require_view(db, staff, session.course_id).await?;
    let (filter, school) = school_filter(staff);
    let sql = format!("{MARK_SELECT} WHERE a.session_id = $1 {filter} ORDER BY a.participant_id");
    let marks: Vec<AttendanceMark> = query_as(&sql)
        .bind(session_id)
        .bind(school)
        .fetch_all(db)
        .await?;
    let shown: Vec<i64> = marks.iter().map(|m| m.participant_id).collect();
    let what = format!("attendance marks, session {session_id}");
    record_each(db, staff, &shown, Access::Read, &what).await?;
    Ok(marks)
}

/// Sets one participant's mark. Two leaders marking at once both succeed; the later write
/// for the same participant is the one kept.
pub async fn mark(
    db: &Db,
    staff: &Actor,
    session_id: i64,
    participant_id: i64,
    input: MarkInput,
    now: DateTime<Utc>,
) -> StoreResult<AttendanceMark> {
    let session = get_session(db, session_id).await?;
    require_manage(db, staff, session.course_id).await?;
    let status = AttendanceStatus::parse(&input.status)
        .ok_or_else(|| StoreError::invalid("status", Code::AttendanceChoice))?;
    let note = input.note.unwrap_or_default().trim().to_string();
    if note.chars().count() > 500 {
        return Err(StoreError::invalid(
            "note",
            Code::NoteTooLong.with("max", 500),
        ));
    }
    let sql = format!(
        "INSERT INTO attendance (session_id, participant_id, status, note, marked_by, marked_at)
         SELECT $1, $2, $3, $4, $5, $6 WHERE $7 IN ({ON_LIST})
         ON CONFLICT(session_id, participant_id) DO UPDATE SET
           status = excluded.status, note = excluded.note, marked_by = excluded.marked_by,
           marked_at = excluded.marked_at, via = 'staff'"
    );
    let done = query(&sql)
        .bind(session_id)
        .bind(participant_id)
        .bind(status.code())
        .bind(&note)
        .bind(staff.id)
        .bind(now)
        .bind(participant_id)
        .bind(session_id)
        .execute(db)
        .await?;
    if done == 0 {
        return Err(StoreError::invalid(
            "participant_id",
            Code::NotEnrolledInSessionCourse,
        ));
    }
    record(
        db,
        staff,
        participant_id,
        Access::Change,
        &format!("attendance, session {session_id}"),
    )
    .await?;
    let sql = format!("{MARK_SELECT} WHERE a.session_id = $1 AND a.participant_id = $2");
    Ok(query_as(&sql)
        .bind(session_id)
        .bind(participant_id)
        .fetch_one(db)
        .await?)
}

/// Marks everyone on the list who has no mark yet as present; returns how many were marked.
pub async fn mark_rest_present(
    db: &Db,
    staff: &Actor,
    session_id: i64,
    now: DateTime<Utc>,
) -> StoreResult<u64> {
    let session = get_session(db, session_id).await?;
    require_manage(db, staff, session.course_id).await?;
    let sql = format!(
        "INSERT INTO attendance (session_id, participant_id, status, note, marked_by, marked_at)
         SELECT $1, l.participant_id, 'present', '', $2, $3 FROM ({ON_LIST}) l WHERE true
         ON CONFLICT(session_id, participant_id) DO NOTHING"
    );
    let done = query(&sql)
        .bind(session_id)
        .bind(staff.id)
        .bind(now)
        .bind(session_id)
        .execute(db)
        .await?;
    Ok(done)
}

/// The course grid of participants × sessions (sessions that have started), with totals.
pub async fn course_grid(
    db: &Db,
    staff: &Actor,
    course_id: i64,
    now: DateTime<Utc>,
) -> StoreResult<AttendanceGrid> {
    require_view(db, staff, course_id).await?;
    let sessions: Vec<domain::courses::Session> = crate::courses::list_sessions(db, course_id)
        .await?
        .into_iter()
        .filter(|s| chrono::DateTime::parse_from_rfc3339(&s.starts_at).is_ok_and(|t| t <= now))
        .collect();
    let (filter, school) = school_filter(staff);
    let sql = format!(
        "SELECT p.id, p.first_name || ' ' || p.last_name FROM participants p
         JOIN enrolments e ON e.participant_id = p.id AND e.course_id = $1 AND e.status <> 'waitlisted'
         WHERE 1 = 1 {filter} ORDER BY lower(p.first_name), lower(p.last_name)"
    );
    let people: Vec<(i64, String)> = query_as(&sql)
        .bind(course_id)
        .bind(school)
        .fetch_all(db)
        .await?;
    let shown: Vec<i64> = people.iter().map(|(id, _)| *id).collect();
    let what = format!("attendance grid, course {course_id}");
    record_each(db, staff, &shown, Access::Read, &what).await?;
    let marks: Vec<(i64, i64, String)> = query_as(
        "SELECT a.session_id, a.participant_id, a.status FROM attendance a JOIN sessions s ON s.id = a.session_id
         WHERE s.course_id = $1",
    )
    .bind(course_id)
    .fetch_all(db)
    .await?;
    let mark_of = |session: i64, participant: i64| {
        marks
            .iter()
            .find(|(s, p, _)| *s == session && *p == participant)
            .map(|(_, _, m)| m.clone())
    };
    let rows: Vec<GridRow> = people
        .iter()
        .map(|(id, name)| {
            let row_marks: Vec<Option<String>> =
                sessions.iter().map(|s| mark_of(s.id, *id)).collect();
            let parsed: Vec<Option<AttendanceStatus>> = row_marks
                .iter()
                .map(|m| m.as_deref().and_then(AttendanceStatus::parse))
                .collect();
            GridRow {
                participant_id: *id,
                name: name.clone(),
                rate: attendance_rate(&parsed),
                marks: row_marks,
            }
        })
        .collect();
    let count = |i: usize, status: &str| {
        rows.iter()
            .filter(|r| r.marks[i].as_deref() == Some(status))
            .count() as i64
    };
    let sessions = sessions
        .iter()
        .enumerate()
        .map(|(i, s)| GridSession {
            id: s.id,
            number: s.number,
            date: s.date.clone(),
            cancelled: s.status == "cancelled",
            present: count(i, "present"),
            absent: count(i, "absent"),
            excused: count(i, "excused"),
            late: count(i, "late"),
        })
        .collect();
    Ok(AttendanceGrid { sessions, rows })
}

/// A participant's marks across all their courses, newest first.
pub async fn participant_history(
    db: &Db,
    staff: &Actor,
    participant_id: i64,
) -> StoreResult<Vec<HistoryMark>> {
    crate::scope::visible_participant(db, staff, participant_id).await?;
    record(
        db,
        staff,
        participant_id,
        Access::Read,
        "attendance history",
    )
    .await?;
    Ok(query_as(
        "SELECT c.id AS course_id, c.title AS course_title, s.id AS session_id, s.number AS session_number,
           s.starts_at, a.status, a.note
         FROM attendance a JOIN sessions s ON s.id = a.session_id JOIN courses c ON c.id = s.course_id
         WHERE a.participant_id = $1 ORDER BY s.starts_at DESC",
    )
    .bind(participant_id)
    .fetch_all(db)
    .await?)
}
