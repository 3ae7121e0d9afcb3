//! A course's sessions on its page: the list, and moving, cancelling, restoring and adding
//! sessions.

use super::Session;
use crate::components::{display_date, weekday_label};
use crate::error::AppError;
use crate::i18n::{use_lang, use_texts, Language};
use leptos::prelude::*;
use leptos_router::components::A;

/// Moves a session to a local date and times in the course's time zone.
#[server(endpoint = "sessions/move")]
pub async fn move_session(
    session_id: i64,
    date: String,
    start_time: String,
    end_time: String,
) -> Result<(), AppError> {
    let result = async {
        use domain::schedule::local_instant;
        use store::courses::{get_course, get_session, parse_date, update_session};
        use store::fields::parse_hhmm;
        let staff = crate::auth::session::current_staff().await?;
        let db = crate::db::db()?;
        let session = get_session(&db, session_id).await?;
        let course = get_course(&db, session.course_id).await?;
        let tz: chrono_tz::Tz = course.time_zone.parse().unwrap_or(chrono_tz::Europe::Oslo);
        let day = parse_date("date", &date)?;
        let start = local_instant(tz, day, parse_hhmm("start_time", &start_time)?);
        let end = local_instant(tz, day, parse_hhmm("end_time", &end_time)?);
        let patch = super::SessionPatch {
            starts_at: Some(start.with_timezone(&tz).to_rfc3339()),
            ends_at: Some(end.with_timezone(&tz).to_rfc3339()),
            ..Default::default()
        };
        update_session(&db, &staff, session_id, patch, crate::db::now())
            .await
            .map_err(AppError::from)
            .map(|_| ())
    }
    .await;
    crate::forms::plain_form(result)
}

#[server(endpoint = "sessions/status")]
pub async fn set_session_status(session_id: i64, status: String) -> Result<(), AppError> {
    let result = async {
        let staff = crate::auth::session::current_staff().await?;
        let patch = super::SessionPatch {
            status: Some(status),
            ..Default::default()
        };
        store::courses::update_session(
            &crate::db::db()?,
            &staff,
            session_id,
            patch,
            crate::db::now(),
        )
        .await
        .map_err(AppError::from)
        .map(|_| ())
    }
    .await;
    crate::forms::plain_form(result)
}

#[server(endpoint = "sessions/add")]
pub async fn add_session(
    course_id: i64,
    date: String,
    start_time: String,
    end_time: String,
    title: String,
    follow_up: Option<String>,
) -> Result<(), AppError> {
    let result = async {
        let staff = crate::auth::session::current_staff().await?;
        let db = crate::db::db()?;
        let new = super::NewSession {
            date,
            start_time,
            end_time,
            title,
            follow_up: follow_up.is_some(),
        };
        store::courses::add_session(&db, &staff, course_id, &new, crate::db::now())
            .await
            .map_err(AppError::from)
            .map(|_| ())
    }
    .await;
    crate::forms::plain_form(result)
}

#[component]
pub fn SessionList(
    sessions: Vec<Session>,
    can_manage: bool,
    move_action: ServerAction<MoveSession>,
    status_action: ServerAction<SetSessionStatus>,
) -> impl IntoView {
    let t = use_texts();
    let nb = use_lang() == Language::Nb;
    view! {
        <ol class="sessions" aria-label=t.schedule>
            {sessions.into_iter().map(|s| {
                let cancelled = s.status == "cancelled";
                let kind = if s.kind == "follow_up" { t.kind_follow_up } else { t.kind_regular };
                let status = if cancelled { t.status_cancelled } else { t.status_scheduled };
                let next_status = if cancelled { "scheduled" } else { "cancelled" };
                let toggle = if cancelled { t.restore } else { t.cancel };
                view! {
                    <li class="session" class:cancelled=cancelled data-session-id=s.id>
                        <div class="session-head">
                            // "Nr." for screen readers as text: an aria-label on a plain span
                            // is not read (axe: aria-prohibited-attr, needs review).
                            <span class="visually-hidden">{t.number_short}</span>
                            <span class="num">{s.number}</span>
                            <div>
                                <strong class="session-title">{s.title.clone()}</strong>
                                <div class="muted">
                                    {kind} " · " {weekday_label(nb, &s.weekday)} " " {display_date(&s.date)} " · "
                                    {s.start_local.clone()} "–" {s.end_local.clone()} " · " {s.location.clone()}
                                </div>
                                {(!s.theme.is_empty()).then(|| view! { <div class="muted">{t.theme} ": " {s.theme.clone()}</div> })}
                                <A href=format!("/sessions/{}", s.id) attr:class="roll-link">{t.roll_call}</A>
                            </div>
                            <span class="badge" class:badge-warn=cancelled>{status}</span>
                        </div>
                        {can_manage.then(|| view! {
                            <details class="session-actions">
                                <summary>{t.move_session}</summary>
                                <ActionForm action=move_action attr:class="row">
                                    <input type="hidden" name="session_id" value=s.id/>
                                    <label>{t.date}<input type="date" name="date" required value=s.date.clone()/></label>
                                    <label>{t.start_time}<input type="time" name="start_time" required value=s.start_local.clone()/></label>
                                    <label>{t.end_time}<input type="time" name="end_time" required value=s.end_local.clone()/></label>
                                    <button type="submit">{t.move_button}</button>
                                </ActionForm>
                            </details>
                            <ActionForm action=status_action attr:class="inline">
                                <input type="hidden" name="session_id" value=s.id/>
                                <input type="hidden" name="status" value=next_status/>
                                <button type="submit" class="link">{toggle}</button>
                            </ActionForm>
                        })}
                    </li>
                }
            }).collect_view()}
        </ol>
    }
}

#[component]
pub fn AddSessionForm(course_id: i64, action: ServerAction<AddSession>) -> impl IntoView {
    let t = use_texts();
    view! {
        <details class="card">
            <summary>{t.add_session}</summary>
            <ActionForm action=action attr:class="stack">
                <input type="hidden" name="course_id" value=course_id/>
                <label for="as-title">{t.session_title}</label>
                <input id="as-title" name="title"/>
                <div class="row">
                    <label>{t.date}<input type="date" name="date" required/></label>
                    <label>{t.start_time}<input type="time" name="start_time" required value="12:00"/></label>
                    <label>{t.end_time}<input type="time" name="end_time" required value="14:00"/></label>
                </div>
                <label class="check"><input type="checkbox" name="follow_up" value="on"/>{t.is_follow_up}</label>
                <button type="submit">{t.add_session}</button>
            </ActionForm>
        </details>
    }
}
