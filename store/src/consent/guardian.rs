//! The guardian's side of consent: what the page behind a link shows (looking uses nothing,
//! so link previews do no harm) and the answer, recorded once as a `digital` consent or a
//! refusal under the text version shown.

use super::{checked_name, current_text, insert, pupil, text_of_version, NewConsent, DEFAULT_ZONE};
use crate::auth::secret_hash;
use crate::error::{StoreError, StoreResult};
use crate::sql::Db;
use crate::sql::{query, query_as};
use chrono::{DateTime, Utc};
use domain::consent::{ConsentAnswer, GuardianView};
use domain::consent::{ConsentChannels, ConsentDecision, ConsentMethod, RELATIONS};
use domain::people::Language;
use domain::problem::Code;

#[derive(sqlx::FromRow)]
struct LinkRow {
    request_id: i64,
    participant_id: i64,
    course_id: Option<i64>,
    usable: bool,
}

async fn link(db: &Db, token: &str, now: DateTime<Utc>) -> StoreResult<LinkRow> {
    query_as(
        "SELECT l.request_id, r.participant_id, r.course_id,
                (l.used_at IS NULL AND r.answered_at IS NULL AND l.expires_at > $1 AND r.expires_at > $1) AS usable
         FROM consent_links l JOIN consent_requests r ON r.id = l.request_id
         WHERE l.token_hash = $2",
    )
    .bind(now)
    .bind(secret_hash(token))
    .fetch_optional(db)
    .await?
    .ok_or_else(|| StoreError::NotFound("the link has been used or has expired".into()))
}

/// What the page behind a link shows, in `shown_in` (the language the page is in: the
/// guardian's own unless they chose another on the page), else the guardian's language.
pub async fn view(
    db: &Db,
    token: &str,
    shown_in: Option<Language>,
    now: DateTime<Utc>,
) -> StoreResult<GuardianView> {
    let l = link(db, token, now).await?;
    let p = pupil(db, l.participant_id).await?;
    let language = shown_in.unwrap_or_else(|| p.guardian_language());
    let still_minor = p.minor(now);
    // A used or expired link (an old text, a forwarded one) says only that, in the language
    // the guardian reads: nothing about the pupil.
    if !l.usable || !still_minor {
        return Ok(GuardianView {
            language: language.code().into(),
            pupil_first_name: if still_minor {
                String::new()
            } else {
                p.first_name
            },
            course: String::new(),
            dates: String::new(),
            leader: String::new(),
            consent_text: String::new(),
            text_version: 0,
            usable: l.usable,
            still_minor,
            guardian_name: String::new(),
        });
    }
    let (version, text, _) = current_text(db, language).await?;
    #[derive(sqlx::FromRow)]
    struct Course {
        public_name: String,
        time_zone: String,
        first: Option<DateTime<Utc>>,
        last: Option<DateTime<Utc>>,
        leader: Option<String>,
    }
    let course: Option<Course> = query_as(
        "SELECT c.public_name, c.time_zone,
                (SELECT MIN(starts_at) FROM sessions s WHERE s.course_id = c.id AND s.status = 'scheduled') AS first,
                (SELECT MAX(starts_at) FROM sessions s WHERE s.course_id = c.id AND s.status = 'scheduled') AS last,
                (SELECT u.name FROM course_leaders cl JOIN users u ON u.id = cl.user_id
                 WHERE cl.course_id = c.id ORDER BY u.name LIMIT 1) AS leader
         FROM courses c WHERE c.id = $1",
    )
    .bind(l.course_id)
    .fetch_optional(db)
    .await?;
    let dates = course
        .as_ref()
        .and_then(|c| {
            let tz: chrono_tz::Tz = c.time_zone.parse().unwrap_or(DEFAULT_ZONE);
            let day = |t: DateTime<Utc>| {
                domain::message_templates::date_text(t.with_timezone(&tz).date_naive(), language)
            };
            Some(format!("{} – {}", day(c.first?), day(c.last?)))
        })
        .unwrap_or_default();
    Ok(GuardianView {
        language: language.code().into(),
        pupil_first_name: p.first_name.clone(),
        course: course
            .as_ref()
            .map(|c| c.public_name.clone())
            .unwrap_or_default(),
        dates,
        leader: course.and_then(|c| c.leader).unwrap_or_default(),
        consent_text: text,
        text_version: version,
        usable: true,
        still_minor,
        guardian_name: p.guardian_name.unwrap_or_default(),
    })
}

/// The guardian's answer: recorded as a `digital` consent (or refusal) under the text
/// version shown, once; every link of the request stops working.
pub async fn answer(
    db: &Db,
    token: &str,
    a: ConsentAnswer,
    now: DateTime<Utc>,
) -> StoreResult<String> {
    let given = match ConsentDecision::parse(&a.decision) {
        Some(d) => d == ConsentDecision::Given,
        None => return Err(StoreError::invalid("decision", Code::DecisionChoice)),
    };
    let channels = ConsentChannels {
        sms: a.sms.as_deref().is_some_and(|v| !v.is_empty()),
        email: a.email.as_deref().is_some_and(|v| !v.is_empty()),
    };
    let name = checked_name("given_by", &a.given_by, Code::FullNameMissing)?;
    if given && channels.is_empty() {
        return Err(StoreError::invalid("channels", Code::ChooseChannel));
    }
    let relation = match a.relation.trim() {
        "" => "guardian",
        r if RELATIONS.contains(&r) => r,
        _ => return Err(StoreError::invalid("relation", Code::RelationChoice)),
    };
    let l = link(db, token, now).await?;
    if !l.usable {
        return Err(StoreError::NotFound(
            "the link has been used or has expired".into(),
        ));
    }
    let p = pupil(db, l.participant_id).await?;
    if !p.minor(now) {
        return Err(StoreError::Conflict(Code::PupilIsAdult.into()));
    }
    // The words the page showed (a coordinator may have saved a new version since).
    // …in the language the page showed them in.
    let shown_in = a
        .language
        .as_deref()
        .and_then(Language::parse)
        .unwrap_or_else(|| p.guardian_language());
    let (version, text, language) = text_of_version(db, a.text_version, shown_in).await?;
    let mut tx = db.begin_write().await?;
    // Used once: the first answer wins, a second (or a replay) finds the link used.
    let used = query(
        "UPDATE consent_links SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL
             AND expires_at > $1",
    )
    .bind(now)
    .bind(secret_hash(token))
    .execute(&mut tx)
    .await?;
    let answered =
        query("UPDATE consent_requests SET answered_at = $1 WHERE id = $2 AND answered_at IS NULL")
            .bind(now)
            .bind(l.request_id)
            .execute(&mut tx)
            .await?;
    if used == 0 || answered == 0 {
        return Err(StoreError::NotFound(
            "the link has been used or has expired".into(),
        ));
    }
    insert(
        &mut tx,
        NewConsent {
            participant_id: l.participant_id,
            decision: if given {
                ConsentDecision::Given
            } else {
                ConsentDecision::Refused
            },
            given_by: &name,
            relation,
            method: ConsentMethod::Digital,
            version,
            text: &text,
            language,
            channels: if given {
                channels
            } else {
                ConsentChannels::NONE
            },
            recorded_by: None,
            request_id: Some(l.request_id),
            given_at: now,
        },
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(if given { "given" } else { "refused" }.into())
}
