//! What the two-in-a-row absence alerts are planned from: the course's participants with an
//! absence, their marks for its held sessions, and the staff who hear of an alert.

use crate::error::StoreResult;
use crate::sql::query_as;
use crate::sql::Db;
use chrono::{DateTime, Utc};
use domain::alerts::{AlertSubject, HeldMark};
use domain::attendance::AttendanceStatus;

/// The course's participants with at least one absence (binds the course as ?1).
const ABSENT_IN_COURSE: &str = "WITH absent AS (SELECT DISTINCT a.participant_id FROM attendance a
    JOIN sessions s ON s.id = a.session_id WHERE s.course_id = $1 AND a.status = 'absent')";

/// Participants with an absence in the course: their marks for its held sessions, in order,
/// and the staff who hear of an alert (leaders, primary contact, the school's counsellors).
pub(super) async fn alert_subjects(
    db: &Db,
    course_id: i64,
    now: DateTime<Utc>,
) -> StoreResult<Vec<AlertSubject>> {
    #[derive(sqlx::FromRow)]
    struct Row {
        participant_id: i64,
        session_id: i64,
        status: Option<String>,
        marked_at: Option<DateTime<Utc>>,
        followed_up: bool,
    }
    let rows: Vec<Row> = query_as(&format!(
        "{ABSENT_IN_COURSE}
         SELECT e.participant_id, s.id AS session_id, a.status, a.marked_at,
                EXISTS (SELECT 1 FROM absence_followups f
                        WHERE f.participant_id = e.participant_id AND f.session_id = s.id) AS followed_up
         FROM enrolments e
         JOIN sessions s ON s.course_id = e.course_id AND s.status = 'scheduled' AND s.starts_at <= $2
         LEFT JOIN attendance a ON a.session_id = s.id AND a.participant_id = e.participant_id
         WHERE e.course_id = $1 AND e.status = 'enrolled' AND e.participant_id IN (SELECT participant_id FROM absent)
         ORDER BY e.participant_id, s.starts_at"
    ))
    .bind(course_id)
    .bind(now)
    .fetch_all(db)
    .await?;
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let recipients: Vec<(i64, i64)> = query_as(&format!(
        "{ABSENT_IN_COURSE}
         SELECT absent.participant_id, cl.user_id FROM absent JOIN course_leaders cl ON cl.course_id = $1
         UNION SELECT p.id, p.primary_contact_id FROM participants p
               WHERE p.id IN (SELECT participant_id FROM absent) AND p.primary_contact_id IS NOT NULL
         UNION SELECT p.id, u.id FROM participants p JOIN users u ON u.role = 'counsellor' AND u.school_id = p.school_id
               WHERE p.id IN (SELECT participant_id FROM absent)"
    ))
    .bind(course_id)
    .fetch_all(db)
    .await?;
    Ok(rows
        .chunk_by(|a, b| a.participant_id == b.participant_id)
        .map(|run| AlertSubject {
            participant_id: run[0].participant_id,
            held: run
                .iter()
                .map(|r| HeldMark {
                    session_id: r.session_id,
                    mark: r.status.as_deref().and_then(AttendanceStatus::parse),
                    marked_at: r.marked_at,
                    followed_up: r.followed_up,
                })
                .collect(),
            recipients: recipients
                .iter()
                .filter(|(p, _)| *p == run[0].participant_id)
                .map(|(_, u)| *u)
                .collect(),
        })
        .collect())
}
