//! Retention: each participant's last activity, who is due for erasure within the notice
//! period (the admins' list), keeping someone longer with a reason, and housekeeping's run
//! that erases those whose time has come.

use super::erasure::{compact, erase, Cause, Erased};
use crate::actor::Actor;
use crate::error::{StoreError, StoreResult};
use crate::sql::{query, query_as, Db};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use domain::problem::Code;
use domain::retention::{erase_on, ExtensionInput, RetentionDue, NOTICE_DAYS};
use std::collections::BTreeMap;

/// Per participant not yet erased: name, last activity and the latest extension.
struct Activity {
    name: String,
    last: NaiveDate,
    kept_until: Option<NaiveDate>,
}

async fn activities(db: &Db) -> StoreResult<BTreeMap<i64, Activity>> {
    let mut all: BTreeMap<i64, Activity> = BTreeMap::new();
    let people: Vec<(i64, String, String, DateTime<Utc>)> = query_as(
        "SELECT id, first_name, last_name, created_at FROM participants WHERE erased_at IS NULL",
    )
    .fetch_all(db)
    .await?;
    for (id, first, last, created) in people {
        all.insert(
            id,
            Activity {
                name: format!("{first} {last}"),
                last: created.date_naive(),
                kept_until: None,
            },
        );
    }
    let mut later = |id: i64, day: NaiveDate| {
        if let Some(a) = all.get_mut(&id) {
            a.last = a.last.max(day);
        }
    };
    for sql in [
        "SELECT e.participant_id, MAX(s.starts_at) FROM enrolments e
         JOIN sessions s ON s.course_id = e.course_id GROUP BY e.participant_id",
        "SELECT participant_id, MAX(received_at) FROM inbox
         WHERE participant_id IS NOT NULL GROUP BY participant_id",
    ] {
        let found: Vec<(i64, Option<DateTime<Utc>>)> = query_as(sql).fetch_all(db).await?;
        for (id, at) in found {
            if let Some(at) = at {
                later(id, at.date_naive());
            }
        }
    }
    for sql in [
        "SELECT participant_id, MAX(closed_on) FROM followup_closures GROUP BY participant_id",
        "SELECT participant_id, MAX(reopened_on) FROM followup_closures GROUP BY participant_id",
        "SELECT participant_id, MAX(date) FROM contact_attempts GROUP BY participant_id",
        "SELECT participant_id, MAX(date) FROM outcomes GROUP BY participant_id",
    ] {
        let found: Vec<(i64, Option<NaiveDate>)> = query_as(sql).fetch_all(db).await?;
        for (id, day) in found {
            if let Some(day) = day {
                later(id, day);
            }
        }
    }
    let kept: Vec<(i64, Option<NaiveDate>)> = query_as(
        "SELECT participant_id, MAX(keep_until) FROM retention_extensions GROUP BY participant_id",
    )
    .fetch_all(db)
    .await?;
    for (id, until) in kept {
        if let Some(a) = all.get_mut(&id) {
            a.kept_until = until;
        }
    }
    Ok(all)
}

/// Everyone due for erasure by `until`, soonest first.
async fn due_by(db: &Db, months: u32, until: NaiveDate) -> StoreResult<Vec<RetentionDue>> {
    let mut due: Vec<RetentionDue> = activities(db)
        .await?
        .into_iter()
        .filter_map(|(id, a)| {
            let on = erase_on(a.last, months, a.kept_until);
            (on <= until).then_some(RetentionDue {
                participant_id: id,
                name: a.name,
                last_activity: a.last,
                erase_on: on,
                kept_until: a.kept_until,
            })
        })
        .collect();
    due.sort_by_key(|a| (a.erase_on, a.participant_id));
    Ok(due)
}

/// The admins' list: who will be erased within the notice period (and anyone overdue).
pub async fn due_soon(
    db: &Db,
    actor: &Actor,
    months: u32,
    now: DateTime<Utc>,
) -> StoreResult<Vec<RetentionDue>> {
    actor.require_admin()?;
    let due = due_by(db, months, now.date_naive() + Duration::days(NOTICE_DAYS)).await?;
    let shown: Vec<i64> = due.iter().map(|d| d.participant_id).collect();
    crate::access_log::record_each(
        db,
        actor,
        &shown,
        crate::access_log::Access::Read,
        "retention list",
    )
    .await?;
    Ok(due)
}

/// Keeps a participant until a later date, with a reason (admins).
pub async fn extend(
    db: &Db,
    actor: &Actor,
    participant_id: i64,
    input: &ExtensionInput,
    now: DateTime<Utc>,
) -> StoreResult<NaiveDate> {
    actor.require_admin()?;
    let until = NaiveDate::parse_from_str(input.keep_until.trim(), "%Y-%m-%d")
        .map_err(|_| StoreError::invalid("keep_until", Code::DateForm))?;
    let today = now.date_naive();
    if until <= today {
        return Err(StoreError::invalid("keep_until", Code::KeepAfterToday));
    }
    if until > today + Duration::days(366 * 5) {
        return Err(StoreError::invalid("keep_until", Code::KeepAtMostFiveYears));
    }
    let reason = super::reason(&input.reason, Code::KeepReasonMissing)?;
    let found = query(
        "INSERT INTO retention_extensions (participant_id, keep_until, reason, extended_by, extended_at)
         SELECT id, $2, $3, $4, $5 FROM participants WHERE id = $1 AND erased_at IS NULL",
    )
    .bind(participant_id)
    .bind(until)
    .bind(reason)
    .bind(actor.id)
    .bind(now)
    .execute(db)
    .await?;
    if found == 0 {
        return Err(StoreError::not_found("participant"));
    }
    crate::access_log::record(
        db,
        actor,
        participant_id,
        crate::access_log::Access::Change,
        "retention extended",
    )
    .await?;
    Ok(until)
}

/// Housekeeping: erases everyone whose retention ran out by `now`.
pub async fn erase_expired(db: &Db, months: u32, now: DateTime<Utc>) -> StoreResult<Vec<Erased>> {
    let mut erased = Vec::new();
    for due in due_by(db, months, now.date_naive()).await? {
        let reason = format!(
            "no activity since {}; retention {months} months",
            due.last_activity
        );
        match erase(db, None, due.participant_id, Cause::Retention, &reason, now).await {
            Ok(e) => erased.push(e),
            // Erased meanwhile by someone else: nothing left to do.
            Err(StoreError::NotFound(_)) => {}
            Err(e) => return Err(e),
        }
    }
    if !erased.is_empty() {
        compact(db).await;
    }
    Ok(erased)
}
