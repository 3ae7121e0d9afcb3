//! The outbox's part in erasure and retention: an erased participant's pending messages are
//! cancelled and the texts of all their messages forgotten; delivered texts are forgotten
//! after their own retention. States and times stay as they were — the monthly report counts
//! failed texts by `updated_at` — so `updated_at` is left alone here on purpose.

use crate::error::StoreResult;
use crate::sql::{query, Db, Tx};
use chrono::{DateTime, Utc};

/// What erasing a participant did to their messages.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Forgotten {
    /// Planned (or claimed, not yet started) messages now cancelled: never sent.
    pub cancelled: u64,
    /// Messages whose recipient, subject and text were removed.
    pub blanked: u64,
}

/// planned ─erase─► cancelled, and a claim whose request has not started ─erase─► cancelled
/// (the dispatcher's `start_send` then finds the claim gone and sends nothing). Every message
/// to the participant loses its recipient, subject, text and provider error, and so does a
/// message to staff (a digest) that names them.
pub async fn forget_participant(
    tx: &mut Tx,
    participant_id: i64,
    names: &[String],
    now: DateTime<Utc>,
) -> StoreResult<Forgotten> {
    let cancelled = query(
        "UPDATE outbox SET state = 'cancelled', reason = 'erased', claimed_by = NULL, updated_at = $1
         WHERE participant_id = $2
           AND (state = 'planned' OR (state = 'sending' AND send_started_at IS NULL))",
    )
    .bind(now)
    .bind(participant_id)
    .execute(&mut *tx)
    .await?;
    let blanked = query(
        "UPDATE outbox SET recipient = NULL, subject = NULL, body = NULL, last_error = NULL
         WHERE participant_id = $1",
    )
    .bind(participant_id)
    .execute(&mut *tx)
    .await?;
    for name in names.iter().filter(|n| n.trim().len() > 2) {
        query(
            "UPDATE outbox SET subject = NULL, body = NULL
             WHERE participant_id IS NULL AND body IS NOT NULL AND body LIKE $1",
        )
        .bind(format!("%{name}%"))
        .execute(&mut *tx)
        .await?;
    }
    query(
        "UPDATE outbox_attempts SET detail = '' WHERE outbox_id IN
           (SELECT id FROM outbox WHERE participant_id = $1)",
    )
    .bind(participant_id)
    .execute(&mut *tx)
    .await?;
    Ok(Forgotten { cancelled, blanked })
}

/// Forgets the subject and text of messages to participants that left the queue before
/// `before` (sent, delivered, failed, skipped, cancelled, uncertain). The row, its state and
/// its recipient stay in the ledger.
pub async fn forget_texts(db: &Db, before: DateTime<Utc>) -> StoreResult<u64> {
    Ok(query(
        "UPDATE outbox SET subject = NULL, body = NULL
         WHERE participant_id IS NOT NULL AND body IS NOT NULL AND updated_at < $1
           AND state <> 'planned' AND state <> 'sending'",
    )
    .bind(before)
    .execute(db)
    .await?)
}
