//! A course's sessions: reading them, moving or cancelling one, and adding one.

use super::{get_course, parse_date, require_manage};
use crate::actor::Actor;
use crate::error::{StoreError, StoreResult};
use crate::fields::parse_hhmm;
use crate::sql::Db;
use crate::sql::{query, query_as, query_scalar};
use chrono::{DateTime, Datelike, Utc};
use chrono_tz::Tz;
use domain::courses::*;
use domain::people::SessionStatus;
use domain::problem::Code;
use domain::schedule::SessionKind;
use domain::weekday::weekday_code;

#[derive(sqlx::FromRow)]
struct SessionRow {
    id: i64,
    course_id: i64,
    number: i64,
    kind: String,
    title: String,
    theme: String,
    status: String,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
    location: Option<String>,
    course_location: String,
    time_zone: String,
}

const SESSION_SELECT: &str = "SELECT s.id, s.course_id, s.number, s.kind, s.title, s.theme, s.status, s.starts_at, s.ends_at,
       s.location, c.location AS course_location, c.time_zone
     FROM sessions s JOIN courses c ON c.id = s.course_id";

impl From<SessionRow> for Session {
    fn from(r: SessionRow) -> Self {
        let tz: Tz = r.time_zone.parse().unwrap_or(chrono_tz::Europe::Oslo);
        let start = r.starts_at.with_timezone(&tz);
        let end = r.ends_at.with_timezone(&tz);
        Session {
            id: r.id,
            course_id: r.course_id,
            number: r.number,
            kind: r.kind,
            title: r.title,
            theme: r.theme,
            status: r.status,
            starts_at: start.to_rfc3339(),
            ends_at: end.to_rfc3339(),
            location: r.location.unwrap_or(r.course_location),
            date: start.date_naive().to_string(),
            weekday: weekday_code(start.weekday()).into(),
            start_local: start.format("%H:%M").to_string(),
            end_local: end.format("%H:%M").to_string(),
        }
    }
}

pub async fn list_sessions(db: &Db, course_id: i64) -> StoreResult<Vec<Session>> {
    let sql = format!("{SESSION_SELECT} WHERE s.course_id = $1 ORDER BY s.starts_at, s.number");
    let rows: Vec<SessionRow> = query_as(&sql).bind(course_id).fetch_all(db).await?;
    Ok(rows.into_iter().map(Into::into).collect())
}

pub async fn get_session(db: &Db, id: i64) -> StoreResult<Session> {
    let sql = format!("{SESSION_SELECT} WHERE s.id = $1");
    let row: SessionRow = query_as(&sql)
        .bind(id)
        .fetch_optional(db)
        .await?
        .ok_or_else(|| StoreError::not_found("session"))?;
    Ok(row.into())
}

fn parse_instant(field: &str, s: &str) -> StoreResult<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s.trim())
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| StoreError::invalid(field, Code::InstantForm))
}

/// Moves, relocates or cancels a session. Moving only the start keeps the session's length.
pub async fn update_session(
    db: &Db,
    staff: &Actor,
    id: i64,
    patch: SessionPatch,
    now: DateTime<Utc>,
) -> StoreResult<Session> {
    let current = get_session(db, id).await?;
    require_manage(db, staff, current.course_id).await?;
    let old_start = parse_instant("starts_at", &current.starts_at)?;
    let old_end = parse_instant("ends_at", &current.ends_at)?;
    let start = patch
        .starts_at
        .as_deref()
        .map(|s| parse_instant("starts_at", s))
        .transpose()?;
    let end = patch
        .ends_at
        .as_deref()
        .map(|s| parse_instant("ends_at", s))
        .transpose()?;
    let (start, end) = match (start, end) {
        (Some(s), Some(e)) => (s, e),
        (Some(s), None) => (s, s + (old_end - old_start)),
        (None, Some(e)) => (old_start, e),
        (None, None) => (old_start, old_end),
    };
    if end <= start {
        return Err(StoreError::invalid("ends_at", Code::EndBeforeStart));
    }
    // Moving the start keeps the length, which may carry the end past the year 9999: RFC 3339
    // has no such years, and SQLite, which compares the instants as text, would see the end
    // ("+10000-…") before the start.
    if end.year() > 9999 {
        return Err(StoreError::invalid("ends_at", Code::EndTooLate));
    }
    let status = match patch.status.as_deref() {
        None => current.status.clone(),
        Some(s) => SessionStatus::parse(s)
            .ok_or_else(|| StoreError::invalid("status", Code::SessionStatusChoice))?
            .code()
            .to_string(),
    };
    let location = patch.location.map(|l| l.trim().to_string());
    // Calendar feeds carry a sequence per session: raised when the time, the place or the
    // status changes, so subscribed calendars replace their copy (RFC 5545 SEQUENCE).
    let changed = start != old_start
        || end != old_end
        || status != current.status
        // (Clearing the place, back to the course's, counts as a change even where the two
        // were the same: one needless update in a calendar, never a missed one.)
        || location.as_ref().is_some_and(|l| *l != current.location);
    query(
        "UPDATE sessions SET starts_at = $1, ends_at = $2, status = $3,
           location = CASE WHEN $4 THEN NULLIF($5, '') ELSE location END, updated_at = $6,
           sequence = sequence + $7
         WHERE id = $8",
    )
    .bind(start)
    .bind(end)
    .bind(status)
    .bind(location.is_some())
    .bind(location.unwrap_or_default())
    .bind(now)
    .bind(i64::from(changed))
    .bind(id)
    .execute(db)
    .await?;
    get_session(db, id).await
}

/// Adds an extra session on a local date and time; it is numbered after the existing ones.
pub async fn add_session(
    db: &Db,
    staff: &Actor,
    course_id: i64,
    new: &NewSession,
    now: DateTime<Utc>,
) -> StoreResult<Session> {
    require_manage(db, staff, course_id).await?;
    let course = get_course(db, course_id).await?;
    let tz: Tz = course.time_zone.parse().unwrap_or(chrono_tz::Europe::Oslo);
    let date = parse_date("date", &new.date)?;
    let start = parse_hhmm("start_time", &new.start_time)?;
    let end = parse_hhmm("end_time", &new.end_time)?;
    if end <= start {
        return Err(StoreError::invalid("end_time", Code::EndTimeBeforeStart));
    }
    let kind = if new.follow_up {
        SessionKind::FollowUp
    } else {
        SessionKind::Regular
    };
    let title = match new.title.trim() {
        "" if new.follow_up => "Oppfølgingssamling".to_string(),
        "" => "Ekstra samling".to_string(),
        t => t.to_string(),
    };
    let id: i64 = query_scalar(
        "INSERT INTO sessions (course_id, number, kind, title, starts_at, ends_at, updated_at)
         VALUES ($1, (SELECT COALESCE(MAX(number), 0) + 1 FROM sessions WHERE course_id = $2), $3, $4, $5, $6, $7)
         RETURNING id",
    )
    .bind(course_id)
    .bind(course_id)
    .bind(kind.code())
    .bind(title)
    .bind(domain::schedule::local_instant(tz, date, start))
    .bind(domain::schedule::local_instant(tz, date, end))
    .bind(now)
    .fetch_one(db)
    .await?;
    get_session(db, id).await
}
