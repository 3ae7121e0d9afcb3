//! Storing goals with their measures, and reading a participant's category history.

use crate::access_log::{record, Access};
use crate::actor::Actor;
use crate::courses::parse_date;
use crate::error::{StoreError, StoreResult};
use crate::scope::visible_participant;
use crate::sql::Db;
use crate::sql::{query, query_as, query_scalar};
use chrono::{DateTime, NaiveDate, Utc};
use domain::action_plan::{CategoryChange, Goal, Measure, NewGoal, STATUSES};
use domain::problem::Code;

fn status(field: &str, s: &Option<String>) -> StoreResult<String> {
    match s.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok("open".into()),
        Some(s) if STATUSES.contains(&s) => Ok(s.to_string()),
        Some(_) => Err(StoreError::invalid(field, Code::PlanStateChoice)),
    }
}

fn date(field: &str, d: &Option<String>) -> StoreResult<Option<NaiveDate>> {
    d.as_deref()
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .map(|d| parse_date(field, d))
        .transpose()
}

fn text(v: &Option<String>) -> String {
    v.as_deref().unwrap_or_default().trim().to_string()
}

/// Adds a goal with its measures (leaders and admins who can see the participant).
pub async fn add_goal(
    db: &Db,
    staff: &Actor,
    participant_id: i64,
    new: NewGoal,
    now: DateTime<Utc>,
) -> StoreResult<Goal> {
    visible_participant(db, staff, participant_id).await?;
    if staff.is_counsellor() {
        return Err(StoreError::Forbidden);
    }
    let title = new.title.trim();
    if title.is_empty() {
        return Err(StoreError::invalid("title", Code::GoalTitleMissing));
    }
    let goal_status = status("status", &new.status)?;
    let due = date("due_date", &new.due_date)?;
    let mut measures = Vec::new();
    for (i, m) in new.measures.iter().enumerate() {
        let field = |f: &str| format!("measures[{i}].{f}");
        if m.text.trim().is_empty() {
            return Err(StoreError::invalid(&field("text"), Code::DescribeMeasure));
        }
        measures.push((
            m.text.trim().to_string(),
            date(&field("due_date"), &m.due_date)?,
            text(&m.responsible),
            status(&field("status"), &m.status)?,
        ));
    }
    let mut tx = db.begin_write().await?;
    let id: i64 = query_scalar(
        "INSERT INTO goals (participant_id, title, due_date, responsible, status, created_by, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(participant_id)
    .bind(title)
    .bind(due)
    .bind(text(&new.responsible))
    .bind(goal_status)
    .bind(staff.id)
    .bind(now)
    .bind(now)
    .fetch_one(&mut tx)
    .await?;
    for (i, (m_text, m_due, m_resp, m_status)) in measures.into_iter().enumerate() {
        query("INSERT INTO measures (goal_id, position, text, due_date, responsible, status) VALUES ($1, $2, $3, $4, $5, $6)")
            .bind(id)
            .bind(i as i64 + 1)
            .bind(m_text)
            .bind(m_due)
            .bind(m_resp)
            .bind(m_status)
            .execute(&mut tx)
            .await?;
    }
    tx.commit().await?;
    record(db, staff, participant_id, Access::Change, "action plan").await?;
    goals_of(db, participant_id)
        .await?
        .into_iter()
        .find(|g| g.id == id)
        .ok_or_else(|| StoreError::internal("the goal just written is missing"))
}

#[derive(sqlx::FromRow)]
struct GoalRow {
    id: i64,
    participant_id: i64,
    title: String,
    #[sqlx(try_from = "domain::sql_text::DateText")]
    due_date: Option<String>,
    responsible: String,
    status: String,
    #[sqlx(try_from = "domain::sql_text::InstantText")]
    created_at: String,
    #[sqlx(try_from = "domain::sql_text::InstantText")]
    updated_at: String,
}

async fn goals_of(db: &Db, participant_id: i64) -> StoreResult<Vec<Goal>> {
    let rows: Vec<GoalRow> = query_as(
        "SELECT id, participant_id, title, due_date, responsible, status, created_at, updated_at
         FROM goals WHERE participant_id = $1 ORDER BY id",
    )
    .bind(participant_id)
    .fetch_all(db)
    .await?;
    let mut goals = Vec::with_capacity(rows.len());
    for r in rows {
        let measures: Vec<Measure> = query_as(
            "SELECT id, text, due_date, responsible, status FROM measures WHERE goal_id = $1 ORDER BY position",
        )
        .bind(r.id)
        .fetch_all(db)
        .await?;
        goals.push(Goal {
            id: r.id,
            participant_id: r.participant_id,
            title: r.title,
            due_date: r.due_date,
            responsible: r.responsible,
            status: r.status,
            measures,
            created_at: r.created_at,
            updated_at: r.updated_at,
        });
    }
    Ok(goals)
}

/// A participant's action plan, for staff who can see the participant.
pub async fn list_goals(db: &Db, staff: &Actor, participant_id: i64) -> StoreResult<Vec<Goal>> {
    visible_participant(db, staff, participant_id).await?;
    record(db, staff, participant_id, Access::Read, "action plan").await?;
    goals_of(db, participant_id).await
}

/// Records a category change (called whenever a participant's category is set or changed).
pub async fn record_category_change(
    db: &Db,
    staff: &Actor,
    participant_id: i64,
    from: Option<i64>,
    to: Option<i64>,
    reason: &str,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    if from == to {
        return Ok(());
    }
    query(
        "INSERT INTO category_changes (participant_id, from_category, to_category, reason, changed_by, changed_at)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(participant_id)
    .bind(from)
    .bind(to)
    .bind(reason.trim())
    .bind(staff.id)
    .bind(now)
    .execute(db)
    .await?;
    Ok(())
}

pub async fn category_history(
    db: &Db,
    staff: &Actor,
    participant_id: i64,
) -> StoreResult<Vec<CategoryChange>> {
    visible_participant(db, staff, participant_id).await?;
    record(db, staff, participant_id, Access::Read, "category history").await?;
    Ok(query_as(
        "SELECT c.from_category, c.to_category, c.reason, c.changed_by, u.name AS changed_by_name, c.changed_at
         FROM category_changes c JOIN users u ON u.id = c.changed_by WHERE c.participant_id = $1 ORDER BY c.id",
    )
    .bind(participant_id)
    .fetch_all(db)
    .await?)
}

/// Reviews a goal or a measure: sets its status (at a follow-up session, typically).
pub async fn set_status(
    db: &Db,
    staff: &Actor,
    target: StatusTarget,
    id: i64,
    new_status: &str,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    if staff.is_counsellor() {
        return Err(StoreError::Forbidden);
    }
    let new_status = status("status", &Some(new_status.to_string()))?;
    let participant_id: i64 = match target {
        StatusTarget::Goal => query_scalar("SELECT participant_id FROM goals WHERE id = $1"),
        StatusTarget::Measure => {
            query_scalar("SELECT g.participant_id FROM measures m JOIN goals g ON g.id = m.goal_id WHERE m.id = $1")
        }
    }
    .bind(id)
    .fetch_optional(db)
    .await?
    .ok_or_else(|| StoreError::not_found("goal or measure"))?;
    visible_participant(db, staff, participant_id).await?;
    match target {
        StatusTarget::Goal => {
            query("UPDATE goals SET status = $1, updated_at = $2 WHERE id = $3")
                .bind(&new_status)
                .bind(now)
                .bind(id)
                .execute(db)
                .await?;
        }
        StatusTarget::Measure => {
            query("UPDATE measures SET status = $1 WHERE id = $2")
                .bind(&new_status)
                .bind(id)
                .execute(db)
                .await?;
            query("UPDATE goals SET updated_at = $1 WHERE id = (SELECT goal_id FROM measures WHERE id = $2)")
                .bind(now)
                .bind(id)
                .execute(db)
                .await?;
        }
    }
    record(db, staff, participant_id, Access::Change, "action plan").await?;
    Ok(())
}

#[derive(Clone, Copy, Debug)]
pub enum StatusTarget {
    Goal,
    Measure,
}
