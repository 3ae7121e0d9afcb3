//! Asking a guardian for consent: the request, its messages (by SMS and/or e-mail) queued in
//! the outbox, and the single-use link token each message gets as it goes (only its hash kept).

use super::{guardian_channels, pupil, LINK_DAYS};
use crate::access_log::{record, Access};
use crate::actor::Actor;
use crate::auth::{new_secret, secret_hash};
use crate::error::{StoreError, StoreResult};
use crate::scope::visible_participant;
use crate::sql::Db;
use crate::sql::{query, query_scalar};
use chrono::{DateTime, Duration, Utc};
use domain::consent::ConsentRequestInfo;
use domain::messages::MessageKind;
use domain::problem::Code;

/// "Ask the guardian": queues the consent request by SMS and/or e-mail (whatever contact we
/// have), each with a link of its own made when it goes.
pub async fn request_consent(
    db: &Db,
    staff: &Actor,
    participant_id: i64,
    now: DateTime<Utc>,
) -> StoreResult<ConsentRequestInfo> {
    visible_participant(db, staff, participant_id).await?;
    let p = pupil(db, participant_id).await?;
    if !p.minor(now) {
        return Err(StoreError::Conflict(Code::AdultNeedsNoConsent.into()));
    }
    let channels: Vec<_> = guardian_channels(&p).collect();
    if channels.is_empty() {
        return Err(StoreError::Conflict(Code::GuardianUnreachable.into()));
    }
    // The guardian is told which course: the pupil's latest place (enrolled or waiting).
    let course_id: Option<i64> = query_scalar(
        "SELECT e.course_id FROM enrolments e JOIN courses c ON c.id = e.course_id
         WHERE e.participant_id = $1 AND e.status IN ('enrolled', 'waitlisted')
         ORDER BY c.start_date DESC LIMIT 1",
    )
    .bind(participant_id)
    .fetch_optional(db)
    .await?;
    let Some(course_id) = course_id else {
        return Err(StoreError::Conflict(Code::EnrolPupilFirst.into()));
    };
    // Checked inside the write transaction, so two quick presses make one request.
    let mut tx = db.begin_write().await?;
    let recent: i64 = query_scalar(
        "SELECT COUNT(*) FROM consent_requests WHERE participant_id = $1 AND requested_at > $2",
    )
    .bind(participant_id)
    .bind(now - Duration::hours(1))
    .fetch_one(&mut tx)
    .await?;
    if recent > 0 {
        return Err(StoreError::Conflict(Code::GuardianAskedRecently.into()));
    }
    let expires = now + Duration::days(LINK_DAYS);
    let request_id: i64 = query_scalar(
        "INSERT INTO consent_requests (participant_id, course_id, requested_by, requested_at, expires_at)
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(participant_id)
    .bind(course_id)
    .bind(staff.id)
    .bind(now)
    .bind(expires)
    .fetch_one(&mut tx)
    .await?;
    for channel in &channels {
        crate::outbox::enqueue(
            &mut tx,
            crate::outbox::Enqueue {
                dedupe_key: format!(
                    "{}:r{request_id}:p{participant_id}:request:{}",
                    MessageKind::ConsentRequest.code(),
                    channel.code()
                ),
                kind: MessageKind::ConsentRequest,
                channel: *channel,
                participant_id: Some(participant_id),
                user_id: None,
                course_id: Some(course_id),
                rule_key: &format!("request-{request_id}"),
                recipient: None,
                subject: None,
                body: None,
                due: now,
            },
            now,
        )
        .await?;
    }
    tx.commit().await?;
    record(
        db,
        staff,
        participant_id,
        Access::Change,
        "guardian asked for consent",
    )
    .await?;
    Ok(ConsentRequestInfo {
        id: request_id,
        requested_at: now.to_rfc3339(),
        expires_at: expires.to_rfc3339(),
        answered_at: None,
        channels: channels.iter().map(|c| c.code().to_string()).collect(),
    })
}

/// Makes the token of a consent link about to be sent; only its hash is kept.
pub async fn issue_link_token(db: &Db, request_id: i64, now: DateTime<Utc>) -> StoreResult<String> {
    // 128 random bits, short enough for a text.
    let token = new_secret()[..32].to_string();
    query(
        "INSERT INTO consent_links (token_hash, request_id, created_at, expires_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(secret_hash(&token))
    .bind(request_id)
    .bind(now)
    .bind(now + Duration::days(LINK_DAYS))
    .execute(db)
    .await?;
    Ok(token)
}
