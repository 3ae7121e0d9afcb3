//! Sign-in links and participant sessions: queueing a link in the outbox, issuing its token
//! when the message is sent, redeeming it once for a session cookie, and the page's data.

use crate::auth::{new_secret, secret_hash};
use crate::error::{StoreError, StoreResult};
use crate::sql::Db;
use crate::sql::{query, query_as, query_scalar};
use chrono::{DateTime, Duration, Utc};
use domain::messages::{Channel, MessageKind};
use domain::my_page::{EnrolledSession, MyPage};
use domain::phone::PhoneNumber;
use domain::problem::Code;
use domain::schedule::local_date_time;

/// How long a link can be used after it was sent: long enough to open a text the next day.
pub const LINK_HOURS: i64 = 72;
pub const SESSION_DAYS: i64 = 30;
/// At most this many links to one participant per hour (asking again and again must not
/// flood their phone, nor let someone else do it).
pub const LINKS_PER_HOUR: i64 = 3;

/// Who asked for a link: a staff user on the participant's page, or the participant.
pub enum RequestedBy {
    Staff,
    Participant { channel: Channel },
}

/// Queues a sign-in link to the participant, sent by the worker within seconds.
pub async fn queue_link(
    db: &Db,
    participant_id: i64,
    by: RequestedBy,
    now: DateTime<Utc>,
) -> StoreResult<Channel> {
    #[derive(sqlx::FromRow)]
    struct Target {
        course_id: Option<i64>,
        phone: Option<String>,
        email: Option<String>,
        preferred_channel: String,
        recent: i64,
    }
    let target: Target = query_as(
        "SELECT (SELECT e.course_id FROM enrolments e JOIN courses c ON c.id = e.course_id
                 WHERE e.participant_id = p.id AND e.status = 'enrolled'
                 ORDER BY c.start_date DESC LIMIT 1) AS course_id,
                p.phone, p.email, p.preferred_channel,
                (SELECT COUNT(*) FROM outbox o WHERE o.participant_id = p.id AND o.kind = 'magic_link'
                 AND o.created_at > $1) AS recent
         FROM participants p WHERE p.id = $2",
    )
    .bind(now - Duration::hours(1))
    .bind(participant_id)
    .fetch_optional(db)
    .await?
    .ok_or_else(|| StoreError::not_found("participant"))?;
    let Some(course_id) = target.course_id else {
        return Err(StoreError::Conflict(Code::ParticipantNotEnrolled.into()));
    };
    if target.recent >= LINKS_PER_HOUR {
        return Err(StoreError::Conflict(Code::LinksSentRecently.into()));
    }
    let has_phone = target.phone.is_some_and(|p| !p.is_empty());
    let has_email = target.email.is_some_and(|e| !e.is_empty());
    let channel = match by {
        RequestedBy::Participant { channel } => channel,
        // One link is enough: by text when they have a phone and do not prefer e-mail.
        RequestedBy::Staff if has_phone && target.preferred_channel != "email" => Channel::Sms,
        RequestedBy::Staff if has_email => Channel::Email,
        RequestedBy::Staff => Channel::Sms,
    };
    if (channel == Channel::Sms && !has_phone) || (channel == Channel::Email && !has_email) {
        return Err(StoreError::Conflict(Code::NoContactDetails.into()));
    }
    // A pupil under 18 is reached only on channels their guardian consented to; saying so now
    // beats a link that the worker would hold back.
    if let Some((_, status, channels)) = crate::consent::statuses(db, &[participant_id], now)
        .await?
        .pop()
    {
        let covered = match channel {
            Channel::Sms => channels.sms,
            Channel::Email => channels.email,
        };
        if status != domain::consent::ConsentStatus::NotNeeded && !covered {
            return Err(StoreError::Conflict(Code::ChannelNotConsented.into()));
        }
    }
    let nonce = &new_secret()[..12];
    crate::outbox::enqueue(
        db,
        crate::outbox::Enqueue {
            dedupe_key: format!("{}:{participant_id}:{nonce}", MessageKind::MagicLink.code()),
            kind: MessageKind::MagicLink,
            channel,
            participant_id: Some(participant_id),
            user_id: None,
            course_id: Some(course_id),
            rule_key: "request",
            recipient: None,
            subject: None,
            body: None,
            due: now,
        },
        now,
    )
    .await?;
    Ok(channel)
}

/// A participant asks for a link with their mobile number or e-mail address. The answer is
/// the same whether or not someone matched, so the form cannot tell who takes part.
pub async fn request_link(db: &Db, contact: &str, now: DateTime<Utc>) -> StoreResult<()> {
    let contact = contact.trim();
    if contact.is_empty() {
        return Err(StoreError::invalid("contact", Code::ContactMissing));
    }
    let (column, value, channel) = if contact.contains('@') {
        ("email", contact.to_lowercase(), Channel::Email)
    } else {
        let phone = PhoneNumber::parse(contact)
            .map_err(|_| StoreError::invalid("contact", Code::ContactMissing))?;
        ("phone", phone.into_string(), Channel::Sms)
    };
    let sql = format!(
        "SELECT p.id FROM participants p
         WHERE lower(p.{column}) = $1 AND EXISTS (SELECT 1 FROM enrolments e
               WHERE e.participant_id = p.id AND e.status = 'enrolled')"
    );
    let found: Vec<i64> = query_scalar(&sql).bind(&value).fetch_all(db).await?;
    for participant_id in found {
        match queue_link(
            db,
            participant_id,
            RequestedBy::Participant { channel },
            now,
        )
        .await
        {
            Ok(_) | Err(StoreError::Conflict(_)) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

/// Makes the token of a link about to be sent; only its hash is kept.
pub async fn issue_link_token(
    db: &Db,
    participant_id: i64,
    now: DateTime<Utc>,
) -> StoreResult<String> {
    // 128 random bits, short enough for a text.
    let token = new_secret()[..32].to_string();
    query(
        "INSERT INTO participant_links (token_hash, participant_id, created_at, expires_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(secret_hash(&token))
    .bind(participant_id)
    .bind(now)
    .bind(now + Duration::hours(LINK_HOURS))
    .execute(db)
    .await?;
    Ok(token)
}

/// The first name of the participant a usable link belongs to (for the sign-in page).
pub async fn link_owner(db: &Db, token: &str, now: DateTime<Utc>) -> StoreResult<String> {
    query_scalar(
        "SELECT p.first_name FROM participant_links l JOIN participants p ON p.id = l.participant_id
         WHERE l.token_hash = $1 AND l.used_at IS NULL AND l.expires_at > $2",
    )
    .bind(secret_hash(token))
    .bind(now)
    .fetch_optional(db)
    .await?
    .ok_or_else(|| StoreError::NotFound("the link has been used or has expired".into()))
}

/// Uses a link (once) and starts a participant session; returns the cookie value.
pub async fn redeem_link(db: &Db, token: &str, now: DateTime<Utc>) -> StoreResult<String> {
    let mut tx = db.begin_write().await?;
    let participant_id: i64 = query_scalar(
        "UPDATE participant_links SET used_at = $1
         WHERE token_hash = $2 AND used_at IS NULL AND expires_at > $1 RETURNING participant_id",
    )
    .bind(now)
    .bind(secret_hash(token))
    .fetch_optional(&mut tx)
    .await?
    .ok_or_else(|| StoreError::NotFound("the link has been used or has expired".into()))?;
    let secret = new_secret();
    query(
        "INSERT INTO participant_sessions (token_hash, participant_id, created_at, expires_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(secret_hash(&secret))
    .bind(participant_id)
    .bind(now)
    .bind(now + Duration::days(SESSION_DAYS))
    .execute(&mut tx)
    .await?;
    tx.commit().await?;
    Ok(secret)
}

/// Signing out ends the session at once. The row stays (expired): its start is a sign of
/// contact the monthly report counts, and a past month's figures must not change.
pub async fn end_session(db: &Db, secret: &str) -> StoreResult<()> {
    query("UPDATE participant_sessions SET expires_at = created_at WHERE token_hash = $1")
        .bind(secret_hash(secret))
        .execute(db)
        .await?;
    Ok(())
}

pub async fn participant_by_session(
    db: &Db,
    secret: &str,
    now: DateTime<Utc>,
) -> StoreResult<Option<i64>> {
    Ok(query_scalar(
        "SELECT participant_id FROM participant_sessions WHERE token_hash = $1 AND expires_at > $2",
    )
    .bind(secret_hash(secret))
    .bind(now)
    .fetch_optional(db)
    .await?)
}

/// The sessions of every course the participant is enrolled in, in time order.
pub async fn enrolled_sessions(
    db: &Db,
    participant_id: i64,
    now: DateTime<Utc>,
) -> StoreResult<Vec<EnrolledSession>> {
    #[derive(sqlx::FromRow)]
    struct Row {
        id: i64,
        course: String,
        number: i64,
        title: String,
        reflection_task: String,
        starts_at: DateTime<Utc>,
        time_zone: String,
        place: String,
        cancelled: bool,
        answer: Option<String>,
    }
    let rows: Vec<Row> = query_as(
        "SELECT s.id, c.public_name AS course, s.number, s.title, s.reflection_task, s.starts_at,
                c.time_zone, COALESCE(NULLIF(s.location, ''), c.location) AS place,
                s.status = 'cancelled' AS cancelled,
                (SELECT k.answer FROM session_confirmations k
                 WHERE k.session_id = s.id AND k.participant_id = e.participant_id) AS answer
         FROM enrolments e JOIN courses c ON c.id = e.course_id JOIN sessions s ON s.course_id = c.id
         WHERE e.participant_id = $1 AND e.status = 'enrolled'
         ORDER BY s.starts_at",
    )
    .bind(participant_id)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let tz: chrono_tz::Tz = r.time_zone.parse().unwrap_or(chrono_tz::Europe::Oslo);
            let local = r.starts_at.with_timezone(&tz);
            EnrolledSession {
                id: r.id,
                course: r.course,
                number: r.number,
                title: r.title,
                reflection_task: r.reflection_task,
                when: local_date_time(r.starts_at, &r.time_zone),
                day: local.date_naive(),
                time: local.format("%H:%M").to_string(),
                answer: r.answer,
                place: r.place,
                cancelled: r.cancelled,
                past: r.starts_at <= now,
            }
        })
        .collect())
}

/// The participant's own page: their sessions, current buddies and logbook.
pub async fn my_page(db: &Db, participant_id: i64, now: DateTime<Utc>) -> StoreResult<MyPage> {
    let first_name: String = query_scalar("SELECT first_name FROM participants WHERE id = $1")
        .bind(participant_id)
        .fetch_optional(db)
        .await?
        .ok_or_else(|| StoreError::not_found("participant"))?;
    // The other members of the participant's group in each course's newest pairing.
    let buddies: Vec<String> = query_scalar(
        "SELECT p.first_name FROM enrolments e
         JOIN buddy_pairings bp ON bp.id = (SELECT MAX(id) FROM buddy_pairings WHERE course_id = e.course_id)
         JOIN buddy_groups mine ON mine.pairing_id = bp.id AND mine.participant_id = e.participant_id
         JOIN buddy_groups other ON other.pairing_id = bp.id AND other.group_no = mine.group_no
              AND other.participant_id <> e.participant_id
         JOIN enrolments oe ON oe.course_id = e.course_id AND oe.participant_id = other.participant_id
              AND oe.status = 'enrolled'
         JOIN participants p ON p.id = other.participant_id
         WHERE e.participant_id = $1 AND e.status = 'enrolled'
         ORDER BY p.first_name",
    )
    .bind(participant_id)
    .fetch_all(db)
    .await?;
    Ok(MyPage {
        first_name,
        sessions: enrolled_sessions(db, participant_id, now).await?,
        buddies,
        logbook: crate::logbook::entries_of(db, participant_id).await?,
    })
}
