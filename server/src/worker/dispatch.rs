//! Dispatch: claims due messages, checks each again (still wanted, quiet hours, not too late),
//! renders it, sends it and records the result as soon as it arrives. Just before the request
//! to the provider starts, the row says so (`outbox::start_send`): a worker that dies before
//! that point leaves the row to go back to the queue, one that dies after it leaves it
//! uncertain. Every change to the row goes through `store::outbox`.

use super::Worker;
use crate::mail::OutgoingMail;
use crate::sms::{OutgoingSms, SendError};
use chrono::{DateTime, Utc};
use domain::messages::redact_sign_in_links;
use domain::messages::{Channel, MessageKind, MessageState};
use domain::reminders::{check_at_send, retry_after, still_wanted, SendCheck, HELD_FOR_CONSENT};
use domain::staff_accounts::LinkPurpose;
use futures_util::StreamExt;
use store::messages::render::{render_for_guardian, render_for_participant};
use store::outbox::{self, Claimed, Delivery};

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
    /// The claim was taken back before the request started (this worker was taken for
    /// gone); nothing was sent and the row is not ours to write.
    Lost,
}

/// Claims what is due, up to `concurrency` rows, and sends them at once; each result is
/// written as it arrives.
pub async fn dispatch_due(worker: &Worker, now: DateTime<Utc>) -> Result<DispatchStats, String> {
    let claimed = outbox::claim(
        &worker.pool,
        &worker.id,
        worker.concurrency.max(1) as i64,
        now,
    )
    .await
    .map_err(|e| e.to_string())?;
    let mut stats = DispatchStats {
        claimed: claimed.len(),
        ..Default::default()
    };
    let results: Vec<Result<Tally, String>> = futures_util::stream::iter(claimed)
        .map(|row| async move {
            let started = std::time::Instant::now();
            let outcome = match send_one(worker, &row).await {
                Ok(outcome) => {
                    count(worker, &row, &outcome, started.elapsed());
                    outcome
                }
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
            record(worker, &row, outcome).await
        })
        .buffer_unordered(worker.concurrency.max(1))
        .collect()
        .await;
    for tally in results {
        stats.count(tally?);
    }
    Ok(stats)
}

/// Counts a send that went out, or failed at the provider, in the metrics.
fn count(worker: &Worker, row: &Claimed, outcome: &SendOutcome, took: std::time::Duration) {
    match outcome {
        SendOutcome::Sent { .. } => {
            let late = worker.now() - row.due_at;
            worker.metrics.sent(&row.kind, &row.channel, took, late);
        }
        SendOutcome::Failed { error, .. } => {
            worker.metrics.provider_error(&row.channel, error.class());
        }
        _ => {}
    }
}

/// Marks the row as about to be sent; false when the claim is no longer ours.
async fn starting(worker: &Worker, row: &Claimed) -> Result<bool, String> {
    outbox::start_send(&worker.pool, row.id, &worker.id, worker.now())
        .await
        .map_err(|e| e.to_string())
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
    let Some(loaded) = store::messages::send_facts::load(
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
    .map_err(|e| e.to_string())?
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
            if !starting(worker, row).await? {
                return Ok(SendOutcome::Lost);
            }
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
            if !starting(worker, row).await? {
                return Ok(SendOutcome::Lost);
            }
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
    if !starting(worker, row).await? {
        return Ok(SendOutcome::Lost);
    }
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

/// A message to a staff user (digest, alert, invitation, reset link), sent by e-mail.
async fn send_to_staff(worker: &Worker, row: &Claimed) -> Result<SendOutcome, String> {
    let Some(user_id) = row.user_id else {
        return Ok(SendOutcome::Cancelled("no recipient".into()));
    };
    let contact = store::auth::contact_of(&worker.pool, user_id)
        .await
        .map_err(|e| e.to_string())?;
    let Some((to, name)) = contact else {
        return Ok(SendOutcome::Cancelled(
            "the staff user was removed or disabled".into(),
        ));
    };
    let link = MessageKind::parse(&row.kind).and_then(LinkPurpose::of_message);
    // A digest is written when it is queued; an alert is planned, and written as it goes; a
    // link's token is made now, as its e-mail goes.
    let (subject, body) = match (link, row.body.clone(), row.participant_id, row.session_id) {
        (Some(purpose), ..) => store::messages::render::render_staff_link(
            &worker.pool,
            purpose,
            user_id,
            &name,
            &worker.public_url,
            worker.now(),
        )
        .await
        .map_err(|e| format!("cannot render: {e}"))?,
        (None, Some(body), ..) => (row.subject.clone().unwrap_or_default(), body),
        (None, None, Some(participant_id), Some(session_id)) => {
            store::messages::render::render_leader_alert(
                &worker.pool,
                participant_id,
                session_id,
                &worker.public_url,
            )
            .await
            .map_err(|e| format!("cannot render: {e}"))?
        }
        (None, None, ..) => return Ok(SendOutcome::Cancelled("nothing to send".into())),
    };
    let mail = OutgoingMail {
        to: to.clone(),
        subject: subject.clone(),
        html: crate::mail::html_from_text(&body),
        text: body.clone(),
    };
    if !starting(worker, row).await? {
        return Ok(SendOutcome::Lost);
    }
    // The ledger keeps a link's text without its token.
    let body = if link.is_some() {
        redact_sign_in_links(&body)
    } else {
        body
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

/// One row's result, for the pass's figures.
enum Tally {
    Sent,
    Deferred,
    Skipped,
    Cancelled,
    Retried,
    Failed,
    Lost,
}

impl DispatchStats {
    fn count(&mut self, t: Tally) {
        match t {
            Tally::Sent => self.sent += 1,
            Tally::Deferred => self.deferred += 1,
            Tally::Skipped => self.skipped += 1,
            Tally::Cancelled => self.cancelled += 1,
            Tally::Retried => self.retried += 1,
            Tally::Failed => self.failed += 1,
            Tally::Lost => {}
        }
    }
}

/// Writes one row's result through the outbox's transitions.
async fn record(worker: &Worker, row: &Claimed, outcome: SendOutcome) -> Result<Tally, String> {
    let now = worker.now();
    let (db, me) = (&worker.pool, worker.id.as_str());
    let written = match outcome {
        SendOutcome::Sent {
            provider,
            provider_id,
            recipient,
            subject,
            body,
            told_start,
        } => {
            let what = Delivery {
                recipient: &recipient,
                subject: &subject,
                body: &body,
            };
            outbox::sent(
                db,
                row.id,
                me,
                provider,
                &provider_id,
                what,
                told_start,
                now,
            )
            .await
            .map(|()| Tally::Sent)
        }
        SendOutcome::Deferred(at) => outbox::defer(db, row.id, me, at, now)
            .await
            .map(|()| Tally::Deferred),
        SendOutcome::Skipped(reason) => {
            outbox::finish_unsent(db, row.id, me, MessageState::Skipped, &reason, now)
                .await
                .map(|()| Tally::Skipped)
        }
        SendOutcome::Cancelled(reason) => {
            outbox::finish_unsent(db, row.id, me, MessageState::Cancelled, &reason, now)
                .await
                .map(|()| Tally::Cancelled)
        }
        SendOutcome::Lost => Ok(Tally::Lost),
        SendOutcome::Failed {
            error: SendError::Uncertain(detail),
            recipient,
            subject,
            body,
        } => {
            tracing::warn!(id = row.id, "message uncertain: {detail}");
            let what = Delivery {
                recipient: &recipient,
                subject: &subject,
                body: &body,
            };
            outbox::uncertain(db, row.id, me, &detail, what, now)
                .await
                .map(|()| Tally::Failed)
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
                Some(wait) => outbox::retry(db, row.id, me, now + wait, &detail, now)
                    .await
                    .map(|()| Tally::Retried),
                None => {
                    let reason = if error.is_transient() {
                        format!("gave up after {} attempts", row.attempts)
                    } else {
                        "the provider refused it".to_string()
                    };
                    tracing::warn!(id = row.id, "message failed: {detail}");
                    let what = Delivery {
                        recipient: &recipient,
                        subject: &subject,
                        body: &body,
                    };
                    outbox::fail(
                        db,
                        row.id,
                        me,
                        &reason,
                        &detail,
                        error.is_transient(),
                        what,
                        now,
                    )
                    .await
                    .map(|()| Tally::Failed)
                }
            }
        }
    };
    written.map_err(|e| e.to_string())
}
