//! What the two-in-a-row absence alerts are planned from: each course's participants with an
//! absence, their marks for its held sessions, and the staff who hear of an alert.

use crate::error::StoreResult;
use crate::sql::{placeholders, query_as, Db};
use chrono::{DateTime, Utc};
use domain::alerts::{AlertSubject, HeldMark};
use domain::attendance::AttendanceStatus;
use std::collections::HashMap;

/// The courses' participants with at least one absence (binds the course ids as $1 … $n).
fn absent_in(list: &str) -> String {
    format!(
        "WITH absent AS (SELECT DISTINCT s.course_id, a.participant_id FROM attendance a
         JOIN sessions s ON s.id = a.session_id WHERE s.course_id IN ({list}) AND a.status = 'absent')"
    )
}

/// Participants with an absence in each course: their marks for its held sessions, in
/// order, and the staff who hear of an alert (leaders, primary contact, the school's
/// counsellors). By course; courses without an absence are left out.
pub(super) async fn alert_subjects(
    db: &Db,
    courses: &[i64],
    now: DateTime<Utc>,
) -> StoreResult<HashMap<i64, Vec<AlertSubject>>> {
    #[derive(sqlx::FromRow)]
    struct Row {
        course_id: i64,
        participant_id: i64,
        session_id: i64,
        status: Option<String>,
        marked_at: Option<DateTime<Utc>>,
        followed_up: bool,
    }
    let list = placeholders(1, courses.len());
    let absent = absent_in(&list);
    let now_at = courses.len() + 1;
    let sql = format!(
        "{absent}
         SELECT e.course_id, e.participant_id, s.id AS session_id, a.status, a.marked_at,
                EXISTS (SELECT 1 FROM absence_followups f
                        WHERE f.participant_id = e.participant_id AND f.session_id = s.id) AS followed_up
         FROM enrolments e
         JOIN absent x ON x.course_id = e.course_id AND x.participant_id = e.participant_id
         JOIN sessions s ON s.course_id = e.course_id AND s.status = 'scheduled' AND s.starts_at <= ${now_at}
         LEFT JOIN attendance a ON a.session_id = s.id AND a.participant_id = e.participant_id
         WHERE e.status = 'enrolled'
         ORDER BY e.course_id, e.participant_id, s.starts_at"
    );
    let mut q = query_as::<Row>(&sql);
    for id in courses {
        q = q.bind(id);
    }
    let rows: Vec<Row> = q.bind(now).fetch_all(db).await?;
    if rows.is_empty() {
        return Ok(HashMap::new());
    }
    let sql = format!(
        "{absent}
         SELECT x.course_id, x.participant_id, cl.user_id FROM absent x
               JOIN course_leaders cl ON cl.course_id = x.course_id
         UNION SELECT x.course_id, p.id, p.primary_contact_id FROM absent x
               JOIN participants p ON p.id = x.participant_id WHERE p.primary_contact_id IS NOT NULL
         UNION SELECT x.course_id, p.id, u.id FROM absent x JOIN participants p ON p.id = x.participant_id
               JOIN users u ON u.role = 'counsellor' AND u.school_id = p.school_id"
    );
    let mut q = query_as::<(i64, i64, i64)>(&sql);
    for id in courses {
        q = q.bind(id);
    }
    let recipients = q.fetch_all(db).await?;
    let mut by_course: HashMap<i64, Vec<AlertSubject>> = HashMap::new();
    for run in
        rows.chunk_by(|a, b| (a.course_id, a.participant_id) == (b.course_id, b.participant_id))
    {
        let (course_id, participant_id) = (run[0].course_id, run[0].participant_id);
        by_course.entry(course_id).or_default().push(AlertSubject {
            participant_id,
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
                .filter(|(c, p, _)| (*c, *p) == (course_id, participant_id))
                .map(|(_, _, u)| *u)
                .collect(),
        });
    }
    Ok(by_course)
}
