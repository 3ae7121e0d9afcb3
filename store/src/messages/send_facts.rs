//! What the dispatcher reads about a participant's (or their guardian's) message just before
//! it goes: enrolment, session, mark, contact details, age, the consent in force, and for a
//! consent request whether it is still open.

use crate::error::StoreResult;
use crate::sql::{query_as, Db};
use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use domain::consent::is_minor_at;
use domain::messages::{Channel, MessageKind};
use domain::reminders::SendFacts;

#[derive(sqlx::FromRow)]
struct Row {
    enrolment_status: Option<String>,
    session_status: Option<String>,
    session_starts_at: Option<DateTime<Utc>>,
    mark: Option<String>,
    declined: bool,
    phone: Option<String>,
    email: Option<String>,
    #[sqlx(try_from = "domain::sql_text::DateText")]
    birth_date: Option<String>,
    opted_out: bool,
    consent_sms: bool,
    consent_email: bool,
    guardian_phone: Option<String>,
    guardian_email: Option<String>,
    guardian_opted_out: bool,
    guardian_reminders: bool,
    request_open: bool,
    time_zone: Option<String>,
}

/// The facts, with where to send it (the participant's or the guardian's number or address)
/// and the session start the text will tell.
pub struct Loaded {
    pub facts: SendFacts,
    pub tz: Tz,
    pub session_starts_at: Option<DateTime<Utc>>,
    pub to: String,
}

/// Reads the facts for one claimed message; `None` when the participant is gone.
#[allow(clippy::too_many_arguments)]
pub async fn load(
    pool: &Db,
    kind: Option<MessageKind>,
    channel: Option<Channel>,
    participant_id: i64,
    course_id: i64,
    session_id: Option<i64>,
    request_id: Option<i64>,
    now: DateTime<Utc>,
) -> StoreResult<Option<Loaded>> {
    let row: Option<Row> = query_as(
        "SELECT e.status AS enrolment_status, s.status AS session_status, s.starts_at AS session_starts_at,
                (SELECT a.status FROM attendance a WHERE a.session_id = $3 AND a.participant_id = $1) AS mark,
                EXISTS (SELECT 1 FROM session_confirmations k WHERE k.session_id = $3 AND k.participant_id = $1
                        AND k.answer = 'no') AS declined,
                p.phone, p.email, p.birth_date, p.sms_opted_out_at IS NOT NULL AS opted_out,
                COALESCE(k.sms, FALSE) AS consent_sms, COALESCE(k.email, FALSE) AS consent_email,
                p.guardian_phone, p.guardian_email,
                p.guardian_sms_opted_out_at IS NOT NULL AS guardian_opted_out,
                c.guardian_reminders,
                EXISTS (SELECT 1 FROM consent_requests r WHERE r.id = $4 AND r.participant_id = $1
                        AND r.answered_at IS NULL AND r.expires_at > $5) AS request_open,
                c.time_zone
         FROM participants p
         JOIN courses c ON c.id = $2
         LEFT JOIN enrolments e ON e.course_id = $2 AND e.participant_id = $1
         LEFT JOIN sessions s ON s.id = $3
         LEFT JOIN current_consents k ON k.participant_id = p.id
              AND k.decision = 'given' AND k.withdrawn_at IS NULL
         WHERE p.id = $1",
    )
    .bind(participant_id)
    .bind(course_id)
    .bind(session_id)
    .bind(request_id)
    .bind(now)
    .fetch_optional(pool)
    .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    let tz: Tz = row
        .time_zone
        .as_deref()
        .and_then(|t| t.parse().ok())
        .unwrap_or(chrono_tz::Europe::Oslo);
    let birth = row
        .birth_date
        .as_deref()
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
    let present = |v: &Option<String>| v.as_deref().is_some_and(|s| !s.is_empty());
    let facts = SendFacts {
        kind,
        channel,
        enrolment_status: row.enrolment_status.clone(),
        session_cancelled: row.session_status.as_deref() == Some("cancelled"),
        mark: row.mark.clone(),
        declined: row.declined || row.mark.as_deref() == Some("excused"),
        has_phone: present(&row.phone),
        has_email: present(&row.email),
        sms_opted_out: row.opted_out,
        minor: is_minor_at(birth, now, tz),
        consent: domain::consent::ConsentChannels {
            sms: row.consent_sms,
            email: row.consent_email,
        },
        guardian_has_phone: present(&row.guardian_phone),
        guardian_has_email: present(&row.guardian_email),
        guardian_sms_opted_out: row.guardian_opted_out,
        guardian_reminders: row.guardian_reminders,
        request_open: row.request_open,
    };
    let to_guardian = kind.is_some_and(MessageKind::to_guardian);
    let to = match (channel, to_guardian) {
        (Some(Channel::Sms), false) => row.phone,
        (Some(Channel::Email), false) => row.email,
        (Some(Channel::Sms), true) => row.guardian_phone,
        (Some(Channel::Email), true) => row.guardian_email,
        (None, _) => None,
    }
    .unwrap_or_default();
    Ok(Some(Loaded {
        facts,
        tz,
        session_starts_at: row.session_starts_at,
        to,
    }))
}
