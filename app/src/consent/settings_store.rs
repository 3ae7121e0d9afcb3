//! Settings around consent that staff change: SMS turned back on after a STOPP (with a
//! recorded reason), and whether a course copies its session reminders to guardians.

use crate::access_log::{record, Access};
use crate::auth::Staff;
use crate::db::Db;
use crate::error::{AppError, AppResult};
use crate::participants::store::visible_participant;
use chrono::{DateTime, Utc};

/// Staff turn SMS back on for a participant (or for their guardian's copies), with a reason.
pub async fn resume_sms(
    db: &Db,
    staff: &Staff,
    participant_id: i64,
    guardian: bool,
    reason: &str,
    now: DateTime<Utc>,
) -> AppResult<()> {
    visible_participant(db, staff, participant_id).await?;
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(AppError::invalid(
            "reason",
            "say why SMS is turned back on (for example: asked for it by phone)",
        ));
    }
    let column = if guardian {
        "guardian_sms_opted_out_at"
    } else {
        "sms_opted_out_at"
    };
    let mut tx = crate::db::write_tx(db).await?;
    let changed = sqlx::query(&format!(
        "UPDATE participants SET {column} = NULL WHERE id = ? AND {column} IS NOT NULL"
    ))
    .bind(participant_id)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if changed == 0 {
        return Err(AppError::Conflict("SMS is not turned off".into()));
    }
    sqlx::query(
        "INSERT INTO sms_opt_changes (participant_id, who, opted_out, via, reason, changed_by, at)
         VALUES (?, ?, 0, 'staff', ?, ?, ?)",
    )
    .bind(participant_id)
    .bind(if guardian { "guardian" } else { "participant" })
    .bind(reason)
    .bind(staff.id)
    .bind(now)
    .execute(&mut *tx)
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
    staff: &Staff,
    course_id: i64,
    on: bool,
) -> AppResult<()> {
    crate::courses::store::require_manage(db, staff, course_id).await?;
    sqlx::query("UPDATE courses SET guardian_reminders = ? WHERE id = ?")
        .bind(on)
        .bind(course_id)
        .execute(db)
        .await?;
    Ok(())
}
