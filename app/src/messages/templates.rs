//! The template editor (admins): the text for each message kind and language, previewed for a
//! real participant with its SMS encoding and segment count; a text that cannot render cannot
//! be saved, and "reset" goes back to the shipped default.

use crate::app::{loaded, ActionOutcome};
use crate::error::AppError;
use crate::i18n::use_texts;
use domain::message_templates::VARIABLES;
use domain::messages::MessageKind;
use domain::people::Language;
use domain::sms_text::count;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateEditor {
    pub kind: String,
    pub language: String,
    pub subject: String,
    pub body: String,
    /// An edited text is in use (not the shipped default).
    pub edited: bool,
    /// Participants to preview for: (id, name).
    pub participants: Vec<(i64, String)>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplatePreview {
    pub subject: String,
    pub body: String,
    pub encoding: String,
    pub segments: usize,
    pub units: usize,
    pub saved: bool,
}

#[cfg(feature = "ssr")]
mod server {
    use super::*;
    use crate::auth::Staff;
    use crate::db::Db;
    use crate::error::AppResult;
    use domain::message_templates::{check, render};

    pub fn parse(kind: &str, language: &str) -> AppResult<(MessageKind, Language)> {
        let kind = MessageKind::parse(kind)
            .ok_or_else(|| AppError::invalid("kind", "unknown message kind"))?;
        let language = Language::parse(language)
            .ok_or_else(|| AppError::invalid("language", "use nb, nn, en, ar, so or tr"))?;
        Ok((kind, language))
    }

    pub fn require_admin(staff: &Staff) -> AppResult<()> {
        if staff.is_admin() {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }

    pub async fn editor(
        db: &Db,
        staff: &Staff,
        kind: &str,
        language: &str,
    ) -> AppResult<TemplateEditor> {
        require_admin(staff)?;
        let (k, l) = parse(kind, language)?;
        let edited: bool = sqlx::query_scalar(
            "SELECT EXISTS (SELECT 1 FROM message_templates WHERE kind = ? AND language = ?)",
        )
        .bind(k.code())
        .bind(l.code())
        .fetch_one(db)
        .await?;
        let t = super::super::render::template_for(db, k, l).await?;
        let participants = sqlx::query_as(
            "SELECT DISTINCT p.id, p.first_name || ' ' || p.last_name FROM participants p
             JOIN enrolments e ON e.participant_id = p.id AND e.status = 'enrolled'
             ORDER BY p.first_name, p.last_name LIMIT 200",
        )
        .fetch_all(db)
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
        staff: &Staff,
        kind: &str,
        language: &str,
        subject: &str,
        body: &str,
        participant_id: Option<i64>,
        save: bool,
        public_url: &str,
        now: chrono::DateTime<chrono::Utc>,
    ) -> AppResult<TemplatePreview> {
        require_admin(staff)?;
        let (k, l) = parse(kind, language)?;
        check(subject).map_err(|e| AppError::invalid("subject", e.to_string()))?;
        check(body).map_err(|e| AppError::invalid("body", e.to_string()))?;
        let participant_id = participant_id.ok_or_else(|| {
            AppError::invalid("participant_id", "choose a participant to preview for")
        })?;
        let place: Option<(i64, Option<i64>)> = sqlx::query_as(
            "SELECT e.course_id, (SELECT s.id FROM sessions s WHERE s.course_id = e.course_id
                 AND s.status = 'scheduled' AND s.starts_at > ? ORDER BY s.starts_at LIMIT 1)
             FROM enrolments e WHERE e.participant_id = ? AND e.status = 'enrolled' ORDER BY e.id DESC LIMIT 1",
        )
        .bind(now)
        .bind(participant_id)
        .fetch_optional(db)
        .await?;
        let (course_id, session_id) = place.ok_or_else(|| {
            AppError::invalid(
                "participant_id",
                "the participant is not enrolled in a course",
            )
        })?;
        // Dates and weekdays in the language of the text being edited, whatever the
        // participant's own language is.
        let (mut vars, _) = super::super::render::vars_for(
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
            vars.guardian_name = sqlx::query_scalar::<_, Option<String>>(
                "SELECT guardian_name FROM participants WHERE id = ?",
            )
            .bind(participant_id)
            .fetch_one(db)
            .await?
            .unwrap_or_default();
        }
        let subject_text =
            render(subject, &vars).map_err(|e| AppError::invalid("subject", e.to_string()))?;
        let body_text =
            render(body, &vars).map_err(|e| AppError::invalid("body", e.to_string()))?;
        if save {
            sqlx::query(
                "INSERT INTO message_templates (kind, language, subject, body, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?)
                 ON CONFLICT(kind, language) DO UPDATE SET subject = excluded.subject, body = excluded.body,
                    updated_by = excluded.updated_by, updated_at = excluded.updated_at",
            )
            .bind(k.code())
            .bind(l.code())
            .bind(subject)
            .bind(body)
            .bind(staff.id)
            .bind(now)
            .execute(db)
            .await?;
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

    pub async fn reset(db: &Db, staff: &Staff, kind: &str, language: &str) -> AppResult<()> {
        require_admin(staff)?;
        let (k, l) = parse(kind, language)?;
        sqlx::query("DELETE FROM message_templates WHERE kind = ? AND language = ?")
            .bind(k.code())
            .bind(l.code())
            .execute(db)
            .await?;
        Ok(())
    }
}

#[cfg(feature = "ssr")]
pub use server::preview_and_save;

#[server(endpoint = "templates/get")]
pub async fn get_template_editor(
    kind: String,
    language: String,
) -> Result<TemplateEditor, AppError> {
    let staff = crate::auth::store::current_staff().await?;
    server::editor(&crate::db::db()?, &staff, &kind, &language).await
}

#[server(endpoint = "templates/preview")]
pub async fn preview_template(
    kind: String,
    language: String,
    subject: String,
    body: String,
    participant_id: Option<i64>,
    save: Option<String>,
) -> Result<TemplatePreview, AppError> {
    let result = async {
        let staff = crate::auth::store::current_staff().await?;
        let public_url = leptos::prelude::use_context::<crate::app::ServerSettings>()
            .map(|s| s.public_url)
            .unwrap_or_default();
        server::preview_and_save(
            &crate::db::db()?,
            &staff,
            &kind,
            &language,
            &subject,
            &body,
            participant_id,
            save.is_some(),
            &public_url,
            crate::db::now(),
        )
        .await
    }
    .await;
    crate::forms::plain_form(result)
}

#[server(endpoint = "templates/reset")]
pub async fn reset_template(kind: String, language: String) -> Result<(), AppError> {
    let result = async {
        let staff = crate::auth::store::current_staff().await?;
        server::reset(&crate::db::db()?, &staff, &kind, &language).await
    }
    .await;
    crate::forms::plain_form(result)
}

/// `/messages/templates?kind=&language=`
#[component]
pub fn TemplatesPage() -> impl IntoView {
    let t = use_texts();
    let query = use_query_map();
    let preview = ServerAction::<PreviewTemplate>::new();
    let reset = ServerAction::<ResetTemplate>::new();
    let selection = move || {
        query.with(|q| {
            (
                q.get("kind").unwrap_or_else(|| "session_reminder".into()),
                q.get("language").unwrap_or_else(|| "nb".into()),
            )
        })
    };
    let data = Resource::new(
        move || (selection(), preview.version().get(), reset.version().get()),
        |((kind, language), ..)| get_template_editor(kind, language),
    );
    view! {
        <h1>{t.templates_title}</h1>
        <form method="get" action="/messages/templates" class="card row">
            <label for="tpl-kind">{t.template_kind}</label>
            <select id="tpl-kind" name="kind">
                {MessageKind::ALL.iter().map(|k| {
                    let code = k.code();
                    view! { <option value=code selected=move || selection().0 == code>{crate::messages::pages::kind_text(t, code)}</option> }
                }).collect_view()}
            </select>
            <label for="tpl-lang">{t.preferred_language}</label>
            <select id="tpl-lang" name="language">
                {Language::ALL.iter().map(|l| {
                    let code = l.code();
                    view! { <option value=code selected=move || selection().1 == code>{l.native_name()}</option> }
                }).collect_view()}
            </select>
            <button type="submit">{t.show}</button>
        </form>
        <crate::forms::PlainFormError/>
        <ActionOutcome value=reset.value()/>
        {loaded(data, move |e| {
            let typed = RwSignal::new(e.body.clone());
            let (kind, language) = (e.kind.clone(), e.language.clone());
            let variables = VARIABLES
                .iter()
                .map(|v| {
                    let about = if crate::i18n::use_lang() == crate::i18n::Lang::Nb { v.nb } else { v.en };
                    format!("{{{}}} ({about})", v.name)
                })
                .collect::<Vec<_>>()
                .join(", ");
            let live = move || {
                let c = count(&typed.get());
                format!("{} · {}: {} · {}: {}", c.encoding.code(), t.sms_parts, c.segments, t.characters, c.units)
            };
            view! {
                <p class="muted">{if e.edited { t.template_edited } else { t.template_default }}</p>
                <p class="muted">{t.template_variables} " "
                    {variables}
                </p>
                <ActionForm action=preview attr:class="card stack">
                    <input type="hidden" name="kind" value=e.kind.clone()/>
                    <input type="hidden" name="language" value=e.language.clone()/>
                    <label for="tpl-subject">{t.template_subject}</label>
                    <input id="tpl-subject" name="subject" value=e.subject.clone()/>
                    <label for="tpl-body">{t.message_text}</label>
                    <textarea id="tpl-body" name="body" rows="6" dir="auto"
                        on:input=move |ev| typed.set(event_target_value(&ev))>{e.body.clone()}</textarea>
                    <p class="muted" aria-live="polite" id="tpl-count">{t.template_length} ": " {live}</p>
                    <label for="tpl-participant">{t.preview_for}</label>
                    <select id="tpl-participant" name="participant_id" required>
                        {e.participants.iter().map(|(id, name)| view! { <option value=*id>{name.clone()}</option> }).collect_view()}
                    </select>
                    <div class="row">
                        <button type="submit">{t.preview_text}</button>
                        <button type="submit" class="primary" name="save" value="1">{t.save}</button>
                    </div>
                </ActionForm>
                <ActionForm action=reset attr:class="inline">
                    <input type="hidden" name="kind" value=kind/>
                    <input type="hidden" name="language" value=language/>
                    <button type="submit" disabled=!e.edited>{t.template_reset}</button>
                </ActionForm>
            }.into_any()
        })}
        {move || preview.value().get().map(|r| match r {
            Ok(p) => view! {
                <section class="card preview" aria-live="polite">
                    <h2>{if p.saved { t.template_saved } else { t.preview_title }}</h2>
                    {(!p.subject.is_empty()).then(|| view! { <p><strong>{p.subject.clone()}</strong></p> })}
                    <p class="entry-text" dir="auto">{p.body.clone()}</p>
                    <p class="muted" id="tpl-segments">{format!("{} · {}: {} · {}: {}", p.encoding, t.sms_parts, p.segments, t.characters, p.units)}</p>
                </section>
            }.into_any(),
            Err(e) => view! { <crate::app::ErrorMessage error=e/> }.into_any(),
        })}
    }
}
