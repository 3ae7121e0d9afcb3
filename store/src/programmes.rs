//! Storage and validation of programmes and their session plans.

use crate::actor::Actor;
use crate::audit::Change;
use crate::error::conflict_on_unique;
use crate::error::{StoreError, StoreResult};
use crate::fields::{hhmm, parse_hhmm};
use crate::sql::Db;
use crate::sql::{query, query_as, query_scalar, Exec, Query, Tx};
use chrono::{DateTime, NaiveTime, Utc};
use domain::audit::AuditEntity;
use domain::problem::{Code, Problem};
use domain::programmes::*;
use domain::schedule::{FollowUpRule, PeriodUnit};
use domain::weekday::weekday_list_code;

#[derive(sqlx::FromRow)]
struct ProgrammeRow {
    id: i64,
    name: String,
    description: String,
    sessions_per_week: i64,
    weeks: i64,
    weekdays: String,
    start_time: NaiveTime,
    end_time: NaiveTime,
    follow_up_first_after: i64,
    follow_up_first_unit: String,
    follow_up_more: i64,
    follow_up_every: i64,
    follow_up_every_unit: String,
    completion_percent: i64,
}

/// A programme's follow-up settings as the schedule generator takes them.
pub fn follow_up_rule(f: &FollowUpSettings) -> Option<FollowUpRule> {
    (f.first_after > 0).then(|| FollowUpRule {
        first_after: f.first_after as u32,
        first_unit: PeriodUnit::parse(&f.first_unit).unwrap_or(PeriodUnit::Months),
        more: f.more.max(0) as u32,
        every: f.every.max(1) as u32,
        every_unit: PeriodUnit::parse(&f.every_unit).unwrap_or(PeriodUnit::Months),
    })
}

struct Checked {
    name: String,
    description: String,
    sessions_per_week: i64,
    weeks: i64,
    weekdays: String,
    start_time: NaiveTime,
    end_time: NaiveTime,
    follow_up: FollowUpInput,
    sessions: Option<Vec<PlanSessionInput>>,
    completion_percent: Option<i64>,
}

fn check(input: ProgrammeInput) -> StoreResult<Checked> {
    let name = input.name.trim().to_string();
    if name.is_empty() {
        return Err(StoreError::invalid("name", Code::ProgrammeNameMissing));
    }
    if !(1..=7).contains(&input.sessions_per_week) {
        return Err(StoreError::invalid(
            "sessions_per_week",
            Problem::between(1, 7),
        ));
    }
    if !(1..=104).contains(&input.weeks) {
        return Err(StoreError::invalid("weeks", Problem::between(1, 104)));
    }
    if input
        .completion_percent
        .is_some_and(|p| !(1..=100).contains(&p))
    {
        return Err(StoreError::invalid(
            "completion_percent",
            Problem::between(1, 100),
        ));
    }
    let days = crate::fields::parse_weekdays("weekdays", &input.weekdays)?;
    let start_time = parse_hhmm("start_time", &input.start_time)?;
    let end_time = parse_hhmm("end_time", &input.end_time)?;
    if end_time <= start_time {
        return Err(StoreError::invalid("end_time", Code::EndTimeBeforeStart));
    }
    let follow_up = input.follow_up.unwrap_or_default();
    if !(0..=24).contains(&follow_up.first_after) {
        return Err(StoreError::invalid(
            "follow_up.first_after",
            Problem::between(0, 24),
        ));
    }
    for (field, unit) in [
        ("follow_up.first_unit", &follow_up.first_unit),
        ("follow_up.every_unit", &follow_up.every_unit),
    ] {
        if PeriodUnit::parse(unit).is_none() {
            return Err(StoreError::invalid(field, Code::WeeksOrMonths));
        }
    }
    if !(0..=24).contains(&follow_up.more) {
        return Err(StoreError::invalid(
            "follow_up.more",
            Problem::between(0, 24),
        ));
    }
    if !(1..=24).contains(&follow_up.every) {
        return Err(StoreError::invalid(
            "follow_up.every",
            Problem::between(1, 24),
        ));
    }
    let sessions = input.sessions.map(|list| {
        list.into_iter()
            .filter(|s| !s.title.trim().is_empty())
            .collect::<Vec<_>>()
    });
    Ok(Checked {
        name,
        description: input.description.trim().to_string(),
        sessions_per_week: input.sessions_per_week,
        weeks: input.weeks,
        weekdays: weekday_list_code(&days),
        start_time,
        end_time,
        follow_up,
        sessions,
        completion_percent: input.completion_percent,
    })
}

/// Binds the programme's fields in the column order both INSERT and UPDATE use.
fn bind_fields<'q>(query: Query<'q>, c: &'q Checked) -> Query<'q> {
    query
        .bind(&c.name)
        .bind(&c.description)
        .bind(c.sessions_per_week)
        .bind(c.weeks)
        .bind(&c.weekdays)
        .bind(c.start_time)
        .bind(c.end_time)
        .bind(c.follow_up.first_after)
        .bind(&c.follow_up.first_unit)
        .bind(c.follow_up.more)
        .bind(c.follow_up.every)
        .bind(&c.follow_up.every_unit)
}

pub async fn create_programme(
    db: &Db,
    staff: &Actor,
    input: ProgrammeInput,
    now: DateTime<Utc>,
) -> StoreResult<Programme> {
    staff.require_admin()?;
    let c = check(input)?;
    let mut tx = db.begin_write().await?;
    let id = bind_fields(
        query(
            "INSERT INTO programmes (name, description, sessions_per_week, weeks, weekdays, start_time, end_time,
               follow_up_first_after, follow_up_first_unit, follow_up_more, follow_up_every, follow_up_every_unit,
               updated_at, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id",
        ),
        &c,
    )
    .bind(now)
    .bind(now)
    .scalar::<i64>()
    .fetch_one(&mut tx)
    .await
    .map_err(|e| conflict_on_unique(e, Code::ProgrammeNameTaken))?;
    write_plan(&mut tx, id, c.sessions.as_deref().unwrap_or_default()).await?;
    write_completion(&mut tx, id, c.completion_percent).await?;
    let created = programme_in((&mut tx).into(), id).await?;
    let change = Change::created(AuditEntity::Programme, id, &created);
    crate::audit::record(&mut tx, staff, change, now).await?;
    tx.commit().await?;
    Ok(created)
}

pub async fn update_programme(
    db: &Db,
    staff: &Actor,
    id: i64,
    input: ProgrammeInput,
    now: DateTime<Utc>,
) -> StoreResult<Programme> {
    staff.require_admin()?;
    let c = check(input)?;
    let mut tx = db.begin_write().await?;
    let before = programme_in((&mut tx).into(), id).await?;
    let changed = bind_fields(
        query(
            "UPDATE programmes SET name = $1, description = $2, sessions_per_week = $3, weeks = $4, weekdays = $5,
               start_time = $6, end_time = $7, follow_up_first_after = $8, follow_up_first_unit = $9,
               follow_up_more = $10, follow_up_every = $11, follow_up_every_unit = $12, updated_at = $13
             WHERE id = $14",
        ),
        &c,
    )
    .bind(now)
    .bind(id)
    .execute(&mut tx)
    .await
    .map_err(|e| conflict_on_unique(e, Code::ProgrammeNameTaken))?;
    if changed == 0 {
        return Err(StoreError::not_found("programme"));
    }
    if let Some(plan) = &c.sessions {
        write_plan(&mut tx, id, plan).await?;
    }
    write_completion(&mut tx, id, c.completion_percent).await?;
    let after = programme_in((&mut tx).into(), id).await?;
    let change = Change::updated(AuditEntity::Programme, id, &before, &after);
    crate::audit::record(&mut tx, staff, change, now).await?;
    tx.commit().await?;
    Ok(after)
}

/// Sets the completion share when one was given (the column's default, 75, stands otherwise).
async fn write_completion(tx: &mut Tx, id: i64, percent: Option<i64>) -> StoreResult<()> {
    if let Some(percent) = percent {
        query("UPDATE programmes SET completion_percent = $1 WHERE id = $2")
            .bind(percent)
            .bind(id)
            .execute(&mut *tx)
            .await?;
    }
    Ok(())
}

/// Replaces the session plan; positions follow the list order. Existing courses keep their
/// own copies of titles and themes, so editing a plan never rewrites a running course.
async fn write_plan(tx: &mut Tx, programme_id: i64, plan: &[PlanSessionInput]) -> StoreResult<()> {
    query("DELETE FROM programme_sessions WHERE programme_id = $1")
        .bind(programme_id)
        .execute(&mut *tx)
        .await?;
    for (i, s) in plan.iter().enumerate() {
        query(
            "INSERT INTO programme_sessions (programme_id, position, title, theme, method, reflection_task)
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(programme_id)
        .bind(i as i64 + 1)
        .bind(s.title.trim())
        .bind(s.theme.trim())
        .bind(s.method.trim())
        .bind(s.reflection_task.trim())
        .execute(&mut *tx)
        .await?;
    }
    Ok(())
}

pub async fn get_programme(db: &Db, id: i64) -> StoreResult<Programme> {
    programme_in(db.into(), id).await
}

/// The programme as the pool, or a transaction changing it, sees it.
async fn programme_in(mut exec: Exec<'_>, id: i64) -> StoreResult<Programme> {
    let row: ProgrammeRow = query_as("SELECT * FROM programmes WHERE id = $1")
        .bind(id)
        .fetch_optional(exec.again())
        .await?
        .ok_or_else(|| StoreError::not_found("programme"))?;
    let sessions: Vec<PlanSession> = query_as(
        "SELECT position, title, theme, method, reflection_task FROM programme_sessions
         WHERE programme_id = $1 ORDER BY position",
    )
    .bind(id)
    .fetch_all(exec)
    .await?;
    Ok(Programme {
        id: row.id,
        name: row.name,
        description: row.description,
        sessions_per_week: row.sessions_per_week,
        weeks: row.weeks,
        weekdays: row
            .weekdays
            .split(',')
            .filter(|s| !s.is_empty())
            .map(String::from)
            .collect(),
        start_time: hhmm(row.start_time),
        end_time: hhmm(row.end_time),
        follow_up: FollowUpSettings {
            first_after: row.follow_up_first_after,
            first_unit: row.follow_up_first_unit,
            more: row.follow_up_more,
            every: row.follow_up_every,
            every_unit: row.follow_up_every_unit,
        },
        sessions,
        completion_percent: row.completion_percent,
    })
}

pub async fn list_programmes(db: &Db) -> StoreResult<Vec<ProgrammeSummary>> {
    Ok(query_as(
        "SELECT p.id, p.name, p.description,
           (SELECT COUNT(*) FROM programme_sessions s WHERE s.programme_id = p.id) AS session_count
         FROM programmes p ORDER BY p.name",
    )
    .fetch_all(db)
    .await?)
}

pub async fn programme_id_by_name(db: &Db, name: &str) -> StoreResult<Option<i64>> {
    Ok(query_scalar("SELECT id FROM programmes WHERE name = $1")
        .bind(name)
        .fetch_optional(db)
        .await?)
}
