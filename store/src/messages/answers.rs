//! A participant's answer to a coming session, whichever way it came: an SMS reply (JA / NEI),
//! the invitation link, or the buttons on their own page. One place writes the answer and the
//! excused mark a "can't" leaves, so the leader's roll call reads the same for all three.

use crate::error::{StoreError, StoreResult};
use crate::sql::{query, query_scalar, Db, Tx};
use chrono::{DateTime, Utc};
use domain::problem::{Code, Problem};

/// Where an answer came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AnswerVia {
    Sms,
    Link,
    Page,
}

impl AnswerVia {
    /// The confirmation's `via`.
    fn confirmation_via(self) -> &'static str {
        match self {
            AnswerVia::Sms => "sms",
            AnswerVia::Link => "link",
            AnswerVia::Page => "page",
        }
    }
    /// The excused mark's `via`: a reply by text, or the participant's own hand on a page.
    fn mark_via(self) -> &'static str {
        match self {
            AnswerVia::Sms => "sms_reply",
            AnswerVia::Link | AnswerVia::Page => "page",
        }
    }
}

/// The longest reason kept with a "can't" (an SMS body is cut to the same).
pub const REASON_CHARS: usize = 200;

/// Records the answer. "Can't" pre-marks an excused absence with the reason as its note, but
/// never over a mark a leader set; "coming" takes back an excuse the participant left earlier
/// (and only that: a leader's mark stays).
pub(crate) async fn record(
    tx: &mut Tx,
    session_id: i64,
    participant_id: i64,
    coming: bool,
    via: AnswerVia,
    reason: &str,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    query(
        "INSERT INTO session_confirmations (session_id, participant_id, answer, via, at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT(session_id, participant_id) DO UPDATE SET answer = excluded.answer, via = excluded.via, at = excluded.at",
    )
    .bind(session_id)
    .bind(participant_id)
    .bind(if coming { "yes" } else { "no" })
    .bind(via.confirmation_via())
    .bind(now)
    .execute(&mut *tx)
    .await?;
    if coming {
        query(
            "DELETE FROM attendance WHERE session_id = $1 AND participant_id = $2
               AND marked_by IS NULL AND via <> 'staff' AND status = 'excused'",
        )
        .bind(session_id)
        .bind(participant_id)
        .execute(&mut *tx)
        .await?;
    } else {
        query(
            "INSERT INTO attendance (session_id, participant_id, status, note, marked_by, marked_at, via)
             VALUES ($1, $2, 'excused', $3, NULL, $4, $5)
             ON CONFLICT(session_id, participant_id) DO UPDATE SET note = excluded.note, marked_at = excluded.marked_at
             WHERE attendance.marked_by IS NULL AND attendance.via <> 'staff'",
        )
        .bind(session_id)
        .bind(participant_id)
        .bind(reason.chars().take(REASON_CHARS).collect::<String>())
        .bind(now)
        .bind(via.mark_via())
        .execute(&mut *tx)
        .await?;
    }
    Ok(())
}

/// A signed-in participant answers from their own page (`/me`) for one of their sessions.
pub async fn answer_from_own_page(
    db: &Db,
    participant_id: i64,
    session_id: i64,
    coming: bool,
    reason: &str,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let reason = reason.trim();
    if reason.chars().count() > REASON_CHARS {
        return Err(StoreError::invalid(
            "reason",
            Problem::at_most_characters(200),
        ));
    }
    // Only a coming, scheduled session of a course they are enrolled in.
    let starts_at: Option<DateTime<Utc>> = query_scalar(
        "SELECT s.starts_at FROM sessions s JOIN enrolments e ON e.course_id = s.course_id
         WHERE s.id = $1 AND e.participant_id = $2 AND e.status = 'enrolled' AND s.status = 'scheduled'",
    )
    .bind(session_id)
    .bind(participant_id)
    .fetch_optional(db)
    .await?;
    let starts_at = starts_at.ok_or_else(|| StoreError::not_found("session"))?;
    if starts_at <= now {
        return Err(StoreError::Conflict(Code::SessionBegun.into()));
    }
    let mut tx = db.begin_write().await?;
    record(
        &mut tx,
        session_id,
        participant_id,
        coming,
        AnswerVia::Page,
        reason,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
