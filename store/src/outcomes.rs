//! Outcomes, contact attempts and closing a participant's follow-up: recorded by staff who
//! may see the participant, each write in the access log, nothing ever overwritten.

use crate::access_log::{record, Access};
use crate::actor::Actor;
use crate::error::{StoreError, StoreResult};
use crate::scope::visible_participant;
use crate::sql::{query, query_as, query_scalar, Db};
use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use domain::outcomes::{
    ContactAttempt, ContactAttemptInput, FollowUpState, Invalid, Outcome, OutcomeInput,
};
use domain::problem::Code;

impl From<Invalid> for StoreError {
    fn from(i: Invalid) -> Self {
        StoreError::invalid(i.field, i.problem)
    }
}

const OUTCOME_SELECT: &str = "SELECT o.id, o.participant_id, o.status, o.date, o.note,
       (SELECT b.status FROM outcomes b WHERE b.participant_id = o.participant_id
          AND (b.date < o.date OR (b.date = o.date AND b.id < o.id))
        ORDER BY b.date DESC, b.id DESC LIMIT 1) AS previous_status,
       o.recorded_by, u.name AS recorded_by_name, o.recorded_at
     FROM outcomes o LEFT JOIN users u ON u.id = o.recorded_by";

const ATTEMPT_SELECT: &str = "SELECT a.id, a.participant_id, a.date, a.channel, a.reached, a.note,
       a.recorded_by, u.name AS recorded_by_name, a.recorded_at
     FROM contact_attempts a LEFT JOIN users u ON u.id = a.recorded_by";

/// The participant's outcomes, newest first (by date, then by when they were recorded).
pub async fn list_outcomes(
    db: &Db,
    staff: &Actor,
    participant_id: i64,
) -> StoreResult<Vec<Outcome>> {
    visible_participant(db, staff, participant_id).await?;
    record(db, staff, participant_id, Access::Read, "outcomes").await?;
    outcomes_of(db, participant_id).await
}

async fn outcomes_of(db: &Db, participant_id: i64) -> StoreResult<Vec<Outcome>> {
    let sql =
        format!("{OUTCOME_SELECT} WHERE o.participant_id = $1 ORDER BY o.date DESC, o.id DESC");
    Ok(query_as(&sql).bind(participant_id).fetch_all(db).await?)
}

async fn outcome(db: &Db, id: i64) -> StoreResult<Outcome> {
    let sql = format!("{OUTCOME_SELECT} WHERE o.id = $1");
    query_as(&sql)
        .bind(id)
        .fetch_optional(db)
        .await?
        .ok_or_else(|| StoreError::not_found("outcome"))
}

/// Records an outcome. `tz` draws "today" (no outcome dated in the future).
pub async fn add_outcome(
    db: &Db,
    staff: &Actor,
    participant_id: i64,
    input: &OutcomeInput,
    tz: Tz,
    now: DateTime<Utc>,
) -> StoreResult<Outcome> {
    visible_participant(db, staff, participant_id).await?;
    let checked = input.check(today(tz, now))?;
    let id = insert_outcome(
        db.begin_write().await?,
        staff,
        participant_id,
        &checked,
        None,
        now,
    )
    .await?;
    record(db, staff, participant_id, Access::Change, "outcome").await?;
    outcome(db, id).await
}

/// Inserts the outcome (and, with `close`, the follow-up's closing) and commits.
async fn insert_outcome(
    mut tx: crate::sql::Tx,
    staff: &Actor,
    participant_id: i64,
    checked: &domain::outcomes::CheckedOutcome,
    close: Option<NaiveDate>,
    now: DateTime<Utc>,
) -> StoreResult<i64> {
    if let Some(day) = close {
        let open: Option<i64> = query_scalar(
            "SELECT id FROM followup_closures WHERE participant_id = $1 AND reopened_on IS NULL",
        )
        .bind(participant_id)
        .fetch_optional(&mut tx)
        .await?;
        if open.is_some() {
            return Err(StoreError::Conflict(Code::FollowUpClosed.into()));
        }
        let reopened: Option<NaiveDate> = query_scalar(
            "SELECT MAX(reopened_on) FROM followup_closures WHERE participant_id = $1",
        )
        .bind(participant_id)
        .fetch_one(&mut tx)
        .await?;
        if let Some(reopened) = reopened.filter(|r| *r > day) {
            return Err(StoreError::invalid(
                "date",
                Code::CloseAfterReopened.with("reopened", reopened),
            ));
        }
        query("INSERT INTO followup_closures (participant_id, closed_on, closed_by) VALUES ($1, $2, $3)")
            .bind(participant_id)
            .bind(day)
            .bind(staff.id)
            .execute(&mut tx)
            .await?;
    }
    let id = query(
        "INSERT INTO outcomes (participant_id, status, date, note, recorded_by, recorded_at)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(participant_id)
    .bind(checked.status.code())
    .bind(checked.date)
    .bind(&checked.note)
    .bind(staff.id)
    .bind(now)
    .scalar::<i64>()
    .fetch_one(&mut tx)
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// The participant's contact attempts, newest first.
pub async fn list_attempts(
    db: &Db,
    staff: &Actor,
    participant_id: i64,
) -> StoreResult<Vec<ContactAttempt>> {
    visible_participant(db, staff, participant_id).await?;
    record(db, staff, participant_id, Access::Read, "contact attempts").await?;
    let sql =
        format!("{ATTEMPT_SELECT} WHERE a.participant_id = $1 ORDER BY a.date DESC, a.id DESC");
    Ok(query_as(&sql).bind(participant_id).fetch_all(db).await?)
}

pub async fn add_attempt(
    db: &Db,
    staff: &Actor,
    participant_id: i64,
    input: &ContactAttemptInput,
    tz: Tz,
    now: DateTime<Utc>,
) -> StoreResult<ContactAttempt> {
    visible_participant(db, staff, participant_id).await?;
    let c = input.check(today(tz, now))?;
    let id = query(
        "INSERT INTO contact_attempts (participant_id, date, channel, reached, note, recorded_by, recorded_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(participant_id)
    .bind(c.date)
    .bind(c.channel.code())
    .bind(c.reached)
    .bind(&c.note)
    .bind(staff.id)
    .bind(now)
    .scalar::<i64>()
    .fetch_one(db)
    .await?;
    record(db, staff, participant_id, Access::Change, "contact attempt").await?;
    let sql = format!("{ATTEMPT_SELECT} WHERE a.id = $1");
    Ok(query_as(&sql).bind(id).fetch_one(db).await?)
}

/// Where the participant's follow-up stands: since when, closed or not, the latest outcome.
pub async fn follow_up_state(
    db: &Db,
    staff: &Actor,
    participant_id: i64,
    tz: Tz,
) -> StoreResult<FollowUpState> {
    visible_participant(db, staff, participant_id).await?;
    record(db, staff, participant_id, Access::Read, "follow-up").await?;
    state_of(db, participant_id, tz).await
}

async fn state_of(db: &Db, participant_id: i64, tz: Tz) -> StoreResult<FollowUpState> {
    let registered: DateTime<Utc> =
        query_scalar("SELECT created_at FROM participants WHERE id = $1")
            .bind(participant_id)
            .fetch_one(db)
            .await?;
    let closed_on: Option<NaiveDate> = query_scalar(
        "SELECT closed_on FROM followup_closures WHERE participant_id = $1 AND reopened_on IS NULL",
    )
    .bind(participant_id)
    .fetch_optional(db)
    .await?;
    Ok(FollowUpState {
        participant_id,
        since: domain::reports::months::local_day(registered, tz),
        closed_on,
        outcome: outcomes_of(db, participant_id).await?.into_iter().next(),
    })
}

/// Ends the participant's follow-up with an outcome dated the day it ends.
pub async fn close_follow_up(
    db: &Db,
    staff: &Actor,
    participant_id: i64,
    input: &OutcomeInput,
    tz: Tz,
    now: DateTime<Utc>,
) -> StoreResult<FollowUpState> {
    visible_participant(db, staff, participant_id).await?;
    let checked = input.check(today(tz, now))?;
    let tx = db.begin_write().await?;
    insert_outcome(tx, staff, participant_id, &checked, Some(checked.date), now).await?;
    record(
        db,
        staff,
        participant_id,
        Access::Change,
        "follow-up closed",
    )
    .await?;
    state_of(db, participant_id, tz).await
}

/// Takes a closed follow-up up again from today; the closing stays in the history.
pub async fn reopen_follow_up(
    db: &Db,
    staff: &Actor,
    participant_id: i64,
    tz: Tz,
    now: DateTime<Utc>,
) -> StoreResult<FollowUpState> {
    visible_participant(db, staff, participant_id).await?;
    let day = today(tz, now);
    let changed = query(
        "UPDATE followup_closures SET reopened_on = $1, reopened_by = $2
         WHERE participant_id = $3 AND reopened_on IS NULL",
    )
    .bind(day)
    .bind(staff.id)
    .bind(participant_id)
    .execute(db)
    .await?;
    if changed == 0 {
        return Err(StoreError::Conflict(Code::FollowUpNotClosed.into()));
    }
    record(
        db,
        staff,
        participant_id,
        Access::Change,
        "follow-up reopened",
    )
    .await?;
    state_of(db, participant_id, tz).await
}

fn today(tz: Tz, now: DateTime<Utc>) -> NaiveDate {
    domain::reports::months::local_day(now, tz)
}
