//! The outbox: the one state machine every message goes through. Every change to a row of
//! `outbox` happens in this file, one function per transition, so that the rules below hold
//! whoever moves a message (planning, the dispatcher, a webhook, a reply):
//!
//! ```text
//! enqueue, plan ─► planned ─claim─► sending ─start_send─► (request in flight)
//!   planned ─reschedule, revive─► planned        sending ─sent─► sent ─receipt─► delivered | failed
//!   planned ─withdraw─► cancelled | skipped      sending ─defer, retry─► planned
//!   sending ─finish_unsent─► skipped | cancelled sending ─fail─► failed, ─uncertain─► uncertain
//!   sending of a worker that is gone ─recover─► planned (request never started) | uncertain
//!   planned, sending (not started) ─erase─► cancelled            (erase.rs: erasure, retention)
//! ```
//!
//! A claimed row names its worker; the dispatcher's transitions require the row to be still
//! `sending` and theirs, so a row recovered meanwhile is never overwritten. `uncertain` means
//! only that a request to the provider had started and its outcome is unknown.

pub mod erase;
pub mod stats;

use crate::error::StoreResult;
use crate::sql::{
    placeholders, query, query_as, query_scalar, Bind, Db, Engine, Exec, Query, Rows, Tx,
};
use chrono::{DateTime, Utc};
use domain::messages::{Channel, MessageKind, MessageState};

/// A message queued outside planning: a sign-in link, a consent request, the answer to a
/// START, a staff digest. Its dedupe key makes queueing it twice a no-op.
pub struct Enqueue<'a> {
    pub dedupe_key: String,
    pub kind: MessageKind,
    pub channel: Channel,
    pub participant_id: Option<i64>,
    pub user_id: Option<i64>,
    pub course_id: Option<i64>,
    pub rule_key: &'a str,
    /// Written now (a digest, the START answer); otherwise rendered as it goes.
    pub recipient: Option<String>,
    pub subject: Option<String>,
    pub body: Option<String>,
    pub due: DateTime<Utc>,
}

/// Queues one message; false when one with the same key is already there.
pub async fn enqueue<'e>(
    exec: impl Into<Exec<'e>>,
    m: Enqueue<'_>,
    now: DateTime<Utc>,
) -> StoreResult<bool> {
    let added = query(
        "INSERT INTO outbox (dedupe_key, kind, channel, participant_id, user_id, course_id, rule_key,
                             recipient, subject, body, nominal_due_at, due_at, state, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11, 'planned', $12, $12)
         ON CONFLICT DO NOTHING",
    )
    .bind(m.dedupe_key)
    .bind(m.kind.code())
    .bind(m.channel.code())
    .bind(m.participant_id)
    .bind(m.user_id)
    .bind(m.course_id)
    .bind(m.rule_key)
    .bind(m.recipient)
    .bind(m.subject)
    .bind(m.body)
    .bind(m.due)
    .bind(now)
    .execute(exec)
    .await?;
    Ok(added == 1)
}

/// A row planning wants: to be sent (`Planned`) or recorded as skipped with its reason.
pub struct PlannedRow<'a> {
    pub dedupe_key: &'a str,
    pub kind: MessageKind,
    pub channel: Channel,
    pub participant_id: Option<i64>,
    pub user_id: Option<i64>,
    pub session_id: Option<i64>,
    pub rule_key: &'a str,
    pub nominal_due: DateTime<Utc>,
    pub due: DateTime<Utc>,
    pub state: MessageState,
    pub reason: Option<&'a str>,
}

/// Rows per INSERT statement: on SQLite 500 × 14 values, well under its limit of 32766
/// parameters; PostgreSQL takes them as 14 arrays (see `sql::Rows`), so a course's rows go in
/// one statement.
fn plan_chunk(engine: Engine) -> usize {
    match engine {
        Engine::Sqlite => 500,
        Engine::Postgres => 10_000,
    }
}
const PLAN_COLUMNS: usize = 14;

/// Inserts what planning wants for a course, many rows to a statement (a new course plans
/// hundreds at once); returns how many were new. A row another planner inserted first is
/// left alone.
pub async fn plan(
    tx: &mut Tx,
    course_id: i64,
    rows: &[PlannedRow<'_>],
    now: DateTime<Utc>,
) -> StoreResult<u64> {
    let mut added = 0;
    for chunk in rows.chunks(plan_chunk(tx.engine())) {
        let mut values = Rows::new(tx.engine(), PLAN_COLUMNS);
        for row in chunk {
            values.push([
                row.dedupe_key.value(),
                row.kind.code().value(),
                row.channel.code().value(),
                row.participant_id.value(),
                row.user_id.value(),
                course_id.value(),
                row.session_id.value(),
                row.rule_key.value(),
                row.nominal_due.value(),
                row.due.value(),
                row.state.code().value(),
                row.reason.value(),
                now.value(),
                now.value(),
            ]);
        }
        let sql = format!(
            "INSERT INTO outbox (dedupe_key, kind, channel, participant_id, user_id, course_id, session_id,
                rule_key, nominal_due_at, due_at, state, reason, created_at, updated_at)
             {} ON CONFLICT DO NOTHING",
            values.source()
        );
        added += query(&sql).bind_rows(values)?.execute(&mut *tx).await?;
    }
    Ok(added)
}

/// A planned message gets a new time (its session moved, or the rule changed).
pub async fn reschedule(
    tx: &mut Tx,
    id: i64,
    nominal_due: DateTime<Utc>,
    due: DateTime<Utc>,
    now: DateTime<Utc>,
) -> StoreResult<u64> {
    Ok(query(
        "UPDATE outbox SET nominal_due_at = $1, due_at = $2, updated_at = $3 WHERE id = $4 AND state = 'planned'",
    )
    .bind(nominal_due)
    .bind(due)
    .bind(now)
    .bind(id)
    .execute(tx)
    .await?)
}

/// A cancelled or skipped message is wanted again (a withdrawal undone, consent given).
pub async fn revive(
    tx: &mut Tx,
    id: i64,
    nominal_due: DateTime<Utc>,
    due: DateTime<Utc>,
    now: DateTime<Utc>,
) -> StoreResult<u64> {
    Ok(query(
        "UPDATE outbox SET state = 'planned', reason = NULL, nominal_due_at = $1, due_at = $2, updated_at = $3
         WHERE id = $4 AND state IN ('cancelled', 'skipped')",
    )
    .bind(nominal_due)
    .bind(due)
    .bind(now)
    .bind(id)
    .execute(tx)
    .await?)
}

/// A planned message is no longer wanted (`Cancelled`) or its time was no use (`Skipped`).
pub async fn withdraw(
    tx: &mut Tx,
    id: i64,
    state: MessageState,
    reason: &str,
    now: DateTime<Utc>,
) -> StoreResult<u64> {
    Ok(query(
        "UPDATE outbox SET state = $1, reason = $2, updated_at = $3 WHERE id = $4 AND state = 'planned'",
    )
    .bind(state.code())
    .bind(reason)
    .bind(now)
    .bind(id)
    .execute(tx)
    .await?)
}

/// A row a worker has claimed, with what it needs to send it.
#[derive(sqlx::FromRow, Clone, Debug)]
pub struct Claimed {
    pub id: i64,
    pub kind: String,
    pub channel: String,
    pub participant_id: Option<i64>,
    pub user_id: Option<i64>,
    pub course_id: Option<i64>,
    pub session_id: Option<i64>,
    pub rule_key: String,
    pub due_at: DateTime<Utc>,
    pub attempts: i64,
    pub recipient: Option<String>,
    pub subject: Option<String>,
    pub body: Option<String>,
}

/// Claims up to `limit` due rows for `worker`, oldest first. On PostgreSQL rows another
/// worker is claiming at the same moment are skipped, not waited for; SQLite has one writer.
pub async fn claim(
    db: &Db,
    worker: &str,
    limit: i64,
    now: DateTime<Utc>,
) -> StoreResult<Vec<Claimed>> {
    let skip_locked = match db.engine() {
        Engine::Sqlite => "",
        Engine::Postgres => "FOR UPDATE SKIP LOCKED",
    };
    let sql = format!(
        "UPDATE outbox SET state = 'sending', claimed_by = $1, claimed_at = $2, send_started_at = NULL,
            attempts = attempts + 1, updated_at = $2
         WHERE id IN (SELECT id FROM outbox WHERE state = 'planned' AND due_at <= $2
                      ORDER BY due_at, id LIMIT $3 {skip_locked})
         RETURNING id, kind, channel, participant_id, user_id, course_id, session_id, rule_key, due_at,
                   attempts, recipient, subject, body"
    );
    let mut rows: Vec<Claimed> = query_as(&sql)
        .bind(worker)
        .bind(now)
        .bind(limit)
        .fetch_all(db)
        .await?;
    // RETURNING gives no order; send the oldest first.
    rows.sort_by_key(|r| (r.due_at, r.id));
    Ok(rows)
}

/// Notes that the request to the provider is about to start: from here on, a worker that
/// dies leaves the row uncertain instead of giving it back. False when the claim was lost
/// (recovered as the worker's own claim after a pause), and then nothing may be sent.
pub async fn start_send(db: &Db, id: i64, worker: &str, now: DateTime<Utc>) -> StoreResult<bool> {
    let done = query(
        "UPDATE outbox SET send_started_at = $1 WHERE id = $2 AND state = 'sending' AND claimed_by = $3",
    )
    .bind(now)
    .bind(id)
    .bind(worker)
    .execute(db)
    .await?;
    Ok(done == 1)
}

/// What was (or would have been) sent, kept on the row for the ledger.
pub struct Delivery<'a> {
    pub recipient: &'a str,
    pub subject: &'a str,
    pub body: &'a str,
}

async fn attempt(
    tx: &mut Tx,
    id: i64,
    outcome: &str,
    detail: &str,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    query("INSERT INTO outbox_attempts (outbox_id, at, outcome, detail) VALUES ($1, $2, $3, $4)")
        .bind(id)
        .bind(now)
        .bind(outcome)
        .bind(detail)
        .execute(tx)
        .await?;
    Ok(())
}

/// Applies one of the dispatcher's changes to a row it claimed and, when the row was still
/// its own, logs the attempt with it in one transaction.
async fn settle(
    db: &Db,
    change: Query<'_>,
    id: i64,
    outcome: &str,
    detail: &str,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let mut tx = db.begin_write().await?;
    if change.execute(&mut tx).await? == 1 {
        attempt(&mut tx, id, outcome, detail, now).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// The provider accepted the message. A receipt that arrived before this was written is
/// applied now, so the row goes straight to delivered or failed.
#[allow(clippy::too_many_arguments)]
pub async fn sent(
    db: &Db,
    id: i64,
    worker: &str,
    provider: &str,
    provider_id: &str,
    what: Delivery<'_>,
    told_start: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let mut tx = db.begin_write().await?;
    let early: Option<String> = query_scalar(
        "SELECT outcome FROM webhook_events WHERE provider = $1 AND provider_id = $2 AND kind = 'status'
         AND outcome IN ('delivered', 'failed') ORDER BY received_at DESC LIMIT 1",
    )
    .bind(provider)
    .bind(provider_id)
    .fetch_optional(&mut tx)
    .await?;
    let state = early.as_deref().unwrap_or("sent");
    let done = query(
        "UPDATE outbox SET state = $1, provider = $2, provider_id = $3, recipient = $4, subject = $5, body = $6,
            session_starts_at = $7, sent_at = $8, delivered_at = CASE WHEN $1 = 'delivered' THEN $8 END,
            last_error = NULL, updated_at = $8
         WHERE id = $9 AND state = 'sending' AND claimed_by = $10",
    )
    .bind(state)
    .bind(provider)
    .bind(provider_id)
    .bind(what.recipient)
    .bind(what.subject)
    .bind(what.body)
    .bind(told_start)
    .bind(now)
    .bind(id)
    .bind(worker)
    .execute(&mut tx)
    .await?;
    if done == 1 {
        attempt(&mut tx, id, "accepted", provider_id, now).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Not now (quiet hours): back in the queue for `at`. Not an attempt, so the count is given
/// back.
pub async fn defer(
    db: &Db,
    id: i64,
    worker: &str,
    at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let change = query(
        "UPDATE outbox SET state = 'planned', due_at = $1, attempts = attempts - 1, claimed_by = NULL,
            updated_at = $2
         WHERE id = $3 AND state = 'sending' AND claimed_by = $4",
    )
    .bind(at)
    .bind(now)
    .bind(id)
    .bind(worker);
    settle(db, change, id, "deferred", "quiet hours", now).await
}

/// Checked again at send time and not sent: `Skipped` (its time was no use, or consent is
/// missing) or `Cancelled` (no longer wanted). Not an attempt.
pub async fn finish_unsent(
    db: &Db,
    id: i64,
    worker: &str,
    state: MessageState,
    reason: &str,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let change = query(
        "UPDATE outbox SET state = $1, reason = $2, attempts = attempts - 1, updated_at = $3
         WHERE id = $4 AND state = 'sending' AND claimed_by = $5",
    )
    .bind(state.code())
    .bind(reason)
    .bind(now)
    .bind(id)
    .bind(worker);
    settle(db, change, id, "skipped", reason, now).await
}

/// A transient failure with attempts left: back in the queue for `at`.
pub async fn retry(
    db: &Db,
    id: i64,
    worker: &str,
    at: DateTime<Utc>,
    detail: &str,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let change = query(
        "UPDATE outbox SET state = 'planned', due_at = $1, last_error = $2, claimed_by = NULL,
            send_started_at = NULL, updated_at = $3
         WHERE id = $4 AND state = 'sending' AND claimed_by = $5",
    )
    .bind(at)
    .bind(detail)
    .bind(now)
    .bind(id)
    .bind(worker);
    settle(db, change, id, "transient", detail, now).await
}

/// Given up: refused by the provider, or transient failures until the attempts ran out.
#[allow(clippy::too_many_arguments)]
pub async fn fail(
    db: &Db,
    id: i64,
    worker: &str,
    reason: &str,
    detail: &str,
    transient: bool,
    what: Delivery<'_>,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let outcome = if transient { "transient" } else { "permanent" };
    let change = close_with_text(id, worker, MessageState::Failed, reason, detail, &what, now);
    settle(db, change, id, outcome, detail, now).await
}

/// The request started and its outcome is unknown (a timeout after sending): the message
/// may have gone, so it is never sent again by itself; staff check with the recipient.
pub async fn uncertain(
    db: &Db,
    id: i64,
    worker: &str,
    detail: &str,
    what: Delivery<'_>,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let change = close_with_text(
        id,
        worker,
        MessageState::Uncertain,
        UNCERTAIN_REASON,
        detail,
        &what,
        now,
    );
    settle(db, change, id, "uncertain", detail, now).await
}

/// Ends a claimed row in `state`, keeping what was (or would have been) sent.
fn close_with_text<'q>(
    id: i64,
    worker: &'q str,
    state: MessageState,
    reason: &'q str,
    detail: &'q str,
    what: &Delivery<'q>,
    now: DateTime<Utc>,
) -> Query<'q> {
    query(
        "UPDATE outbox SET state = $1, reason = $2, last_error = $3, recipient = $4, subject = $5,
            body = $6, updated_at = $7
         WHERE id = $8 AND state = 'sending' AND claimed_by = $9",
    )
    .bind(state.code())
    .bind(reason)
    .bind(detail)
    .bind(what.recipient)
    .bind(what.subject)
    .bind(what.body)
    .bind(now)
    .bind(id)
    .bind(worker)
}

const UNCERTAIN_REASON: &str =
    "the provider may have sent it; check with the recipient before sending again";
const STOPPED_REASON: &str =
    "the worker stopped while sending it; check with the recipient before sending again";

/// What a provider's receipt says of a message it accepted.
pub enum Receipt<'a> {
    /// Still on its way: nothing to change.
    Sent,
    Delivered,
    Failed(Option<&'a str>),
}

/// Applies a receipt: sent → delivered or failed; never moves a message back. A receipt for
/// a message still being sent waits in `webhook_events` for `sent`. Runs in the write
/// transaction that recorded the receipt (`webhooks::apply_receipt`), so that it and `sent`
/// take turns: otherwise, on PostgreSQL, a receipt arriving while `sent` is being written
/// would find the row neither `sent` yet nor recorded early, and be lost.
pub async fn receipt(
    tx: &mut Tx,
    provider: &str,
    provider_id: &str,
    receipt: Receipt<'_>,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    match receipt {
        Receipt::Sent => return Ok(()),
        Receipt::Delivered => query(
            "UPDATE outbox SET state = 'delivered', delivered_at = $1, updated_at = $1
             WHERE provider = $2 AND provider_id = $3 AND state = 'sent'",
        )
        .bind(now)
        .bind(provider)
        .bind(provider_id),
        Receipt::Failed(why) => query(
            "UPDATE outbox SET state = 'failed', reason = 'the provider could not deliver it', last_error = $1,
                updated_at = $2
             WHERE provider = $3 AND provider_id = $4 AND state = 'sent'",
        )
        .bind(why)
        .bind(now)
        .bind(provider)
        .bind(provider_id),
    }
    .execute(tx)
    .await?;
    Ok(())
}

/// What recovering the claims of workers that are gone did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Recovered {
    /// Claimed, but the request never started: back in the queue, due at once.
    pub returned: u64,
    /// The request had started: uncertain.
    pub uncertain: u64,
}

/// Takes back the claims of the given workers (whose process is gone): a row whose request
/// never started is queued again with its attempt given back; one whose request started is
/// uncertain.
pub async fn recover(db: &Db, gone: &[String], now: DateTime<Utc>) -> StoreResult<Recovered> {
    if gone.is_empty() {
        return Ok(Recovered::default());
    }
    let mut tx = db.begin_write().await?;
    let returned_sql = format!(
        "UPDATE outbox SET state = 'planned', claimed_by = NULL, attempts = attempts - 1, updated_at = $1
         WHERE state = 'sending' AND send_started_at IS NULL AND claimed_by IN ({})",
        placeholders(2, gone.len())
    );
    let mut q = query(&returned_sql).bind(now);
    for w in gone {
        q = q.bind(w.as_str());
    }
    let returned = q.execute(&mut tx).await?;
    let uncertain_sql = format!(
        "UPDATE outbox SET state = 'uncertain', reason = $2, updated_at = $1
         WHERE state = 'sending' AND claimed_by IN ({})",
        placeholders(3, gone.len())
    );
    let mut q = query(&uncertain_sql).bind(now).bind(STOPPED_REASON);
    for w in gone {
        q = q.bind(w.as_str());
    }
    let uncertain = q.execute(&mut tx).await?;
    tx.commit().await?;
    Ok(Recovered {
        returned,
        uncertain,
    })
}
