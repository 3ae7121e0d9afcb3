//! Dispatch: claims due messages, checks each again (still wanted, quiet hours, not too late),
//! renders it, sends it and records the result. A claimed row is `sending` until the result
//! is written, so a crash in between leaves it for the next worker to mark uncertain.

use super::Worker;
use crate::mail::OutgoingMail;
use crate::sms::{OutgoingSms, SendError};
use chrono::{DateTime, Utc};
use domain::messages::redact_sign_in_links;
use domain::messages::{Channel, MessageKind};
use domain::reminders::{check_at_send, retry_after, still_wanted, SendCheck, HELD_FOR_CONSENT};
use futures_util::StreamExt;
use store::messages::render::{render_for_guardian, render_for_participant};
use store::sql::{query, query_as, query_scalar};

/// Rows claimed per round.
const BATCH: i64 = 200;

#[derive(Clone, Copy, Debug, Default)]
pub struct DispatchStats {
    pub claimed: usize,
    pub sent: usize,
    pub deferred: usize,
    pub retried: usize,
    pub failed: usize,
    pub skipped: usize,
    pub cancelled: usize,
}

impl DispatchStats {
    pub fn add(&mut self, o: DispatchStats) {
        self.claimed += o.claimed;
        self.sent += o.sent;
        self.deferred += o.deferred;
        self.retried += o.retried;
        self.failed += o.failed;
        self.skipped += o.skipped;
        self.cancelled += o.cancelled;
    }
}

#[derive(sqlx::FromRow, Clone)]
struct Claimed {
    id: i64,
    kind: String,
    channel: String,
    participant_id: Option<i64>,
    user_id: Option<i64>,
    course_id: Option<i64>,
    session_id: Option<i64>,
    rule_key: String,
    due_at: DateTime<Utc>,
    attempts: i64,
    recipient: Option<String>,
    subject: Option<String>,
    body: Option<String>,
}

enum SendOutcome {
    Sent {
        provider: &'static str,
        provider_id: String,
        recipient: String,
        subject: String,
        body: String,
        /// The session start the text told, kept so that planning knows when a session
        /// has moved since (and says so).
        told_start: Option<DateTime<Utc>>,
    },
    Deferred(DateTime<Utc>),
    Skipped(String),
    Cancelled(String),
    Failed {
        error: SendError,
        recipient: String,
        subject: String,
        body: String,
    },
}

/// Claims what is due and sends it, up to `concurrency` at a time.
pub async fn dispatch_due(worker: &Worker, now: DateTime<Utc>) -> Result<DispatchStats, String> {
    let claimed: Vec<Claimed> = query_as(
        "UPDATE outbox SET state = 'sending', claimed_at = $1, attempts = attempts + 1, updated_at = $1
         WHERE id IN (SELECT id FROM outbox WHERE state = 'planned' AND due_at <= $1 ORDER BY due_at, id LIMIT $2)
         RETURNING id, kind, channel, participant_id, user_id, course_id, session_id, rule_key, due_at, attempts, recipient, subject, body",
    )
    .bind(now)
    .bind(BATCH)
    .fetch_all(&worker.pool)
    .await
    .map_err(super::db_error)?;
    let mut stats = DispatchStats {
        claimed: claimed.len(),
        ..Default::default()
    };
    let results: Vec<(Claimed, SendOutcome)> = futures_util::stream::iter(claimed)
        .map(|row| async move {
            let outcome = match send_one(worker, &row).await {
                Ok(outcome) => outcome,
                Err(e) => {
                    tracing::error!(id = row.id, "cannot prepare message: {e}");
                    SendOutcome::Failed {
                        error: SendError::Transient(e),
                        recipient: String::new(),
                        subject: String::new(),
                        body: String::new(),
                    }
                }
            };
            (row, outcome)
        })
        .buffer_unordered(worker.concurrency.max(1))
        .collect()
        .await;
    for (row, outcome) in results {
        record(worker, &row, outcome, &mut stats).await?;
    }
    Ok(stats)
}

async fn send_one(worker: &Worker, row: &Claimed) -> Result<SendOutcome, String> {
    let now = worker.now();
    let kind = MessageKind::parse(&row.kind);
    let channel = Channel::parse(&row.channel);
    if kind == Some(MessageKind::SmsResumed) {
        return send_written_sms(worker, row).await;
    }
    let (Some(participant_id), Some(course_id)) = (row.participant_id, row.course_id) else {
        return send_to_staff(worker, row).await;
    };
    if kind.is_some_and(MessageKind::to_staff) {
        return send_to_staff(worker, row).await;
    }
    // A consent request names its request in the rule key ("request-12").
    let request_id = (kind == Some(MessageKind::ConsentRequest))
        .then(|| row.rule_key.strip_prefix("request-")?.parse::<i64>().ok())
        .flatten();
    let Some(loaded) = super::send_facts::load(
        &worker.pool,
        kind,
        channel,
        participant_id,
        course_id,
        row.session_id,
        request_id,
        now,
    )
    .await
    .map_err(super::db_error)?
    else {
        return Ok(SendOutcome::Cancelled("the participant was deleted".into()));
    };
    let (send_facts, tz, to) = (loaded.facts, loaded.tz, loaded.to);
    if let Err(why) = still_wanted(&send_facts) {
        // Held for a guardian's consent, as planning records it: skipped, not cancelled.
        return Ok(if why.starts_with(HELD_FOR_CONSENT) {
            SendOutcome::Skipped(why.to_string())
        } else {
            SendOutcome::Cancelled(why.to_string())
        });
    }
    // Absence messages go after their session; messages about a coming session (reminders,
    // invitations, new time, cancelled) must beat its start, and record the start they told.
    let session_start = match kind {
        Some(
            MessageKind::SessionReminder
            | MessageKind::FollowUpInvitation
            | MessageKind::SessionChanged
            | MessageKind::SessionCancelled
            | MessageKind::GuardianReminder
            | MessageKind::GuardianInvitation,
        ) => loaded.session_starts_at,
        _ => None,
    };
    let quiet = match kind {
        Some(k) if k.answers_a_request() => None,
        _ => worker.quiet,
    };
    match check_at_send(now, row.due_at, session_start, quiet, tz) {
        SendCheck::Send => {}
        SendCheck::Defer(at) => return Ok(SendOutcome::Deferred(at)),
        SendCheck::Skip(why) => return Ok(SendOutcome::Skipped(why)),
    }
    let Some(kind) = kind else {
        return Ok(SendOutcome::Cancelled("unknown message kind".into()));
    };
    let rendered = if kind.to_guardian() {
        render_for_guardian(
            &worker.pool,
            kind,
            participant_id,
            course_id,
            row.session_id,
            request_id,
            &worker.public_url,
            now,
        )
        .await
    } else {
        render_for_participant(
            &worker.pool,
            kind,
            participant_id,
            course_id,
            row.session_id,
            &worker.public_url,
            now,
        )
        .await
    };
    let (subject, body) = rendered.map_err(|e| format!("cannot render: {e}"))?;
    // What the ledger keeps; a sign-in link's token stays only in the message itself.
    let kept = |text: &str| match kind {
        MessageKind::MagicLink | MessageKind::ConsentRequest => redact_sign_in_links(text),
        _ => text.to_string(),
    };
    match channel {
        Some(Channel::Sms) => {
            let sms = OutgoingSms {
                to: to.clone(),
                body: body.clone(),
                reference: row.id.to_string(),
            };
            Ok(match worker.sms.send(&sms).await {
                Ok(provider_id) => SendOutcome::Sent {
                    provider: worker.sms.name(),
                    provider_id,
                    recipient: to,
                    subject: String::new(),
                    body: kept(&body),
                    told_start: session_start,
                },
                Err(error) => SendOutcome::Failed {
                    error,
                    recipient: to,
                    subject: String::new(),
                    body: kept(&body),
                },
            })
        }
        Some(Channel::Email) => {
            let mail = OutgoingMail {
                to: to.clone(),
                subject: subject.clone(),
                html: crate::mail::html_from_text(&body),
                text: body.clone(),
            };
            Ok(match worker.mailer.send(&mail).await {
                Ok(provider_id) => SendOutcome::Sent {
                    provider: "smtp",
                    provider_id,
                    recipient: to,
                    subject,
                    body: kept(&body),
                    told_start: session_start,
                },
                Err(error) => SendOutcome::Failed {
                    error,
                    recipient: to,
                    subject,
                    body: kept(&body),
                },
            })
        }
        None => Ok(SendOutcome::Cancelled("unknown channel".into())),
    }
}

/// A text written when it was queued, to the number it answers (the confirmation of a START).
async fn send_written_sms(worker: &Worker, row: &Claimed) -> Result<SendOutcome, String> {
    let (Some(to), Some(body)) = (row.recipient.clone(), row.body.clone()) else {
        return Ok(SendOutcome::Cancelled("nothing to send".into()));
    };
    let sms = OutgoingSms {
        to: to.clone(),
        body: body.clone(),
        reference: row.id.to_string(),
    };
    Ok(match worker.sms.send(&sms).await {
        Ok(provider_id) => SendOutcome::Sent {
            provider: worker.sms.name(),
            provider_id,
            recipient: to,
            subject: String::new(),
            body,
            told_start: None,
        },
        Err(error) => SendOutcome::Failed {
            error,
            recipient: to,
            subject: String::new(),
            body,
        },
    })
}

/// A message to a staff user (digest, alert): written when it was queued, sent by e-mail.
async fn send_to_staff(worker: &Worker, row: &Claimed) -> Result<SendOutcome, String> {
    let Some(user_id) = row.user_id else {
        return Ok(SendOutcome::Cancelled("no recipient".into()));
    };
    let email: Option<String> = query_scalar("SELECT email FROM users WHERE id = $1")
        .bind(user_id)
        .fetch_optional(&worker.pool)
        .await
        .map_err(super::db_error)?;
    let Some(to) = email else {
        return Ok(SendOutcome::Cancelled("the staff user was removed".into()));
    };
    // A digest is written when it is queued; an alert is planned, and written as it goes.
    let (subject, body) = match (row.body.clone(), row.participant_id, row.session_id) {
        (Some(body), ..) => (row.subject.clone().unwrap_or_default(), body),
        (None, Some(participant_id), Some(session_id)) => {
            store::messages::render::render_leader_alert(
                &worker.pool,
                participant_id,
                session_id,
                &worker.public_url,
            )
            .await
            .map_err(|e| format!("cannot render: {e}"))?
        }
        (None, ..) => return Ok(SendOutcome::Cancelled("nothing to send".into())),
    };
    let mail = OutgoingMail {
        to: to.clone(),
        subject: subject.clone(),
        html: crate::mail::html_from_text(&body),
        text: body.clone(),
    };
    Ok(match worker.mailer.send(&mail).await {
        Ok(provider_id) => SendOutcome::Sent {
            provider: "smtp",
            provider_id,
            recipient: to,
            subject,
            body,
            told_start: None,
        },
        Err(error) => SendOutcome::Failed {
            error,
            recipient: to,
            subject,
            body,
        },
    })
}

async fn attempt(
    worker: &Worker,
    id: i64,
    now: DateTime<Utc>,
    outcome: &str,
    detail: &str,
) -> Result<(), String> {
    query("INSERT INTO outbox_attempts (outbox_id, at, outcome, detail) VALUES ($1, $2, $3, $4)")
        .bind(id)
        .bind(now)
        .bind(outcome)
        .bind(detail)
        .execute(&worker.pool)
        .await
        .map_err(super::db_error)?;
    Ok(())
}

/// Writes the result. Every update requires the row to be still `sending` and ours: a row
/// another worker marked uncertain meanwhile stays uncertain.
async fn record(
    worker: &Worker,
    row: &Claimed,
    outcome: SendOutcome,
    stats: &mut DispatchStats,
) -> Result<(), String> {
    let now = worker.now();
    let pool = &worker.pool;
    match outcome {
        SendOutcome::Sent {
            provider,
            provider_id,
            recipient,
            subject,
            body,
            told_start,
        } => {
            stats.sent += 1;
            // A receipt that arrived before we got here is applied now.
            let early: Option<String> = query_scalar(
                "SELECT outcome FROM webhook_events WHERE provider = $1 AND provider_id = $2 AND kind = 'status'
                 AND outcome IN ('delivered', 'failed') ORDER BY received_at DESC LIMIT 1",
            )
            .bind(provider)
            .bind(&provider_id)
            .fetch_optional(pool)
            .await
            .map_err(super::db_error)?;
            let state = early.as_deref().unwrap_or("sent");
            query(
                "UPDATE outbox SET state = $1, provider = $2, provider_id = $3, recipient = $4, subject = $5, body = $6,
                    session_starts_at = $7, sent_at = $8, delivered_at = CASE WHEN $9 = 'delivered' THEN $10 END,
                    last_error = NULL, updated_at = $11
                 WHERE id = $12 AND state = 'sending'",
            )
            .bind(state)
            .bind(provider)
            .bind(&provider_id)
            .bind(&recipient)
            .bind(&subject)
            .bind(&body)
            .bind(told_start)
            .bind(now)
            .bind(state)
            .bind(now)
            .bind(now)
            .bind(row.id)
            .execute(pool)
            .await
            .map_err(super::db_error)?;
            attempt(worker, row.id, now, "accepted", &provider_id).await
        }
        SendOutcome::Deferred(at) => {
            stats.deferred += 1;
            // Not an attempt: give the count back.
            query("UPDATE outbox SET state = 'planned', due_at = $1, attempts = attempts - 1, updated_at = $2 WHERE id = $3 AND state = 'sending'")
                .bind(at)
                .bind(now)
                .bind(row.id)
                .execute(pool)
                .await
                .map_err(super::db_error)?;
            attempt(worker, row.id, now, "deferred", "quiet hours").await
        }
        SendOutcome::Skipped(reason) => {
            stats.skipped += 1;
            finish(worker, row.id, "skipped", &reason, now).await?;
            attempt(worker, row.id, now, "skipped", &reason).await
        }
        SendOutcome::Cancelled(reason) => {
            stats.cancelled += 1;
            finish(worker, row.id, "cancelled", &reason, now).await?;
            attempt(worker, row.id, now, "skipped", &reason).await
        }
        SendOutcome::Failed {
            error: SendError::Uncertain(detail),
            recipient,
            subject,
            body,
        } => {
            stats.failed += 1;
            query(
                "UPDATE outbox SET state = 'uncertain', reason = $1, last_error = $2, recipient = $3, subject = $4, body = $5, updated_at = $6
                 WHERE id = $7 AND state = 'sending'",
            )
            .bind("the provider may have sent it; check with the recipient before sending again")
            .bind(&detail)
            .bind(&recipient)
            .bind(&subject)
            .bind(&body)
            .bind(now)
            .bind(row.id)
            .execute(pool)
            .await
            .map_err(super::db_error)?;
            tracing::warn!(id = row.id, "message uncertain: {detail}");
            attempt(worker, row.id, now, "uncertain", &detail).await
        }
        SendOutcome::Failed {
            error,
            recipient,
            subject,
            body,
        } => {
            let detail = error.message().to_string();
            let retry = if error.is_transient() {
                retry_after(row.attempts)
            } else {
                None
            };
            match retry {
                Some(wait) => {
                    stats.retried += 1;
                    query(
                        "UPDATE outbox SET state = 'planned', due_at = $1, last_error = $2, updated_at = $3 WHERE id = $4 AND state = 'sending'",
                    )
                    .bind(now + wait)
                    .bind(&detail)
                    .bind(now)
                    .bind(row.id)
                    .execute(pool)
                    .await
                    .map_err(super::db_error)?;
                    attempt(worker, row.id, now, "transient", &detail).await
                }
                None => {
                    stats.failed += 1;
                    let reason = if error.is_transient() {
                        format!("gave up after {} attempts", row.attempts)
                    } else {
                        "the provider refused it".to_string()
                    };
                    query(
                        "UPDATE outbox SET state = 'failed', reason = $1, last_error = $2, recipient = $3, subject = $4, body = $5, updated_at = $6
                         WHERE id = $7 AND state = 'sending'",
                    )
                    .bind(&reason)
                    .bind(&detail)
                    .bind(&recipient)
                    .bind(&subject)
                    .bind(&body)
                    .bind(now)
                    .bind(row.id)
                    .execute(pool)
                    .await
                    .map_err(super::db_error)?;
                    tracing::warn!(id = row.id, "message failed: {detail}");
                    attempt(
                        worker,
                        row.id,
                        now,
                        if error.is_transient() {
                            "transient"
                        } else {
                            "permanent"
                        },
                        &detail,
                    )
                    .await
                }
            }
        }
    }
}

async fn finish(
    worker: &Worker,
    id: i64,
    state: &str,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<(), String> {
    query("UPDATE outbox SET state = $1, reason = $2, attempts = attempts - 1, updated_at = $3 WHERE id = $4 AND state = 'sending'")
        .bind(state)
        .bind(reason)
        .bind(now)
        .bind(id)
        .execute(&worker.pool)
        .await
        .map_err(super::db_error)?;
    Ok(())
}
