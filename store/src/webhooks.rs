//! Calls from the SMS provider (receipts and inbound texts), recorded once by their event
//! key so that a provider's retry changes nothing, and their payloads purged after the
//! retention.

use crate::error::StoreResult;
use crate::sql::{query, Db, Exec};
use chrono::{DateTime, Utc};

/// One call from a provider.
pub struct WebhookEvent<'a> {
    pub provider: &'a str,
    pub event_key: &'a str,
    /// `status` (a receipt) or `inbound` (a reply).
    pub kind: &'a str,
    pub payload: String,
    /// For a receipt: the provider's id of the message and what it says happened.
    pub provider_id: Option<&'a str>,
    pub outcome: Option<&'a str>,
}

/// Records the call; false when the same event was recorded before (a retry).
pub async fn record<'e>(
    exec: impl Into<Exec<'e>>,
    e: WebhookEvent<'_>,
    now: DateTime<Utc>,
) -> StoreResult<bool> {
    let added = query(
        "INSERT INTO webhook_events (provider, event_key, kind, received_at, payload, provider_id, outcome)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING",
    )
    .bind(e.provider)
    .bind(e.event_key)
    .bind(e.kind)
    .bind(now)
    .bind(e.payload)
    .bind(e.provider_id)
    .bind(e.outcome)
    .execute(exec)
    .await?;
    Ok(added == 1)
}

/// Records a receipt once and applies it to its message, in one write transaction; false
/// when the same receipt was recorded before (a retry), and then nothing changes.
pub async fn apply_receipt(
    db: &Db,
    e: WebhookEvent<'_>,
    receipt: crate::outbox::Receipt<'_>,
    now: DateTime<Utc>,
) -> StoreResult<bool> {
    let (provider, provider_id) = (e.provider, e.provider_id.unwrap_or_default());
    let mut tx = db.begin_write().await?;
    if !record(&mut tx, e, now).await? {
        return Ok(false);
    }
    crate::outbox::receipt(&mut tx, provider, provider_id, receipt, now).await?;
    tx.commit().await?;
    Ok(true)
}

/// Forgets an event whose handling failed, so that the provider's retry is handled.
pub async fn forget(db: &Db, provider: &str, event_key: &str) -> StoreResult<()> {
    query("DELETE FROM webhook_events WHERE provider = $1 AND event_key = $2")
        .bind(provider)
        .bind(event_key)
        .execute(db)
        .await?;
    Ok(())
}

/// Drops the payloads of calls received before `cutoff`; the keys stay, so a very late
/// replay still changes nothing.
pub async fn purge_payloads(db: &Db, cutoff: DateTime<Utc>) -> StoreResult<u64> {
    Ok(query(
        "UPDATE webhook_events SET payload = NULL WHERE payload IS NOT NULL AND received_at < $1",
    )
    .bind(cutoff)
    .execute(db)
    .await?)
}
