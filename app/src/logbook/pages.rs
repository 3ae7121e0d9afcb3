//! The logbook on a page: its entries, a form to write one (optionally tied to a session and
//! its reflection task) and a form per entry to change it. The same section serves staff on a
//! participant's page and the participant on their own page; the server functions tell the
//! two apart by `participant_id` (staff name the participant, a participant writes their own).

use super::LogbookEntry;
use crate::components::{display_date, ActionOutcome};
use crate::error::AppError;
use crate::i18n::use_texts;
use domain::my_page::EnrolledSession;
#[cfg(feature = "ssr")]
use domain::problem::Code;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
fn session_choice(session_id: Option<String>) -> Result<Option<i64>, AppError> {
    match session_id.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(id) => id
            .parse()
            .map(Some)
            .map_err(|_| AppError::invalid("session_id", Code::NotParticipantSession)),
    }
}

/// Writes an entry: a staff user names the participant (and confirms permission); without
/// `participant_id` the signed-in participant writes in their own logbook.
#[server(endpoint = "logbook/write")]
pub async fn write_logbook_entry(
    participant_id: Option<i64>,
    text: String,
    session_id: Option<String>,
    with_permission: Option<String>,
) -> Result<(), AppError> {
    let result = async {
        let db = crate::db::db()?;
        let new = super::NewLogbookEntry {
            text,
            session_id: session_choice(session_id)?,
            with_permission: with_permission.is_some(),
        };
        let now = crate::db::now();
        match participant_id {
            Some(id) => {
                let staff = crate::auth::session::current_staff().await?;
                store::logbook::add(&db, &staff, id, new, now).await?;
            }
            None => {
                let me = crate::auth::participant_session::current_participant().await?;
                store::logbook::add_own(&db, me, new, now).await?;
            }
        }
        Ok(())
    }
    .await;
    crate::forms::plain_form(result)
}

/// Changes an entry's text; the earlier text is kept.
#[server(endpoint = "logbook/edit")]
pub async fn edit_logbook_entry(
    participant_id: Option<i64>,
    entry_id: i64,
    text: String,
) -> Result<(), AppError> {
    let result = async {
        let db = crate::db::db()?;
        let now = crate::db::now();
        match participant_id {
            Some(id) => {
                let staff = crate::auth::session::current_staff().await?;
                store::logbook::edit(&db, &staff, id, entry_id, &text, now).await?;
            }
            None => {
                let me = crate::auth::participant_session::current_participant().await?;
                store::logbook::edit_own(&db, me, entry_id, &text, now).await?;
            }
        }
        Ok(())
    }
    .await;
    crate::forms::plain_form(result)
}

/// "Author · date · session · n earlier versions" above an entry.
fn entry_meta(e: &LogbookEntry, earlier_versions: &str) -> String {
    let mut parts = vec![
        e.author_name.clone(),
        display_date(e.created_at.get(..10).unwrap_or(&e.created_at)),
    ];
    if let Some(s) = &e.session_title {
        parts.push(s.clone());
    }
    if e.versions > 0 {
        parts.push(format!("{} {earlier_versions}", e.versions));
    }
    parts.join(" · ")
}

/// The logbook section. `participant_id` is set on a staff page and empty on the participant's
/// own page; `write` and `edit` are created by the page so its data reloads after them.
#[component]
pub fn LogbookSection(
    participant_id: Option<i64>,
    entries: Vec<LogbookEntry>,
    sessions: Vec<EnrolledSession>,
    write: ServerAction<WriteLogbookEntry>,
    edit: ServerAction<EditLogbookEntry>,
) -> impl IntoView {
    let t = use_texts();
    let staff = participant_id.is_some();
    let pid_hidden = move || {
        participant_id.map(|id| view! { <input type="hidden" name="participant_id" value=id/> })
    };
    view! {
        <h2>{t.logbook}</h2>
        {entries.is_empty().then(|| view! { <p class="muted">{t.logbook_empty}</p> })}
        <ul class="logbook">
            {entries.into_iter().map(|e| {
                // Staff may correct any entry; a participant only what they wrote.
                let editable = staff || e.author_kind == "participant";
                let field = format!("lb-edit-{}", e.id);
                view! {
                    <li class="card logbook-entry">
                        // Written in any language: each keeps its own direction.
                        <p class="muted"><bdi>{entry_meta(&e, t.earlier_versions)}</bdi></p>
                        {e.reflection_task.clone().map(|r| view! { <p class="muted" dir="auto"><em>{r}</em></p> })}
                        <p class="entry-text" dir="auto">{e.text.clone()}</p>
                        {editable.then(|| view! {
                            <details>
                                <summary>{t.change_entry}</summary>
                                <ActionForm action=edit attr:class="stack">
                                    {pid_hidden()}
                                    <input type="hidden" name="entry_id" value=e.id/>
                                    <label for=field.clone()>{t.logbook_text}</label>
                                    <textarea id=field name="text" rows="4" required>{e.text.clone()}</textarea>
                                    <p class="muted">{t.earlier_text_kept}</p>
                                    <button type="submit">{t.save}</button>
                                </ActionForm>
                            </details>
                        })}
                    </li>
                }
            }).collect_view()}
        </ul>
        <ActionOutcome value=edit.value()/>
        <details class="card" open=!staff>
            <summary>{t.write_in_logbook}</summary>
            <ActionForm action=write attr:class="stack">
                {pid_hidden()}
                <label for="lb-session">{t.logbook_session}</label>
                <select id="lb-session" name="session_id">
                    <option value="">{t.logbook_no_session}</option>
                    {sessions.into_iter().filter(|s| !s.cancelled).map(|s| {
                        let mut label = format!("{} {} · {} · {}", t.kind_regular, s.number, s.when, s.title);
                        if !s.reflection_task.is_empty() {
                            label.push_str(&format!(" – {}: {}", t.reflection_task, s.reflection_task));
                        }
                        view! { <option value=s.id>{label}</option> }
                    }).collect_view()}
                </select>
                <label for="lb-text">{t.logbook_text}</label>
                <textarea id="lb-text" name="text" rows="5" required></textarea>
                {staff.then(|| view! {
                    <label class="check"><input type="checkbox" name="with_permission" value="on" required/>{t.with_permission}</label>
                })}
                <button type="submit" class="primary">{t.save}</button>
            </ActionForm>
            <ActionOutcome value=write.value()/>
        </details>
    }
}
