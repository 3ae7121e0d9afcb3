//! Message templates as admins edit them: the text in use for a kind and language, and the
//! preview (with save) for a real participant; saving and resetting are audited.

use crate::actor::Actor;
use crate::audit::Change;
use crate::error::{StoreError, StoreResult};
use crate::sql::Db;
use crate::sql::{query, query_as, query_scalar};
use domain::audit::AuditEntity;
use domain::message_templates::{check, default_template, render, Template};
use domain::messages::MessageKind;
use domain::messages::{TemplateEditor, TemplatePreview};
use domain::people::Language;
use domain::problem::Code;
use domain::sms_text::count;

pub fn parse(kind: &str, language: &str) -> StoreResult<(MessageKind, Language)> {
    let kind = MessageKind::parse(kind)
        .ok_or_else(|| StoreError::invalid("kind", Code::UnknownMessageKind))?;
    let language = Language::parse(language)
        .ok_or_else(|| StoreError::invalid("language", Code::TemplateLanguageChoice))?;
    Ok((kind, language))
}

pub async fn editor(
    db: &Db,
    staff: &Actor,
    kind: &str,
    language: &str,
) -> StoreResult<TemplateEditor> {
    staff.require_admin()?;
    let (k, l) = parse(kind, language)?;
    let edited: bool = query_scalar(
        "SELECT EXISTS (SELECT 1 FROM message_templates WHERE kind = $1 AND language = $2)",
    )
    .bind(k.code())
    .bind(l.code())
    .fetch_one(db)
    .await?;
    let t = super::render::template_for(db, k, l).await?;
    let participants: Vec<(i64, String)> = query_as(
        "SELECT DISTINCT p.id, p.first_name || ' ' || p.last_name FROM participants p
         JOIN enrolments e ON e.participant_id = p.id AND e.status = 'enrolled'
         ORDER BY p.first_name, p.last_name LIMIT 200",
    )
    .fetch_all(db)
    .await?;
    let shown: Vec<i64> = participants.iter().map(|(id, _)| *id).collect();
    crate::access_log::record_each(
        db,
        staff,
        &shown,
        crate::access_log::Access::Read,
        "template preview choices",
    )
    .await?;
    Ok(TemplateEditor {
        kind: k.code().into(),
        language: l.code().into(),
        subject: t.subject,
        body: t.body,
        edited,
        participants,
    })
}

/// Checks both texts (naming the field that cannot render), renders them for the
/// participant in their current course and next session, and saves when asked.
#[allow(clippy::too_many_arguments)]
pub async fn preview_and_save(
    db: &Db,
    staff: &Actor,
    kind: &str,
    language: &str,
    subject: &str,
    body: &str,
    participant_id: Option<i64>,
    save: bool,
    public_url: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> StoreResult<TemplatePreview> {
    staff.require_admin()?;
    let (k, l) = parse(kind, language)?;
    check(subject).map_err(|e| StoreError::invalid("subject", e))?;
    check(body).map_err(|e| StoreError::invalid("body", e))?;
    let participant_id = participant_id
        .ok_or_else(|| StoreError::invalid("participant_id", Code::ChooseParticipantToPreview))?;
    let place: Option<(i64, Option<i64>)> = query_as(
        "SELECT e.course_id, (SELECT s.id FROM sessions s WHERE s.course_id = e.course_id
             AND s.status = 'scheduled' AND s.starts_at > $1 ORDER BY s.starts_at LIMIT 1)
         FROM enrolments e WHERE e.participant_id = $2 AND e.status = 'enrolled' ORDER BY e.id DESC LIMIT 1",
    )
    .bind(now)
    .bind(participant_id)
    .fetch_optional(db)
    .await?;
    let (course_id, session_id) =
        place.ok_or_else(|| StoreError::invalid("participant_id", Code::ParticipantNotEnrolled))?;
    crate::access_log::record(
        db,
        staff,
        participant_id,
        crate::access_log::Access::Read,
        "message preview",
    )
    .await?;
    // Dates and weekdays in the language of the text being edited, whatever the
    // participant's own language is.
    let (mut vars, _) = super::render::vars_for(
        db,
        Some(l),
        participant_id,
        course_id,
        session_id,
        public_url,
        body.contains("{confirm_link") || subject.contains("{confirm_link"),
        now,
    )
    .await?;
    // A guardian's text names the guardian; the preview shows the participant's.
    if k.to_guardian() {
        vars.guardian_name =
            query_scalar::<Option<String>>("SELECT guardian_name FROM participants WHERE id = $1")
                .bind(participant_id)
                .fetch_one(db)
                .await?
                .unwrap_or_default();
    }
    let subject_text = render(subject, &vars).map_err(|e| StoreError::invalid("subject", e))?;
    let body_text = render(body, &vars).map_err(|e| StoreError::invalid("body", e))?;
    if save {
        let mut tx = db.begin_write().await?;
        let before = super::render::template_for(&mut tx, k, l).await?;
        query(
            "INSERT INTO message_templates (kind, language, subject, body, updated_by, updated_at) VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT(kind, language) DO UPDATE SET subject = excluded.subject, body = excluded.body,
                updated_by = excluded.updated_by, updated_at = excluded.updated_at",
        )
        .bind(k.code())
        .bind(l.code())
        .bind(subject)
        .bind(body)
        .bind(staff.id)
        .bind(now)
        .execute(&mut tx)
        .await?;
        let after = Template {
            subject: subject.to_string(),
            body: body.to_string(),
        };
        let change = Change::updated(AuditEntity::Template, audit_id(k, l), &before, &after);
        crate::audit::record(&mut tx, staff, change, now).await?;
        tx.commit().await?;
    }
    let c = count(&body_text);
    Ok(TemplatePreview {
        subject: subject_text,
        body: body_text,
        encoding: c.encoding.code().into(),
        segments: c.segments,
        units: c.units,
        saved: save,
    })
}

/// Back to the shipped text (the audit log keeps the edited one as "before").
pub async fn reset(
    db: &Db,
    staff: &Actor,
    kind: &str,
    language: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> StoreResult<()> {
    staff.require_admin()?;
    let (k, l) = parse(kind, language)?;
    let mut tx = db.begin_write().await?;
    let before = super::render::template_for(&mut tx, k, l).await?;
    let removed = query("DELETE FROM message_templates WHERE kind = $1 AND language = $2")
        .bind(k.code())
        .bind(l.code())
        .execute(&mut tx)
        .await?;
    if removed > 0 {
        let after = default_template(k, l);
        let change = Change::updated(AuditEntity::Template, audit_id(k, l), &before, &after);
        crate::audit::record(&mut tx, staff, change, now).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// A template's id in the audit log: its kind and language ("session_reminder/nb").
fn audit_id(kind: MessageKind, language: Language) -> String {
    format!("{}/{}", kind.code(), language.code())
}
