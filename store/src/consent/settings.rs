//! Settings around consent that staff change: SMS turned back on after a STOPP (with a
//! recorded reason), and whether a course copies its session reminders to guardians.

use crate::access_log::{record, Access};
use crate::actor::Actor;
use crate::error::{StoreError, StoreResult};
use crate::scope::visible_participant;
use crate::sql::Db;
use crate::sql::{query, query_scalar};
use chrono::{DateTime, Utc};
use domain::problem::Code;

/// Staff turn SMS back on for a participant (or for their guardian's copies), with a reason.
pub async fn resume_sms(
    db: &Db,
    staff: &Actor,
    participant_id: i64,
    guardian: bool,
    reason: &str,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    visible_participant(db, staff, participant_id).await?;
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(StoreError::invalid("reason", Code::SmsBackOnReason));
    }
    let column = if guardian {
        "guardian_sms_opted_out_at"
    } else {
        "sms_opted_out_at"
    };
    let mut tx = db.begin_write().await?;
    let changed = query(&format!(
        "UPDATE participants SET {column} = NULL WHERE id = $1 AND {column} IS NOT NULL"
    ))
    .bind(participant_id)
    .execute(&mut tx)
    .await?;
    if changed == 0 {
        return Err(StoreError::Conflict(Code::SmsNotOff.into()));
    }
    query(
        "INSERT INTO sms_opt_changes (participant_id, who, opted_out, via, reason, changed_by, at)
         VALUES ($1, $2, FALSE, 'staff', $3, $4, $5)",
    )
    .bind(participant_id)
    .bind(if guardian { "guardian" } else { "participant" })
    .bind(reason)
    .bind(staff.id)
    .bind(now)
    .execute(&mut tx)
    .await?;
    tx.commit().await?;
    record(
        db,
        staff,
        participant_id,
        Access::Change,
        "SMS turned back on",
    )
    .await?;
    Ok(())
}

/// Whether a course copies its session reminders to guardians (its leaders and admins);
/// pending copies follow at once through planning.
pub async fn set_guardian_reminders(
    db: &Db,
    staff: &Actor,
    course_id: i64,
    on: bool,
) -> StoreResult<()> {
    crate::courses::require_manage(db, staff, course_id).await?;
    query("UPDATE courses SET guardian_reminders = $1 WHERE id = $2")
        .bind(on)
        .bind(course_id)
        .execute(db)
        .await?;
    Ok(())
}

/// Whether the course copies its session reminders to guardians.
pub async fn guardian_copies(db: &Db, course_id: i64) -> StoreResult<bool> {
    query_scalar("SELECT guardian_reminders FROM courses WHERE id = $1")
        .bind(course_id)
        .fetch_optional(db)
        .await?
        .ok_or_else(|| StoreError::not_found("course"))
}
