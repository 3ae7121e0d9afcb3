//! Creating a course: checking the input, generating its schedule from the programme (public
//! holidays and closed dates skipped), the preview of that schedule, and storing both.

use super::{get_course, list_sessions, DEFAULT_TIME_ZONE};
use crate::actor::Actor;
use crate::error::{StoreError, StoreResult};
use crate::fields::{hhmm, parse_hhmm};
use crate::programmes::{follow_up_rule, get_programme};
use crate::sql::Db;
use crate::sql::{query, query_scalar};
use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, Utc, Weekday};
use chrono_tz::Tz;
use domain::closed_periods::closed_by;
use domain::courses::*;
use domain::holidays::holiday_name;
use domain::people::Role;
use domain::problem::{Code, Problem};
use domain::programmes::{PlanSession, Programme};
use domain::schedule::{
    generate_schedule, PlannedSession, ScheduleError, ScheduleRequest, SessionKind,
};
use domain::weekday::{weekday_code, weekday_list_code};

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
    /// The organisation's closed periods within reach of the course: those for all schools
    /// and those of the course's school.
    closed_periods: Vec<(NaiveDate, NaiveDate, String)>,
    guardian_reminders: bool,
    school_id: Option<i64>,
}

/// How far ahead of its start a course's closed periods are looked for: its sessions and
/// the follow-ups months later.
const SCHEDULE_REACH_DAYS: i64 = 550;

pub fn parse_date(field: &str, input: &str) -> StoreResult<NaiveDate> {
    NaiveDate::parse_from_str(input.trim(), "%Y-%m-%d")
        .map_err(|_| StoreError::invalid(field, Code::DateFormExample))
}

async fn check(db: &Db, input: &CourseInput) -> StoreResult<CheckedCourse> {
    let programme = get_programme(db, input.programme_id)
        .await
        .map_err(|e| match e {
            StoreError::NotFound(_) => StoreError::invalid("programme_id", Code::NoSuchProgramme),
            other => other,
        })?;
    let title = input.title.trim().to_string();
    if title.is_empty() {
        return Err(StoreError::invalid("title", Code::CourseTitleMissing));
    }
    // The public name goes into text messages; default to the programme's name.
    let public_name = match input.public_name.trim() {
        "" => programme.name.clone(),
        name => name.to_string(),
    };
    // Every reminder says where to go: a course without a place would text ", ." to youth.
    let location = input.location.trim().to_string();
    if location.is_empty() {
        return Err(StoreError::invalid("location", Code::LocationMissing));
    }
    if let Some(c) = input.capacity {
        if !(1..=500).contains(&c) {
            return Err(StoreError::invalid("capacity", Problem::between(1, 500)));
        }
    }
    let weekdays = crate::fields::parse_weekdays("weekdays", &input.weekdays)?;
    let start_time = parse_hhmm("start_time", &input.start_time)?;
    let end_time = parse_hhmm("end_time", &input.end_time)?;
    if end_time <= start_time {
        return Err(StoreError::invalid("end_time", Code::EndTimeBeforeStart));
    }
    let tz_name = input
        .time_zone
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .unwrap_or(DEFAULT_TIME_ZONE);
    let time_zone: Tz = tz_name.parse().map_err(|_| {
        StoreError::invalid("time_zone", Code::UnknownTimeZone.with("zone", tz_name))
    })?;
    let mut closed_dates = Vec::new();
    for d in input.closed_dates.iter().filter(|d| !d.trim().is_empty()) {
        closed_dates.push(parse_date("closed_dates", d)?);
    }
    closed_dates.sort();
    closed_dates.dedup();
    let start_date = parse_date("start_date", &input.start_date)?;
    if let Some(id) = input.school_id {
        let active: Option<bool> = query_scalar("SELECT active FROM schools WHERE id = $1")
            .bind(id)
            .fetch_optional(db)
            .await?;
        match active {
            Some(true) => {}
            Some(false) => return Err(StoreError::invalid("school_id", Code::SchoolInactive)),
            None => return Err(StoreError::invalid("school_id", Code::NoSuchSchool)),
        }
    }
    let closed_periods = crate::closed_periods::for_course(
        db,
        input.school_id,
        start_date,
        start_date + chrono::Duration::days(SCHEDULE_REACH_DAYS),
    )
    .await?;
    Ok(CheckedCourse {
        title,
        public_name,
        location,
        capacity: input.capacity,
        start_date,
        weekdays,
        start_time,
        end_time,
        time_zone,
        closed_dates,
        closed_periods,
        programme,
        guardian_reminders: input.guardian_reminders.unwrap_or(false),
        school_id: input.school_id,
    })
}

fn plan(c: &CheckedCourse) -> StoreResult<Vec<PlannedSession>> {
    let regular = match c.programme.sessions.len() {
        0 => (c.programme.sessions_per_week * c.programme.weeks) as u32,
        n => n as u32,
    };
    // The course's own closed days and every day of the organisation's closed periods.
    let mut closed = c.closed_dates.clone();
    for (first, last, _) in &c.closed_periods {
        closed.extend(first.iter_days().take_while(|d| d <= last));
    }
    generate_schedule(&ScheduleRequest {
        start_date: c.start_date,
        weekdays: &c.weekdays,
        start_time: c.start_time,
        end_time: c.end_time,
        time_zone: c.time_zone,
        regular_sessions: regular,
        closed_dates: &closed,
        follow_up: follow_up_rule(&c.programme.follow_up),
    })
    .map_err(|e| match e {
        ScheduleError::NoWeekdays => StoreError::invalid("weekdays", e),
        ScheduleError::EndBeforeStart => StoreError::invalid("end_time", e),
        ScheduleError::NoSessions => {
            StoreError::invalid("programme_id", Code::ProgrammeHasNoSessions)
        }
        ScheduleError::NoOpenDays => StoreError::invalid("closed_dates", e),
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
                .or_else(|| closed_by(&c.closed_periods, d).map(String::from))
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
    super::change::check_leaders(&mut tx, &leader_ids).await?;
    let closed = c
        .closed_dates
        .iter()
        .map(|d| d.to_string())
        .collect::<Vec<_>>()
        .join(",");
    let course_id: i64 = query_scalar(
        "INSERT INTO courses (programme_id, title, public_name, location, capacity, start_date, weekdays,
           start_time, end_time, time_zone, closed_dates, guardian_reminders, created_by, created_at,
           school_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id",
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
    .bind(c.school_id)
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
    let created = super::course_in(&mut tx, course_id).await?;
    let change =
        crate::audit::Change::created(domain::audit::AuditEntity::Course, course_id, &created);
    crate::audit::record(&mut tx, staff, change, now).await?;
    tx.commit().await?;
    Ok(CourseWithSessions {
        course: get_course(db, course_id).await?,
        sessions: list_sessions(db, course_id).await?,
    })
}
