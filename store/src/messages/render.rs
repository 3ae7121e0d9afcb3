//! Rendering a message: the template for its kind and the recipient's language (an edited
//! one, else the shipped default), filled with the participant's, course's and session's data.

use crate::error::{StoreError, StoreResult};
use crate::sql::{query, query_as, query_scalar};
use crate::sql::{Db, Exec};
use chrono::{DateTime, Datelike, Utc};
use chrono_tz::Tz;
use domain::message_templates::{
    date_text, default_template, render, weekday_name, Template, TemplateVars,
};
use domain::messages::MessageKind;
use domain::people::Language;

/// The template in use for a kind and language.
pub async fn template_for<'e>(
    exec: impl Into<Exec<'e>>,
    kind: MessageKind,
    language: Language,
) -> StoreResult<Template> {
    let edited: Option<(String, String)> =
        query_as("SELECT subject, body FROM message_templates WHERE kind = $1 AND language = $2")
            .bind(kind.code())
            .bind(language.code())
            .fetch_optional(exec)
            .await?;
    Ok(match edited {
        Some((subject, body)) => Template { subject, body },
        None => default_template(kind, language),
    })
}

#[derive(sqlx::FromRow)]
struct Facts {
    first_name: String,
    language: String,
    public_name: String,
    course_location: String,
    time_zone: String,
    leader: Option<String>,
}

#[derive(sqlx::FromRow)]
struct SessionFacts {
    starts_at: DateTime<Utc>,
    location: Option<String>,
}

/// The values of a participant's message about a course (and one of its sessions), written
/// in `language` (else the participant's); the confirm link is made (once per session and
/// participant) only when `with_link`.
#[allow(clippy::too_many_arguments)]
pub async fn vars_for(
    db: &Db,
    language: Option<Language>,
    participant_id: i64,
    course_id: i64,
    session_id: Option<i64>,
    public_url: &str,
    with_link: bool,
    now: DateTime<Utc>,
) -> StoreResult<(TemplateVars, Language)> {
    let facts: Facts = query_as(
        "SELECT p.first_name, p.language, c.public_name, c.location AS course_location, c.time_zone,
                (SELECT u.name FROM course_leaders l JOIN users u ON u.id = l.user_id
                 WHERE l.course_id = c.id ORDER BY u.name LIMIT 1) AS leader
         FROM participants p, courses c WHERE p.id = $1 AND c.id = $2",
    )
    .bind(participant_id)
    .bind(course_id)
    .fetch_optional(db)
    .await?
    .ok_or_else(|| StoreError::not_found("participant"))?;
    let language =
        language.unwrap_or_else(|| Language::parse(&facts.language).unwrap_or(Language::Nb));
    let tz: Tz = facts.time_zone.parse().unwrap_or(chrono_tz::Europe::Oslo);
    // The next session when the message is not about one (a welcome names the first).
    let session: Option<SessionFacts> = match session_id {
        Some(id) => {
            query_as("SELECT starts_at, location FROM sessions WHERE id = $1")
                .bind(id)
                .fetch_optional(db)
                .await?
        }
        None => query_as(
            "SELECT starts_at, location FROM sessions WHERE course_id = $1 AND status = 'scheduled'
                 AND starts_at > $2 ORDER BY starts_at LIMIT 1",
        )
        .bind(course_id)
        .bind(now)
        .fetch_optional(db)
        .await?,
    };
    let mut vars = TemplateVars {
        first_name: facts.first_name,
        course: facts.public_name,
        place: facts.course_location,
        leader: facts.leader.unwrap_or_default(),
        ..Default::default()
    };
    if let Some(s) = session {
        let local = s.starts_at.with_timezone(&tz);
        vars.date = date_text(local.date_naive(), language);
        vars.weekday = weekday_name(local.weekday(), language).to_string();
        vars.time = local.format("%H:%M").to_string();
        if let Some(place) = s.location.filter(|l| !l.trim().is_empty()) {
            vars.place = place;
        }
    }
    if let (Some(session_id), true) = (session_id, with_link) {
        vars.confirm_link = format!(
            "{}/confirm/{}",
            public_url.trim_end_matches('/'),
            confirm_token(db, session_id, participant_id, now).await?
        );
    }
    Ok((vars, language))
}

/// The unguessable token of a session's confirm link for one participant.
pub async fn confirm_token(
    db: &Db,
    session_id: i64,
    participant_id: i64,
    now: DateTime<Utc>,
) -> StoreResult<String> {
    // 96 random bits: unguessable, and short enough to keep an SMS in few segments.
    let mut bytes = [0u8; 12];
    rand::RngCore::fill_bytes(&mut rand::thread_rng(), &mut bytes);
    let token = hex::encode(bytes);
    query(
        "INSERT INTO confirm_links (token, session_id, participant_id, created_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT DO NOTHING",
    )
    .bind(&token)
    .bind(session_id)
    .bind(participant_id)
    .bind(now)
    .execute(db)
    .await?;
    Ok(query_scalar(
        "SELECT token FROM confirm_links WHERE session_id = $1 AND participant_id = $2",
    )
    .bind(session_id)
    .bind(participant_id)
    .fetch_one(db)
    .await?)
}

/// A participant's message, rendered: (subject, body).
pub async fn render_for_participant(
    db: &Db,
    kind: MessageKind,
    participant_id: i64,
    course_id: i64,
    session_id: Option<i64>,
    public_url: &str,
    now: DateTime<Utc>,
) -> StoreResult<(String, String)> {
    let language: String = query_scalar("SELECT language FROM participants WHERE id = $1")
        .bind(participant_id)
        .fetch_optional(db)
        .await?
        .ok_or_else(|| StoreError::not_found("participant"))?;
    let template =
        template_for(db, kind, Language::parse(&language).unwrap_or(Language::Nb)).await?;
    let with_link =
        template.body.contains("{confirm_link") || template.subject.contains("{confirm_link");
    let (mut vars, language) = vars_for(
        db,
        None,
        participant_id,
        course_id,
        session_id,
        public_url,
        with_link,
        now,
    )
    .await?;
    // A sign-in link's {confirm_link} opens the participant's own page; its token is made
    // now, as the message goes, and only its hash is kept.
    if kind == MessageKind::MagicLink && with_link {
        let token = crate::participant_access::issue_link_token(db, participant_id, now).await?;
        vars.confirm_link = format!("{}/p/{token}", public_url.trim_end_matches('/'));
    }
    fill(&template, &vars, kind, language)
}

/// The template's subject and body with the variables filled in. A shipped or saved text
/// always renders (saving checks it), so a failure here is ours, for the operator's log.
fn fill(
    template: &Template,
    vars: &TemplateVars,
    kind: MessageKind,
    language: Language,
) -> StoreResult<(String, String)> {
    let one = |text: &str| {
        render(text, vars).map_err(|e| {
            StoreError::internal(format!(
                "the {} template in {} cannot render: {e}",
                kind.code(),
                language.code()
            ))
        })
    };
    Ok((one(&template.subject)?, one(&template.body)?))
}

/// A message to a pupil's guardian, rendered: (subject, body). It is in the guardian's
/// language (else the pupil's), names the pupil by first name and the guardian by name, and
/// never carries the pupil's links; a consent request carries the link to its consent page,
/// whose token is made now and kept only as a hash.
#[allow(clippy::too_many_arguments)]
pub async fn render_for_guardian(
    db: &Db,
    kind: MessageKind,
    participant_id: i64,
    course_id: i64,
    session_id: Option<i64>,
    request_id: Option<i64>,
    public_url: &str,
    now: DateTime<Utc>,
) -> StoreResult<(String, String)> {
    let (guardian_name, language): (Option<String>, String) = query_as(
        "SELECT guardian_name, COALESCE(guardian_language, language) FROM participants WHERE id = $1",
    )
    .bind(participant_id)
    .fetch_optional(db)
    .await?
    .ok_or_else(|| StoreError::not_found("participant"))?;
    let language = Language::parse(&language).unwrap_or(Language::Nb);
    let template = template_for(db, kind, language).await?;
    let (mut vars, _) = vars_for(
        db,
        Some(language),
        participant_id,
        course_id,
        session_id,
        public_url,
        false,
        now,
    )
    .await?;
    vars.guardian_name = guardian_name.unwrap_or_default();
    vars.confirm_link = String::new();
    if let (MessageKind::ConsentRequest, Some(request_id)) = (kind, request_id) {
        let token = crate::consent::issue_link_token(db, request_id, now).await?;
        vars.confirm_link = format!("{}/consent/{token}", public_url.trim_end_matches('/'));
    }
    fill(&template, &vars, kind, language)
}

/// A staff invitation or password reset e-mail, rendered: (subject, body). Staff texts are
/// in bokmål; the link's token is made now and kept only as a hash.
pub async fn render_staff_link(
    db: &Db,
    purpose: domain::staff_accounts::LinkPurpose,
    user_id: i64,
    name: &str,
    public_url: &str,
    now: DateTime<Utc>,
) -> StoreResult<(String, String)> {
    let kind = purpose.message_kind();
    let template = template_for(db, kind, Language::Nb).await?;
    let token = crate::staff::links::issue_token(db, user_id, purpose, now).await?;
    let vars = TemplateVars {
        first_name: name.to_string(),
        confirm_link: format!("{}/set-password/{token}", public_url.trim_end_matches('/')),
        ..Default::default()
    };
    fill(&template, &vars, kind, Language::Nb)
}

/// The alert e-mail to staff for two absences in a row (in bokmål, the staff's language):
/// the participant by first name and initial only (e-mail travels further than the app), the
/// course and session, and where to record what was done.
pub async fn render_leader_alert(
    db: &Db,
    participant_id: i64,
    session_id: i64,
    public_url: &str,
) -> StoreResult<(String, String)> {
    #[derive(sqlx::FromRow)]
    struct Facts {
        first_name: String,
        last_name: String,
        title: String,
        number: i64,
        starts_at: DateTime<Utc>,
        time_zone: String,
    }
    let f: Facts = query_as(
        "SELECT p.first_name, p.last_name, c.title, s.number, s.starts_at, c.time_zone
         FROM participants p, sessions s JOIN courses c ON c.id = s.course_id
         WHERE p.id = $1 AND s.id = $2",
    )
    .bind(participant_id)
    .bind(session_id)
    .fetch_optional(db)
    .await?
    .ok_or_else(|| StoreError::not_found("participant"))?;
    let who = domain::people::short_name(&format!("{} {}", f.first_name, f.last_name));
    let url = public_url.trim_end_matches('/');
    let when = domain::schedule::local_date_time(f.starts_at, &f.time_zone);
    Ok((
        format!("To fravær på rad: {who} ({})", f.title),
        format!(
            "{who} har vært borte uten grunn fra to samlinger på rad i {}, sist samling {} ({when}).\n\n\
             Ta kontakt, og registrer hva som ble gjort under «Oppfølging» på oversikten: {url}/\n\n\
             Deltakerens side: {url}/participants/{participant_id}\n\n— Samling",
            f.title, f.number
        ),
    ))
}
