//! Acting on an SMS reply: JA confirms, NEI pre-marks an excused absence and tells the leader,
//! STOPP opts out of SMS, START opts back in (and says so in one short text), anything else
//! lands in the leader's inbox. From a guardian's number, STOPP and START concern the copies
//! to the guardian only.

use super::answers::AnswerVia;
use crate::error::StoreResult;
use crate::sql::Db;
use crate::sql::{query, query_as, query_scalar, Tx};
use chrono::{DateTime, Duration, Utc};
use domain::replies::{classify, ReplyIntent};

/// What was done with a reply, for the webhook's log and tests.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReplyAction {
    Confirmed,
    MarkedExcused,
    OptedOut,
    OptedIn,
    ToInbox,
    UnknownSender,
}

/// The participant a number belongs to: the one with a current enrolment first, then the
/// most recently registered.
async fn participant_by_phone(db: &Db, phone: &str) -> StoreResult<Option<i64>> {
    Ok(query_scalar(
        "SELECT p.id FROM participants p
         LEFT JOIN enrolments e ON e.participant_id = p.id AND e.status = 'enrolled'
         WHERE p.phone = $1
         ORDER BY e.id IS NULL, p.id DESC LIMIT 1",
    )
    .bind(phone)
    .fetch_optional(db)
    .await?)
}

/// The pupils whose guardian has this number (most recently registered first).
async fn pupils_by_guardian_phone(db: &Db, phone: &str) -> StoreResult<Vec<i64>> {
    Ok(
        query_scalar("SELECT id FROM participants WHERE guardian_phone = $1 ORDER BY id DESC")
            .bind(phone)
            .fetch_all(db)
            .await?,
    )
}

/// The session a reply is about: the participant's next one (a session that began less than
/// two hours ago still counts: "kan ikke" sent while it runs is an excuse for it).
async fn session_in_question(
    db: &Db,
    participant_id: i64,
    now: DateTime<Utc>,
) -> StoreResult<Option<i64>> {
    Ok(query_scalar(
        "SELECT s.id FROM sessions s JOIN enrolments e ON e.course_id = s.course_id
         WHERE e.participant_id = $1 AND e.status = 'enrolled' AND s.status = 'scheduled' AND s.starts_at > $2
         ORDER BY s.starts_at LIMIT 1",
    )
    .bind(participant_id)
    .bind(now - Duration::hours(2))
    .fetch_optional(db)
    .await?)
}

/// Handles one inbound text (already de-duplicated by the webhook).
pub async fn handle_reply(
    db: &Db,
    from: &str,
    body: &str,
    now: DateTime<Utc>,
) -> StoreResult<ReplyAction> {
    let intent = classify(body);
    let participant = participant_by_phone(db, from).await?;
    if participant.is_none() {
        let pupils = pupils_by_guardian_phone(db, from).await?;
        if !pupils.is_empty() {
            return handle_guardian_reply(db, from, body, intent, &pupils, now).await;
        }
    }
    let session = match participant {
        Some(p) => session_in_question(db, p, now).await?,
        None => None,
    };
    // The confirmation of a START is a text like any other: not to a minor whose guardian has
    // not consented to SMS.
    let may_text = match (participant, intent) {
        (Some(p), ReplyIntent::Start) => crate::consent::statuses(db, &[p], now)
            .await?
            .pop()
            .is_none_or(|(_, status, channels)| {
                status == domain::consent::ConsentStatus::NotNeeded || channels.sms
            }),
        _ => false,
    };
    let mut tx = db.begin_write().await?;
    let action = match (participant, intent) {
        (None, _) => ReplyAction::UnknownSender,
        (Some(p), ReplyIntent::Stop | ReplyIntent::Start) => {
            let stop = intent == ReplyIntent::Stop;
            let changed = set_opt_out(&mut tx, p, "participant", stop, now).await?;
            if !stop && changed && may_text {
                queue_resumed_text(&mut tx, p, from, false, now).await?;
            }
            if stop {
                ReplyAction::OptedOut
            } else {
                ReplyAction::OptedIn
            }
        }
        (Some(p), ReplyIntent::Yes | ReplyIntent::No) if session.is_some() => {
            let yes = intent == ReplyIntent::Yes;
            let session = session.unwrap_or_default();
            super::answers::record(&mut tx, session, p, yes, AnswerVia::Sms, body, now).await?;
            if yes {
                ReplyAction::Confirmed
            } else {
                ReplyAction::MarkedExcused
            }
        }
        _ => ReplyAction::ToInbox,
    };
    // Everything is kept; a confirmation or a START needs nobody's attention, the rest does.
    keep_in_inbox(
        &mut tx,
        participant,
        session,
        from,
        body,
        intent,
        matches!(action, ReplyAction::Confirmed | ReplyAction::OptedIn),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(action)
}

fn intent_code(intent: ReplyIntent) -> &'static str {
    match intent {
        ReplyIntent::Yes => "yes",
        ReplyIntent::No => "no",
        ReplyIntent::Stop => "stop",
        ReplyIntent::Start => "start",
        ReplyIntent::Other => "other",
    }
}

#[allow(clippy::too_many_arguments)]
async fn keep_in_inbox(
    tx: &mut Tx,
    participant: Option<i64>,
    session: Option<i64>,
    from: &str,
    body: &str,
    intent: ReplyIntent,
    handled: bool,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    query(
        "INSERT INTO inbox (participant_id, session_id, from_number, body, intent, received_at, handled_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(participant)
    .bind(session)
    .bind(from)
    .bind(body)
    .bind(intent_code(intent))
    .bind(now)
    .bind(handled.then_some(now))
    .execute(&mut *tx)
    .await?;
    Ok(())
}

/// A reply from a guardian's number: STOPP and START turn the copies to them off and on (for
/// each pupil they are guardian of); anything else goes to the leaders' inbox under the
/// (latest) pupil, since it may well be about them.
async fn handle_guardian_reply(
    db: &Db,
    from: &str,
    body: &str,
    intent: ReplyIntent,
    pupils: &[i64],
    now: DateTime<Utc>,
) -> StoreResult<ReplyAction> {
    let mut tx = db.begin_write().await?;
    let action = match intent {
        ReplyIntent::Stop | ReplyIntent::Start => {
            let stop = intent == ReplyIntent::Stop;
            let mut changed = false;
            for p in pupils {
                changed |= set_opt_out(&mut tx, *p, "guardian", stop, now).await?;
            }
            if !stop && changed {
                queue_resumed_text(&mut tx, pupils[0], from, true, now).await?;
            }
            if stop {
                ReplyAction::OptedOut
            } else {
                ReplyAction::OptedIn
            }
        }
        _ => ReplyAction::ToInbox,
    };
    keep_in_inbox(
        &mut tx,
        Some(pupils[0]),
        None,
        from,
        body,
        intent,
        action == ReplyAction::OptedIn,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(action)
}

/// Turns SMS off or on for a participant (`who` = "participant") or for their guardian's
/// copies ("guardian"), and records the change; false when it already was so.
async fn set_opt_out(
    tx: &mut Tx,
    participant_id: i64,
    who: &str,
    stop: bool,
    now: DateTime<Utc>,
) -> StoreResult<bool> {
    let column = if who == "guardian" {
        "guardian_sms_opted_out_at"
    } else {
        "sms_opted_out_at"
    };
    let sql = if stop {
        format!("UPDATE participants SET {column} = $1 WHERE id = $2 AND {column} IS NULL")
    } else {
        format!("UPDATE participants SET {column} = NULL WHERE $1 IS NOT NULL AND id = $2 AND {column} IS NOT NULL")
    };
    let changed = query(&sql)
        .bind(now)
        .bind(participant_id)
        .execute(&mut *tx)
        .await?
        > 0;
    if changed {
        query(
            "INSERT INTO sms_opt_changes (participant_id, who, opted_out, via, at) VALUES ($1, $2, $3, 'sms', $4)",
        )
        .bind(participant_id)
        .bind(who)
        .bind(stop)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    }
    Ok(changed)
}

/// The one short text that confirms a START, written now in the sender's language and sent
/// by the worker at once to the number that asked.
async fn queue_resumed_text(
    tx: &mut Tx,
    participant_id: i64,
    to: &str,
    guardian: bool,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    use domain::message_templates::{default_template, render, TemplateVars};
    use domain::messages::{Channel, MessageKind};
    use domain::people::Language;
    let (language, course): (String, Option<String>) = query_as(&format!(
        "SELECT {}, (SELECT c.public_name FROM enrolments e JOIN courses c ON c.id = e.course_id
                  WHERE e.participant_id = p.id ORDER BY c.start_date DESC LIMIT 1)
         FROM participants p WHERE p.id = $1",
        if guardian {
            "COALESCE(p.guardian_language, p.language)"
        } else {
            "p.language"
        }
    ))
    .bind(participant_id)
    .fetch_one(&mut *tx)
    .await?;
    let language = Language::parse(&language).unwrap_or(Language::Nb);
    let edited: Option<String> = query_scalar(
        "SELECT body FROM message_templates WHERE kind = 'sms_resumed' AND language = $1",
    )
    .bind(language.code())
    .fetch_optional(&mut *tx)
    .await?;
    let template =
        edited.unwrap_or_else(|| default_template(MessageKind::SmsResumed, language).body);
    let vars = TemplateVars {
        course: course.unwrap_or_else(|| "Samling".into()),
        ..Default::default()
    };
    let body = render(&template, &vars).map_err(|e| {
        crate::error::StoreError::internal(format!("the START text cannot render: {e}"))
    })?;
    let nonce = &crate::auth::new_secret()[..12];
    crate::outbox::enqueue(
        &mut *tx,
        crate::outbox::Enqueue {
            dedupe_key: format!("sms_resumed:p{participant_id}:{nonce}"),
            kind: MessageKind::SmsResumed,
            channel: Channel::Sms,
            participant_id: Some(participant_id),
            user_id: None,
            course_id: None,
            rule_key: "start",
            recipient: Some(to.to_string()),
            subject: None,
            body: Some(body),
            due: now,
        },
        now,
    )
    .await?;
    Ok(())
}
