//! Courses: reading them, and who may see or change one. Creating a course with its
//! generated schedule is in `create`, changing, closing and deleting it in `change`, its
//! sessions in `sessions`.

mod change;
mod create;
mod sessions;

pub use change::{close_course, delete_course, update_course};
pub use create::{create_course, parse_date, preview_schedule};
pub use sessions::{add_session, get_session, list_sessions, update_session};

use crate::actor::Actor;
use crate::error::{StoreError, StoreResult};
use crate::fields::hhmm;
use crate::paging::{self, Page, PageQuery};
use crate::sql::{query_as, query_scalar, Db, Exec, Tx};
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use domain::courses::*;
use domain::people::Role;

pub const DEFAULT_TIME_ZONE: &str = "Europe/Oslo";

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
    note: String,
    closed_at: Option<DateTime<Utc>>,
    school_id: Option<i64>,
    school_name: Option<String>,
}

const COURSE_SELECT: &str = "SELECT c.id, c.programme_id, p.name AS programme_name, c.title, c.public_name, c.location,
       c.capacity, c.start_date, c.weekdays, c.start_time, c.end_time, c.time_zone, c.closed_dates,
       c.guardian_reminders, c.note, c.closed_at, c.school_id,
       (SELECT s.name FROM schools s WHERE s.id = c.school_id) AS school_name,
       (SELECT COUNT(*) FROM enrolments e WHERE e.course_id = c.id AND e.status = 'enrolled') AS enrolled,
       (SELECT COUNT(*) FROM enrolments e WHERE e.course_id = c.id AND e.status = 'waitlisted') AS waitlisted
     FROM courses c JOIN programmes p ON p.id = c.programme_id";

fn split_list(s: &str) -> Vec<String> {
    s.split(',')
        .filter(|x| !x.is_empty())
        .map(String::from)
        .collect()
}

async fn leaders_of<'e>(exec: impl Into<Exec<'e>>, course_id: i64) -> StoreResult<Vec<Leader>> {
    Ok(query_as(
        "SELECT u.id, u.name FROM course_leaders cl JOIN users u ON u.id = cl.user_id WHERE cl.course_id = $1 ORDER BY u.name",
    )
    .bind(course_id)
    .fetch_all(exec)
    .await?)
}

async fn to_course(db: &Db, r: CourseRow) -> StoreResult<Course> {
    let leaders = leaders_of(db, r.id).await?;
    Ok(course_of(r, leaders))
}

fn course_of(r: CourseRow, leaders: Vec<Leader>) -> Course {
    Course {
        leaders,
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
        note: r.note,
        closed_at: r.closed_at,
        school_id: r.school_id,
        school_name: r.school_name,
    }
}

pub async fn get_course(db: &Db, id: i64) -> StoreResult<Course> {
    course_from(db.into(), id).await
}

/// The course as it stands inside a transaction that changes it (for the audit log).
async fn course_in(tx: &mut Tx, id: i64) -> StoreResult<Course> {
    course_from(tx.into(), id).await
}

async fn course_from(mut exec: Exec<'_>, id: i64) -> StoreResult<Course> {
    let sql = format!("{COURSE_SELECT} WHERE c.id = $1");
    let row: CourseRow = query_as(&sql)
        .bind(id)
        .fetch_optional(exec.again())
        .await?
        .ok_or_else(|| StoreError::not_found("course"))?;
    let leaders = leaders_of(exec, id).await?;
    Ok(course_of(row, leaders))
}

/// Whether the staff user leads the course.
pub async fn leads(db: &Db, staff: &Actor, course_id: i64) -> StoreResult<bool> {
    Ok(query_scalar::<i64>(
        "SELECT user_id FROM course_leaders WHERE course_id = $1 AND user_id = $2",
    )
    .bind(course_id)
    .bind(staff.id)
    .fetch_optional(db)
    .await?
    .is_some())
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
    query_scalar::<i64>("SELECT id FROM courses WHERE id = $1")
        .bind(course_id)
        .fetch_optional(db)
        .await?
        .map(|_| ())
        .ok_or_else(|| StoreError::not_found("course"))
}

/// The courses the staff user sees: the active ones, or only the closed ones.
pub async fn list_courses(db: &Db, staff: &Actor, closed: bool) -> StoreResult<Vec<Course>> {
    let rows = course_rows(db, staff, closed, None, i64::MAX).await?;
    let mut courses = Vec::with_capacity(rows.len());
    for r in rows {
        courses.push(to_course(db, r).await?);
    }
    Ok(courses)
}

/// The name the course list's cursors carry.
const COURSES: &str = "courses";

/// One page of the same list (the closed courses grow without bound): by start date and id,
/// the latest first.
pub async fn page_courses(
    db: &Db,
    staff: &Actor,
    closed: bool,
    asked: &PageQuery,
) -> StoreResult<Page<Course>> {
    let size = asked.size()?;
    let after = match asked.after::<(String, i64)>(COURSES)? {
        Some((start, id)) => Some((
            NaiveDate::parse_from_str(&start, "%Y-%m-%d").map_err(|_| paging::bad_cursor())?,
            id,
        )),
        None => None,
    };
    let rows = course_rows(db, staff, closed, after, size + 1).await?;
    let page = paging::page(rows, size, COURSES, |r| {
        (r.start_date.format("%Y-%m-%d").to_string(), r.id)
    })?;
    let mut items = Vec::with_capacity(page.items.len());
    for r in page.items {
        items.push(to_course(db, r).await?);
    }
    Ok(Page {
        items,
        next: page.next,
    })
}

/// The courses the staff user sees, open or closed, after a (start date, id) when given.
async fn course_rows(
    db: &Db,
    staff: &Actor,
    closed: bool,
    after: Option<(NaiveDate, i64)>,
    limit: i64,
) -> StoreResult<Vec<CourseRow>> {
    let which = if closed {
        "c.closed_at IS NOT NULL"
    } else {
        "c.closed_at IS NULL"
    };
    let leads = if staff.role == Role::Leader {
        " JOIN course_leaders cl ON cl.course_id = c.id AND cl.user_id = $1"
    } else {
        ""
    };
    let after_clause = if after.is_some() {
        " AND (c.start_date, c.id) < ($2, $3)"
    } else {
        ""
    };
    let sql = format!(
        "{COURSE_SELECT}{leads} WHERE {which}{after_clause} ORDER BY c.start_date DESC, c.id DESC LIMIT $4"
    );
    Ok(query_as(&sql)
        .bind(staff.id)
        .bind(after.map(|(start, _)| start))
        .bind(after.map(|(_, id)| id))
        .bind(limit)
        .fetch_all(db)
        .await?)
}

/// The course with this title, if any (the demo data looks its own courses up by title).
pub async fn id_by_title(db: &Db, title: &str) -> StoreResult<Option<i64>> {
    Ok(
        query_scalar("SELECT id FROM courses WHERE title = $1 ORDER BY id LIMIT 1")
            .bind(title)
            .fetch_optional(db)
            .await?,
    )
}
