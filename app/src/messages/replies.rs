//! Acting on an SMS reply: JA confirms, NEI pre-marks an excused absence and tells the leader,
//! STOPP opts out of SMS, anything else lands in the leader's inbox.

use crate::db::Db;
use crate::domain::replies::{classify, ReplyIntent};
use crate::error::AppResult;
use chrono::{DateTime, Duration, Utc};

/// What was done with a reply, for the webhook's log and tests.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReplyAction {
    Confirmed,
    MarkedExcused,
    OptedOut,
    ToInbox,
    UnknownSender,
}

/// The participant a number belongs to: the one with a current enrolment first, then the
/// most recently registered.
async fn participant_by_phone(db: &Db, phone: &str) -> AppResult<Option<i64>> {
    Ok(sqlx::query_scalar(
        "SELECT p.id FROM participants p
         LEFT JOIN enrolments e ON e.participant_id = p.id AND e.status = 'enrolled'
         WHERE p.phone = ?
         ORDER BY e.id IS NULL, p.id DESC LIMIT 1",
    )
    .bind(phone)
    .fetch_optional(db)
    .await?)
}

/// The session a reply is about: the participant's next one (a session that began less than
/// two hours ago still counts: "kan ikke" sent while it runs is an excuse for it).
async fn session_in_question(
    db: &Db,
    participant_id: i64,
    now: DateTime<Utc>,
) -> AppResult<Option<i64>> {
    Ok(sqlx::query_scalar(
        "SELECT s.id FROM sessions s JOIN enrolments e ON e.course_id = s.course_id
         WHERE e.participant_id = ? AND e.status = 'enrolled' AND s.status = 'scheduled' AND s.starts_at > ?
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
) -> AppResult<ReplyAction> {
    let intent = classify(body);
    let participant = participant_by_phone(db, from).await?;
    let session = match participant {
        Some(p) => session_in_question(db, p, now).await?,
        None => None,
    };
    let mut tx = crate::db::write_tx(db).await?;
    let action = match (participant, intent) {
        (None, _) => ReplyAction::UnknownSender,
        (Some(p), ReplyIntent::Stop) => {
            sqlx::query("UPDATE participants SET sms_opted_out_at = ? WHERE id = ? AND sms_opted_out_at IS NULL")
                .bind(now)
                .bind(p)
                .execute(&mut *tx)
                .await?;
            ReplyAction::OptedOut
        }
        (Some(p), ReplyIntent::Yes | ReplyIntent::No) if session.is_some() => {
            let yes = intent == ReplyIntent::Yes;
            sqlx::query(
                "INSERT INTO session_confirmations (session_id, participant_id, answer, via, at) VALUES (?, ?, ?, 'sms', ?)
                 ON CONFLICT(session_id, participant_id) DO UPDATE SET answer = excluded.answer, via = 'sms', at = excluded.at",
            )
            .bind(session)
            .bind(p)
            .bind(if yes { "yes" } else { "no" })
            .bind(now)
            .execute(&mut *tx)
            .await?;
            if yes {
                ReplyAction::Confirmed
            } else {
                // A mark a leader already set is theirs; the reply only fills an empty one.
                sqlx::query(
                    "INSERT INTO attendance (session_id, participant_id, status, note, marked_by, marked_at, via)
                     VALUES (?, ?, 'excused', ?, NULL, ?, 'sms_reply')
                     ON CONFLICT(session_id, participant_id) DO NOTHING",
                )
                .bind(session)
                .bind(p)
                .bind(body.chars().take(200).collect::<String>())
                .bind(now)
                .execute(&mut *tx)
                .await?;
                ReplyAction::MarkedExcused
            }
        }
        _ => ReplyAction::ToInbox,
    };
    // Everything is kept; a confirmation needs nobody's attention, the rest does.
    let intent_code = match intent {
        ReplyIntent::Yes => "yes",
        ReplyIntent::No => "no",
        ReplyIntent::Stop => "stop",
        ReplyIntent::Other => "other",
    };
    sqlx::query(
        "INSERT INTO inbox (participant_id, session_id, from_number, body, intent, received_at, handled_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(participant)
    .bind(session)
    .bind(from)
    .bind(body)
    .bind(intent_code)
    .bind(now)
    .bind((action == ReplyAction::Confirmed).then_some(now))
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(action)
}
