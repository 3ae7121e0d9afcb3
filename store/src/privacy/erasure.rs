//! Erasing a participant, on request (an admin, with a reason) or by retention (housekeeping).
//! In one transaction: names, contact details, the guardian and every free text are removed
//! or deleted, pending messages are cancelled and message texts forgotten, and what remains is
//! anonymous — the row's id, school and registration time, marks, outcomes, closings and
//! attempts without their notes — so that the reports for past months do not change.

use crate::access_log::{record, Access};
use crate::actor::Actor;
use crate::error::{StoreError, StoreResult};
use crate::outbox::erase::{forget_participant, Forgotten};
use crate::sql::{query, query_as, query_scalar, Db, Tx};
use chrono::{DateTime, Utc};
use domain::problem::Code;

/// Why a participant was erased.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cause {
    /// A request, carried out by an admin.
    Request,
    /// The retention period ran out (housekeeping).
    Retention,
}

impl Cause {
    fn code(self) -> &'static str {
        match self {
            Cause::Request => "request",
            Cause::Retention => "retention",
        }
    }
}

/// What an erasure did.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Erased {
    pub participant_id: i64,
    pub erased_at: DateTime<Utc>,
    pub cause: &'static str,
    pub reason: String,
    pub messages_cancelled: u64,
    pub messages_blanked: u64,
}

/// What an erased participant's row shows where their name was.
pub const ERASED_FIRST_NAME: &str = "Slettet";
pub const ERASED_LAST_NAME: &str = "deltaker";

/// An admin erases a participant (404 when absent or already erased).
pub async fn erase_on_request(
    db: &Db,
    actor: &Actor,
    participant_id: i64,
    reason: &str,
    now: DateTime<Utc>,
) -> StoreResult<Erased> {
    actor.require_admin()?;
    let reason = super::reason(reason, Code::ErasureReasonMissing)?;
    let erased = erase(db, Some(actor), participant_id, Cause::Request, reason, now).await?;
    compact(db).await;
    Ok(erased)
}

/// Erases one participant; `by` is the admin, or `None` for housekeeping. The caller runs
/// [`compact`] afterwards (once for a whole retention run).
pub(crate) async fn erase(
    db: &Db,
    by: Option<&Actor>,
    participant_id: i64,
    cause: Cause,
    reason: &str,
    now: DateTime<Utc>,
) -> StoreResult<Erased> {
    let mut tx = db.begin_write().await?;
    type Found = (
        String,
        String,
        Option<String>,
        Option<String>,
        Option<String>,
        Option<String>,
    );
    let found: Option<Found> = query_as(
        "SELECT first_name, last_name, phone, email, guardian_phone, guardian_email FROM participants
         WHERE id = $1 AND erased_at IS NULL",
    )
    .bind(participant_id)
    .fetch_optional(&mut tx)
    .await?;
    let Some((first, last, phone, email, guardian_phone, guardian_email)) = found else {
        return Err(StoreError::not_found("participant"));
    };
    let full_name = format!("{first} {last}");
    let names = [domain::people::short_name(&full_name), full_name];
    query(
        "UPDATE participants SET first_name = $1, last_name = $2, birth_date = NULL, phone = NULL,
            email = NULL, referral_source = '', primary_contact_id = NULL, category = NULL,
            guardian_name = NULL, guardian_phone = NULL, guardian_email = NULL,
            guardian_language = NULL, sms_opted_out_at = NULL, guardian_sms_opted_out_at = NULL,
            erased_at = $3, updated_at = $3
         WHERE id = $4",
    )
    .bind(ERASED_FIRST_NAME)
    .bind(ERASED_LAST_NAME)
    .bind(now)
    .bind(participant_id)
    .execute(&mut tx)
    .await?;
    // Free text and whatever names other people (guardians in consents) goes.
    for sql in [
        "DELETE FROM logbook_entries WHERE participant_id = $1",
        "DELETE FROM goals WHERE participant_id = $1",
        "DELETE FROM category_changes WHERE participant_id = $1",
        "DELETE FROM consents WHERE participant_id = $1",
        "DELETE FROM consent_requests WHERE participant_id = $1",
        "DELETE FROM sms_opt_changes WHERE participant_id = $1",
        "DELETE FROM participant_links WHERE participant_id = $1",
        "DELETE FROM calendar_feeds WHERE participant_id = $1",
        "DELETE FROM confirm_links WHERE participant_id = $1",
        "DELETE FROM retention_extensions WHERE participant_id = $1",
        // Anonymous facts the reports count stay, without their notes.
        "UPDATE attendance SET note = '' WHERE participant_id = $1",
        "UPDATE absence_followups SET note = '' WHERE participant_id = $1",
        "UPDATE outcomes SET note = '' WHERE participant_id = $1",
        "UPDATE contact_attempts SET note = '' WHERE participant_id = $1",
        "UPDATE enrolments SET withdraw_reason = NULL WHERE participant_id = $1",
        "UPDATE inbox SET from_number = '', body = '' WHERE participant_id = $1",
    ] {
        query(sql).bind(participant_id).execute(&mut tx).await?;
    }
    // A sign-in is a sign of contact in the reports: ended, not deleted.
    query(
        "UPDATE participant_sessions SET expires_at = $1 WHERE participant_id = $2 AND expires_at > $1",
    )
    .bind(now)
    .bind(participant_id)
    .execute(&mut tx)
    .await?;
    let Forgotten { cancelled, blanked } =
        forget_participant(&mut tx, participant_id, &names, now).await?;
    let addresses = [phone, email, guardian_phone, guardian_email];
    forget_webhook_payloads(&mut tx, &addresses).await?;
    query(
        "INSERT INTO erasures (participant_id, erased_at, erased_by, cause, reason)
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(participant_id)
    .bind(now)
    .bind(by.map(|a| a.id))
    .bind(cause.code())
    .bind(reason)
    .execute(&mut tx)
    .await?;
    tx.commit().await?;
    if let Some(actor) = by {
        record(db, actor, participant_id, Access::Change, "erased").await?;
    }
    Ok(Erased {
        participant_id,
        erased_at: now,
        cause: cause.code(),
        reason: reason.to_string(),
        messages_cancelled: cancelled,
        messages_blanked: blanked,
    })
}

/// Drops the stored payloads of provider calls that carry one of these numbers or addresses
/// (as the provider wrote them: `+47…`, `%2B47…` or the bare digits).
async fn forget_webhook_payloads(tx: &mut Tx, addresses: &[Option<String>]) -> StoreResult<()> {
    for address in addresses.iter().flatten() {
        let needle = address.trim_start_matches('+');
        let encoded = needle.replace('@', "%40");
        query(
            "UPDATE webhook_events SET payload = NULL
             WHERE payload IS NOT NULL AND (payload LIKE $1 OR payload LIKE $2)",
        )
        .bind(format!("%{needle}%"))
        .bind(format!("%{encoded}%"))
        .execute(&mut *tx)
        .await?;
    }
    Ok(())
}

/// On SQLite, moves the changed pages from the write-ahead log into the database file and
/// empties the log, so that the old values are gone from both files (deleted cells are zeroed:
/// the connections run with `secure_delete`). PostgreSQL's autovacuum reclaims the old row
/// versions in its own time. Best effort: readers still in the log only delay it.
pub(crate) async fn compact(db: &Db) {
    if let Db::Sqlite(pool) = db {
        if let Err(e) = sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
            .execute(pool)
            .await
        {
            tracing::warn!("after an erasure, the WAL checkpoint failed: {e}");
        }
    }
}

/// Whether and when a participant was erased (for a page that asks about an old link).
pub async fn erased_at(db: &Db, participant_id: i64) -> StoreResult<Option<DateTime<Utc>>> {
    Ok(
        query_scalar("SELECT erased_at FROM erasures WHERE participant_id = $1")
            .bind(participant_id)
            .fetch_optional(db)
            .await?,
    )
}
