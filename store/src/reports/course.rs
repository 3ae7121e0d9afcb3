//! Gathers one course's report: its sessions, the participants the caller may see, their
//! marks and outcomes. The report names participants, so reading it is in the access log.

use crate::access_log::{record_each, Access};
use crate::actor::Actor;
use crate::courses::require_view;
use crate::error::StoreResult;
use crate::sql::{query_as, Db};
use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use domain::outcomes::OutcomeStatus;
use domain::people::Role;
use domain::reports::course::{course_report, CourseFacts, CourseReport, Member, SessionFacts};
use domain::reports::months::local_day;

/// The report; `access` says whether it is read on a page or in the API (`Read`) or
/// downloaded with names (`Export`). `None` records nothing (a download for sharing, which
/// names nobody).
pub async fn course_report_for(
    db: &Db,
    actor: &Actor,
    course_id: i64,
    tz: Tz,
    now: DateTime<Utc>,
    access: Option<Access>,
) -> StoreResult<CourseReport> {
    require_view(db, actor, course_id).await?;
    let (title, programme, completion_percent): (String, String, i64) = query_as(
        "SELECT c.title, pr.name, pr.completion_percent FROM courses c
         JOIN programmes pr ON pr.id = c.programme_id WHERE c.id = $1",
    )
    .bind(course_id)
    .fetch_one(db)
    .await?;
    let sessions = query_as::<(i64, i64, String, DateTime<Utc>, String, String)>(
        "SELECT id, number, title, starts_at, status, kind FROM sessions WHERE course_id = $1
         ORDER BY starts_at, number",
    )
    .bind(course_id)
    .fetch_all(db)
    .await?
    .into_iter()
    .map(
        |(session_id, number, title, starts_at, status, kind)| SessionFacts {
            session_id,
            number,
            title,
            date: local_day(starts_at, tz),
            held: status == "scheduled" && starts_at <= now,
            cancelled: status == "cancelled",
            regular: kind == "regular",
        },
    )
    .collect();
    // A counsellor sees only their own school's pupils.
    let school = (actor.role == Role::Counsellor).then(|| actor.school_id.unwrap_or(-1));
    let members: Vec<(i64, String)> = query_as(
        "SELECT p.id, p.first_name || ' ' || p.last_name FROM participants p
         JOIN enrolments e ON e.participant_id = p.id AND e.course_id = $1 AND e.status <> 'waitlisted'
         WHERE ($2 IS NULL OR p.school_id = $2) ORDER BY lower(p.first_name), lower(p.last_name), p.id",
    )
    .bind(course_id)
    .bind(school)
    .fetch_all(db)
    .await?;
    let marks = query_as::<(i64, i64, String)>(
        "SELECT a.session_id, a.participant_id, a.status FROM attendance a
         JOIN sessions s ON s.id = a.session_id WHERE s.course_id = $1",
    )
    .bind(course_id)
    .fetch_all(db)
    .await?;
    let outcomes = query_as::<(i64, i64, NaiveDate, String)>(
        "SELECT o.participant_id, o.id, o.date, o.status FROM outcomes o
         JOIN enrolments e ON e.participant_id = o.participant_id AND e.course_id = $1",
    )
    .bind(course_id)
    .fetch_all(db)
    .await?
    .into_iter()
    .filter_map(|(p, id, date, status)| Some((p, id, date, OutcomeStatus::parse(&status)?)))
    .collect();
    if let Some(access) = access {
        let ids: Vec<i64> = members.iter().map(|(id, _)| *id).collect();
        record_each(db, actor, &ids, access, "course report").await?;
    }
    Ok(course_report(&CourseFacts {
        course_id,
        title,
        programme,
        completion_percent,
        sessions,
        members: members
            .into_iter()
            .map(|(participant_id, name)| Member {
                participant_id,
                name,
            })
            .collect(),
        marks,
        outcomes,
    }))
}
