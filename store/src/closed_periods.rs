//! The organisation's closed periods: every staff member may read them (they shape every new
//! course's schedule), only an admin adds or removes one, and the audit log records it.

use crate::actor::Actor;
use crate::audit::Change;
use crate::courses::parse_date;
use crate::error::{StoreError, StoreResult};
use crate::sql::{query, query_as, query_scalar, Db};
use chrono::{DateTime, NaiveDate, Utc};
use domain::audit::AuditEntity;
use domain::closed_periods::{ClosedPeriod, ClosedPeriodInput};
use domain::problem::Code;

/// The longest period one entry may cover: a school year's breaks are entered one by one.
const LONGEST_DAYS: i64 = 92;

const SELECT: &str =
    "SELECT c.id, c.name, c.first_day, c.last_day, c.school_id, s.name AS school_name
    FROM closed_periods c LEFT JOIN schools s ON s.id = c.school_id";

/// Every closed period, the latest first.
pub async fn list(db: &Db) -> StoreResult<Vec<ClosedPeriod>> {
    Ok(
        query_as(&format!("{SELECT} ORDER BY c.first_day DESC, c.id DESC"))
            .fetch_all(db)
            .await?,
    )
}

/// The periods a course skips that touch the days from `from` to `to`, as the schedule
/// generator takes them (first day, last day, name): those for every school, and those of
/// the course's own school when it has one.
pub async fn for_course(
    db: &Db,
    school_id: Option<i64>,
    from: NaiveDate,
    to: NaiveDate,
) -> StoreResult<Vec<(NaiveDate, NaiveDate, String)>> {
    Ok(query_as(
        "SELECT first_day, last_day, name FROM closed_periods
         WHERE (school_id IS NULL OR school_id = $3) AND last_day >= $1 AND first_day <= $2
         ORDER BY first_day",
    )
    .bind(from)
    .bind(to)
    .bind(school_id)
    .fetch_all(db)
    .await?)
}

/// Adds a closed period (admins only).
pub async fn create(
    db: &Db,
    staff: &Actor,
    input: ClosedPeriodInput,
    now: DateTime<Utc>,
) -> StoreResult<ClosedPeriod> {
    staff.require_admin()?;
    let name = input.name.trim().to_string();
    if name.is_empty() {
        return Err(StoreError::invalid("name", Code::PeriodNameMissing));
    }
    let first_day = parse_date("first_day", &input.first_day)?;
    let last_day = parse_date("last_day", &input.last_day)?;
    if last_day < first_day {
        return Err(StoreError::invalid("last_day", Code::LastDayBeforeFirst));
    }
    if (last_day - first_day).num_days() >= LONGEST_DAYS {
        return Err(StoreError::invalid(
            "last_day",
            Code::PeriodTooLong.with("days", LONGEST_DAYS),
        ));
    }
    let mut tx = db.begin_write().await?;
    if let Some(school) = input.school_id {
        let known: Option<i64> = query_scalar("SELECT id FROM schools WHERE id = $1")
            .bind(school)
            .fetch_optional(&mut tx)
            .await?;
        if known.is_none() {
            return Err(StoreError::invalid("school_id", Code::NoSuchSchool));
        }
    }
    let id: i64 = query_scalar(
        "INSERT INTO closed_periods (name, first_day, last_day, school_id, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(&name)
    .bind(first_day)
    .bind(last_day)
    .bind(input.school_id)
    .bind(staff.id)
    .bind(now)
    .fetch_one(&mut tx)
    .await?;
    let created: ClosedPeriod = query_as(&format!("{SELECT} WHERE c.id = $1"))
        .bind(id)
        .fetch_one(&mut tx)
        .await?;
    let change = Change::created(AuditEntity::ClosedPeriod, id, &created);
    crate::audit::record(&mut tx, staff, change, now).await?;
    tx.commit().await?;
    Ok(created)
}

/// Removes a closed period (admins only). Courses already created keep their sessions.
pub async fn delete(db: &Db, staff: &Actor, id: i64, now: DateTime<Utc>) -> StoreResult<()> {
    staff.require_admin()?;
    let mut tx = db.begin_write().await?;
    let before: ClosedPeriod = query_as(&format!("{SELECT} WHERE c.id = $1"))
        .bind(id)
        .fetch_optional(&mut tx)
        .await?
        .ok_or_else(|| StoreError::not_found("closed period"))?;
    query("DELETE FROM closed_periods WHERE id = $1")
        .bind(id)
        .execute(&mut tx)
        .await?;
    let change = Change::deleted(AuditEntity::ClosedPeriod, id, &before);
    crate::audit::record(&mut tx, staff, change, now).await?;
    tx.commit().await?;
    Ok(())
}
