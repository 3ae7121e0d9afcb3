//! The template editor (admins): the text for each message kind and language, previewed for a
//! real participant with its SMS encoding and segment count; a text that cannot render cannot
//! be saved, and "reset" goes back to the shipped default.

use crate::components::{loaded, ActionOutcome};
use crate::error::AppError;
use crate::i18n::use_texts;
use domain::message_templates::VARIABLES;
use domain::messages::MessageKind;
pub use domain::messages::{TemplateEditor, TemplatePreview};
use domain::people::Language;
use domain::sms_text::count;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[cfg(feature = "ssr")]
pub use store::messages::templates::preview_and_save;

#[server(endpoint = "templates/get")]
pub async fn get_template_editor(
    kind: String,
    language: String,
) -> Result<TemplateEditor, AppError> {
    let staff = crate::auth::session::current_staff().await?;
    store::messages::templates::editor(&crate::db::db()?, &staff, &kind, &language)
        .await
        .map_err(AppError::from)
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
        let staff = crate::auth::session::current_staff().await?;
        let public_url = leptos::prelude::use_context::<crate::db::ServerSettings>()
            .map(|s| s.public_url)
            .unwrap_or_default();
        store::messages::templates::preview_and_save(
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
        .map_err(AppError::from)
    }
    .await;
    crate::forms::plain_form(result)
}

#[server(endpoint = "templates/reset")]
pub async fn reset_template(kind: String, language: String) -> Result<(), AppError> {
    let result = async {
        let staff = crate::auth::session::current_staff().await?;
        store::messages::templates::reset(
            &crate::db::db()?,
            &staff,
            &kind,
            &language,
            crate::db::now(),
        )
        .await
        .map_err(AppError::from)
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
                    let about = if crate::i18n::use_lang() == crate::i18n::Language::Nb { v.nb } else { v.en };
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
            Err(e) => view! { <crate::components::ErrorMessage error=e/> }.into_any(),
        })}
    }
}
