//! Storage of courses and sessions, the schedule preview, and who may see or change a course.

use crate::actor::Actor;
use crate::error::{StoreError, StoreResult};
use crate::fields::{hhmm, parse_hhmm};
use crate::programmes::{follow_up_rule, get_programme};
use crate::sql::Db;
use crate::sql::{query, query_as, query_scalar};
use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, Utc, Weekday};
use chrono_tz::Tz;
use domain::courses::*;
use domain::holidays::holiday_name;
use domain::people::{Role, SessionStatus};
use domain::programmes::{PlanSession, Programme};
use domain::schedule::{
    generate_schedule, PlannedSession, ScheduleError, ScheduleRequest, SessionKind,
};
use domain::weekday::{weekday_code, weekday_list_code};

pub const DEFAULT_TIME_ZONE: &str = "Europe/Oslo";

/// A course input after every field has been checked.
struct CheckedCourse {
    programme: Programme,
    title: String,
    public_name: String,
    location: String,
    capacity: Option<i64>,
    start_date: NaiveDate,
    weekdays: Vec<Weekday>,
    start_time: NaiveTime,
    end_time: NaiveTime,
    time_zone: Tz,
    closed_dates: Vec<NaiveDate>,
    guardian_reminders: bool,
}

pub fn parse_date(field: &str, input: &str) -> StoreResult<NaiveDate> {
    NaiveDate::parse_from_str(input.trim(), "%Y-%m-%d")
        .map_err(|_| StoreError::invalid(field, "use the form YYYY-MM-DD, e.g. 2027-01-12"))
}

async fn check(db: &Db, input: &CourseInput) -> StoreResult<CheckedCourse> {
    let programme = get_programme(db, input.programme_id)
        .await
        .map_err(|e| match e {
            StoreError::NotFound(_) => StoreError::invalid("programme_id", "no such programme"),
            other => other,
        })?;
    let title = input.title.trim().to_string();
    if title.is_empty() {
        return Err(StoreError::invalid("title", "give the course a title"));
    }
    // The public name goes into text messages; default to the programme's name.
    let public_name = match input.public_name.trim() {
        "" => programme.name.clone(),
        name => name.to_string(),
    };
    // Every reminder says where to go: a course without a place would text ", ." to youth.
    let location = input.location.trim().to_string();
    if location.is_empty() {
        return Err(StoreError::invalid(
            "location",
            "write where the group meets (the reminders say it)",
        ));
    }
    if let Some(c) = input.capacity {
        if !(1..=500).contains(&c) {
            return Err(StoreError::invalid("capacity", "between 1 and 500"));
        }
    }
    let weekdays = crate::fields::parse_weekdays("weekdays", &input.weekdays)?;
    let start_time = parse_hhmm("start_time", &input.start_time)?;
    let end_time = parse_hhmm("end_time", &input.end_time)?;
    if end_time <= start_time {
        return Err(StoreError::invalid(
            "end_time",
            "the end time must be after the start time",
        ));
    }
    let tz_name = input
        .time_zone
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .unwrap_or(DEFAULT_TIME_ZONE);
    let time_zone: Tz = tz_name.parse().map_err(|_| {
        StoreError::invalid("time_zone", format!("unknown time zone \"{tz_name}\""))
    })?;
    let mut closed_dates = Vec::new();
    for d in input.closed_dates.iter().filter(|d| !d.trim().is_empty()) {
        closed_dates.push(parse_date("closed_dates", d)?);
    }
    closed_dates.sort();
    closed_dates.dedup();
    Ok(CheckedCourse {
        title,
        public_name,
        location,
        capacity: input.capacity,
        start_date: parse_date("start_date", &input.start_date)?,
        weekdays,
        start_time,
        end_time,
        time_zone,
        closed_dates,
        programme,
        guardian_reminders: input.guardian_reminders.unwrap_or(false),
    })
}

fn plan(c: &CheckedCourse) -> StoreResult<Vec<PlannedSession>> {
    let regular = match c.programme.sessions.len() {
        0 => (c.programme.sessions_per_week * c.programme.weeks) as u32,
        n => n as u32,
    };
    generate_schedule(&ScheduleRequest {
        start_date: c.start_date,
        weekdays: &c.weekdays,
        start_time: c.start_time,
        end_time: c.end_time,
        time_zone: c.time_zone,
        regular_sessions: regular,
        closed_dates: &c.closed_dates,
        follow_up: follow_up_rule(&c.programme.follow_up),
    })
    .map_err(|e| match e {
        ScheduleError::NoWeekdays => StoreError::invalid("weekdays", e.to_string()),
        ScheduleError::EndBeforeStart => StoreError::invalid("end_time", e.to_string()),
        ScheduleError::NoSessions => {
            StoreError::invalid("programme_id", "the programme has no sessions")
        }
        ScheduleError::NoOpenDays => StoreError::invalid("closed_dates", e.to_string()),
    })
}

/// The plan entry (title, theme, method, reflection task) a planned session takes from the
/// programme; sessions beyond the plan and follow-ups get a plain numbered title.
fn plan_entry(p: &Programme, s: &PlannedSession, follow_up_index: usize) -> PlanSession {
    match s.kind {
        SessionKind::Regular => p
            .sessions
            .get(s.number as usize - 1)
            .cloned()
            .unwrap_or_else(|| PlanSession {
                title: format!("Samling {}", s.number),
                ..Default::default()
            }),
        SessionKind::FollowUp => PlanSession {
            title: format!("Oppfølgingssamling {follow_up_index}"),
            ..Default::default()
        },
    }
}

fn with_plan(c: &CheckedCourse, planned: &[PlannedSession]) -> Vec<(PlannedSession, PlanSession)> {
    let mut follow = 0;
    planned
        .iter()
        .map(|s| {
            if s.kind == SessionKind::FollowUp {
                follow += 1;
            }
            (s.clone(), plan_entry(&c.programme, s, follow))
        })
        .collect()
}

/// The sessions a course would get, and the course days passed over, without saving anything.
pub async fn preview_schedule(db: &Db, input: &CourseInput) -> StoreResult<SchedulePreview> {
    let c = check(db, input).await?;
    let planned = plan(&c)?;
    let sessions = with_plan(&c, &planned)
        .into_iter()
        .map(|(s, entry)| PreviewSession {
            number: s.number as i64,
            kind: s.kind.code().into(),
            title: entry.title,
            date: s.date.to_string(),
            weekday: weekday_code(s.date.weekday()).into(),
            start_local: hhmm(c.start_time),
            end_local: hhmm(c.end_time),
        })
        .collect();
    let last = planned
        .iter()
        .filter(|s| s.kind == SessionKind::Regular)
        .map(|s| s.date)
        .max()
        .unwrap_or(c.start_date);
    let skipped = c
        .start_date
        .iter_days()
        .take_while(|d| *d <= last)
        .filter(|d| c.weekdays.contains(&d.weekday()))
        .filter_map(|d| {
            let reason = holiday_name(d)
                .map(String::from)
                .or_else(|| c.closed_dates.contains(&d).then(|| "closed".to_string()))?;
            Some(SkippedDay {
                date: d.to_string(),
                reason,
            })
        })
        .collect();
    Ok(SchedulePreview { sessions, skipped })
}

pub async fn create_course(
    db: &Db,
    staff: &Actor,
    input: CourseInput,
    now: DateTime<Utc>,
) -> StoreResult<CourseWithSessions> {
    if staff.role == Role::Counsellor {
        return Err(StoreError::Forbidden);
    }
    let c = check(db, &input).await?;
    let planned = plan(&c)?;
    let leader_ids = match &input.leader_ids {
        Some(ids) if !ids.is_empty() => ids.clone(),
        _ => vec![staff.id],
    };
    let mut tx = db.begin_write().await?;
    for id in &leader_ids {
        let role: Option<String> = query_scalar("SELECT role FROM users WHERE id = $1")
            .bind(id)
            .fetch_optional(&mut tx)
            .await?;
        match role.as_deref() {
            Some("admin") | Some("leader") => {}
            Some(_) => {
                return Err(StoreError::invalid(
                    "leader_ids",
                    format!("a counsellor cannot lead a course: user {id}"),
                ))
            }
            None => return Err(StoreError::invalid("leader_ids", format!("no user {id}"))),
        }
    }
    let closed = c
        .closed_dates
        .iter()
        .map(|d| d.to_string())
        .collect::<Vec<_>>()
        .join(",");
    let course_id: i64 = query_scalar(
        "INSERT INTO courses (programme_id, title, public_name, location, capacity, start_date, weekdays,
           start_time, end_time, time_zone, closed_dates, guardian_reminders, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id",
    )
    .bind(c.programme.id)
    .bind(&c.title)
    .bind(&c.public_name)
    .bind(&c.location)
    .bind(c.capacity)
    .bind(c.start_date)
    .bind(weekday_list_code(&c.weekdays))
    .bind(c.start_time)
    .bind(c.end_time)
    .bind(c.time_zone.name())
    .bind(closed)
    .bind(c.guardian_reminders)
    .bind(staff.id)
    .bind(now)
    .fetch_one(&mut tx)
    .await?;
    for id in &leader_ids {
        query("INSERT INTO course_leaders (course_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING")
            .bind(course_id)
            .bind(id)
            .execute(&mut tx)
            .await?;
    }
    for (s, entry) in with_plan(&c, &planned) {
        query(
            "INSERT INTO sessions (course_id, number, kind, title, theme, method, reflection_task, starts_at, ends_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        )
        .bind(course_id)
        .bind(s.number as i64)
        .bind(s.kind.code())
        .bind(entry.title)
        .bind(entry.theme)
        .bind(entry.method)
        .bind(entry.reflection_task)
        .bind(s.starts_at)
        .bind(s.ends_at)
        .bind(now)
        .execute(&mut tx)
        .await?;
    }
    tx.commit().await?;
    Ok(CourseWithSessions {
        course: get_course(db, course_id).await?,
        sessions: list_sessions(db, course_id).await?,
    })
}

#[derive(sqlx::FromRow)]
struct CourseRow {
    id: i64,
    programme_id: i64,
    programme_name: String,
    title: String,
    public_name: String,
    location: String,
    capacity: Option<i64>,
    start_date: NaiveDate,
    weekdays: String,
    start_time: NaiveTime,
    end_time: NaiveTime,
    time_zone: String,
    closed_dates: String,
    guardian_reminders: bool,
    enrolled: i64,
    waitlisted: i64,
}

const COURSE_SELECT: &str = "SELECT c.id, c.programme_id, p.name AS programme_name, c.title, c.public_name, c.location,
       c.capacity, c.start_date, c.weekdays, c.start_time, c.end_time, c.time_zone, c.closed_dates,
       c.guardian_reminders,
       (SELECT COUNT(*) FROM enrolments e WHERE e.course_id = c.id AND e.status = 'enrolled') AS enrolled,
       (SELECT COUNT(*) FROM enrolments e WHERE e.course_id = c.id AND e.status = 'waitlisted') AS waitlisted
     FROM courses c JOIN programmes p ON p.id = c.programme_id";

fn split_list(s: &str) -> Vec<String> {
    s.split(',')
        .filter(|x| !x.is_empty())
        .map(String::from)
        .collect()
}

async fn leaders_of(db: &Db, course_id: i64) -> StoreResult<Vec<Leader>> {
    Ok(query_as(
        "SELECT u.id, u.name FROM course_leaders cl JOIN users u ON u.id = cl.user_id WHERE cl.course_id = $1 ORDER BY u.name",
    )
    .bind(course_id)
    .fetch_all(db)
    .await?)
}

async fn to_course(db: &Db, r: CourseRow) -> StoreResult<Course> {
    Ok(Course {
        leaders: leaders_of(db, r.id).await?,
        id: r.id,
        programme_id: r.programme_id,
        programme_name: r.programme_name,
        title: r.title,
        public_name: r.public_name,
        location: r.location,
        capacity: r.capacity,
        start_date: r.start_date.to_string(),
        weekdays: split_list(&r.weekdays),
        start_time: hhmm(r.start_time),
        end_time: hhmm(r.end_time),
        time_zone: r.time_zone,
        closed_dates: split_list(&r.closed_dates),
        guardian_reminders: r.guardian_reminders,
        enrolled: r.enrolled,
        waitlisted: r.waitlisted,
    })
}

pub async fn get_course(db: &Db, id: i64) -> StoreResult<Course> {
    let sql = format!("{COURSE_SELECT} WHERE c.id = $1");
    let row: CourseRow = query_as(&sql)
        .bind(id)
        .fetch_optional(db)
        .await?
        .ok_or_else(|| StoreError::not_found("course"))?;
    to_course(db, row).await
}

/// Whether the staff user leads the course.
pub async fn leads(db: &Db, staff: &Actor, course_id: i64) -> StoreResult<bool> {
    Ok(
        query_scalar::<i64>("SELECT 1 FROM course_leaders WHERE course_id = $1 AND user_id = $2")
            .bind(course_id)
            .bind(staff.id)
            .fetch_optional(db)
            .await?
            .is_some(),
    )
}

/// Admins and the course's leaders may change it and its sessions.
pub async fn require_manage(db: &Db, staff: &Actor, course_id: i64) -> StoreResult<()> {
    get_course_exists(db, course_id).await?;
    if staff.is_admin() || leads(db, staff, course_id).await? {
        Ok(())
    } else {
        Err(StoreError::Forbidden)
    }
}

/// Admins see every course, leaders the ones they lead, counsellors every course (to enrol
/// their pupils; what they see of its participants is limited elsewhere).
pub async fn require_view(db: &Db, staff: &Actor, course_id: i64) -> StoreResult<()> {
    get_course_exists(db, course_id).await?;
    match staff.role {
        Role::Admin | Role::Counsellor => Ok(()),
        Role::Leader if leads(db, staff, course_id).await? => Ok(()),
        Role::Leader => Err(StoreError::Forbidden),
    }
}

async fn get_course_exists(db: &Db, course_id: i64) -> StoreResult<()> {
    query_scalar::<i64>("SELECT 1 FROM courses WHERE id = $1")
        .bind(course_id)
        .fetch_optional(db)
        .await?
        .map(|_| ())
        .ok_or_else(|| StoreError::not_found("course"))
}

pub async fn list_courses(db: &Db, staff: &Actor) -> StoreResult<Vec<Course>> {
    let rows: Vec<CourseRow> = if staff.role == Role::Leader {
        let sql = format!("{COURSE_SELECT} JOIN course_leaders cl ON cl.course_id = c.id AND cl.user_id = $1 ORDER BY c.start_date DESC, c.id DESC");
        query_as(&sql).bind(staff.id).fetch_all(db).await?
    } else {
        let sql = format!("{COURSE_SELECT} ORDER BY c.start_date DESC, c.id DESC");
        query_as(&sql).fetch_all(db).await?
    };
    let mut courses = Vec::with_capacity(rows.len());
    for r in rows {
        courses.push(to_course(db, r).await?);
    }
    Ok(courses)
}

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
        .map_err(|_| StoreError::invalid(field, "use RFC 3339, e.g. 2027-03-30T12:00:00+02:00"))
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
        return Err(StoreError::invalid(
            "ends_at",
            "the end must be after the start",
        ));
    }
    let status = match patch.status.as_deref() {
        None => current.status.clone(),
        Some(s) => SessionStatus::parse(s)
            .ok_or_else(|| StoreError::invalid("status", "use \"scheduled\" or \"cancelled\""))?
            .code()
            .to_string(),
    };
    let location = patch.location.map(|l| l.trim().to_string());
    query(
        "UPDATE sessions SET starts_at = $1, ends_at = $2, status = $3,
           location = CASE WHEN $4 THEN NULLIF($5, '') ELSE location END, updated_at = $6
         WHERE id = $7",
    )
    .bind(start)
    .bind(end)
    .bind(status)
    .bind(location.is_some())
    .bind(location.unwrap_or_default())
    .bind(now)
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
        return Err(StoreError::invalid(
            "end_time",
            "the end time must be after the start time",
        ));
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
