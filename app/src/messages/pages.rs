//! The message pages: the ledger (whole system, a course or a participant, by state) and the
//! dashboard panel with failed or uncertain messages and unread replies.

use super::{InboxItem, LedgerEntry, LedgerFilter};
use crate::components::{loaded, ActionOutcome};
use crate::error::AppError;
use crate::i18n::{use_texts, Texts};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

/// A ledger row with its times written in the course's local time for reading.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LedgerLine {
    pub entry: LedgerEntry,
    pub due: String,
    pub sent: Option<String>,
}

#[cfg(feature = "ssr")]
fn local(iso: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(iso)
        .map(|t| {
            t.with_timezone(&chrono_tz::Europe::Oslo)
                .format("%d.%m.%Y %H:%M")
                .to_string()
        })
        .unwrap_or_else(|_| iso.to_string())
}

#[cfg(feature = "ssr")]
fn lines(entries: Vec<LedgerEntry>) -> Vec<LedgerLine> {
    entries
        .into_iter()
        .map(|entry| LedgerLine {
            due: local(&entry.due_at),
            sent: entry.sent_at.as_deref().map(local),
            entry,
        })
        .collect()
}

#[server(endpoint = "messages/list")]
pub async fn list_messages(filter: LedgerFilter) -> Result<Vec<LedgerLine>, AppError> {
    let staff = crate::auth::session::current_staff().await?;
    let filter = LedgerFilter {
        state: filter.state.filter(|s| !s.is_empty()),
        ..filter
    };
    // The page shows the newest messages, as many as one API page holds; the API pages on.
    let newest = store::paging::PageQuery::first(store::paging::MAX_LIMIT);
    Ok(lines(
        store::messages::list(&crate::db::db()?, &staff, &filter, &newest)
            .await?
            .items,
    ))
}

#[server(endpoint = "messages/attention")]
pub async fn get_message_attention() -> Result<Option<(Vec<LedgerLine>, Vec<InboxItem>)>, AppError>
{
    let staff = crate::auth::session::current_staff().await?;
    if staff.is_counsellor() {
        // The texts are between the course and the participant.
        return Ok(None);
    }
    let db = crate::db::db()?;
    let to_check = store::messages::needing_attention(&db, &staff).await?;
    let inbox = store::messages::inbox(&db, &staff).await?;
    Ok(Some((lines(to_check), inbox)))
}

#[server(endpoint = "messages/mark-read")]
pub async fn mark_reply_read(id: i64) -> Result<(), AppError> {
    let result = async {
        let staff = crate::auth::session::current_staff().await?;
        store::messages::mark_read(&crate::db::db()?, &staff, id, crate::db::now())
            .await
            .map_err(AppError::from)
    }
    .await;
    crate::forms::plain_form(result)
}

pub fn state_text(t: &Texts, state: &str) -> &'static str {
    match state {
        "planned" => t.state_planned,
        "sending" => t.state_sending,
        "sent" => t.state_sent,
        "delivered" => t.state_delivered,
        "failed" => t.state_failed,
        "skipped" => t.state_skipped,
        "cancelled" => t.state_cancelled,
        _ => t.state_uncertain,
    }
}

pub fn kind_text(t: &Texts, kind: &str) -> &'static str {
    match kind {
        "session_reminder" => t.kind_session_reminder,
        "follow_up_invitation" => t.kind_follow_up_invitation,
        "absence_follow_up" => t.kind_absence_follow_up,
        "leader_alert" => t.kind_leader_alert,
        "welcome" => t.kind_welcome,
        "magic_link" => t.kind_magic_link,
        "session_changed" => t.kind_session_changed,
        "session_cancelled" => t.kind_session_cancelled,
        "guardian_welcome" => t.kind_guardian_welcome,
        "guardian_invitation" => t.kind_guardian_invitation,
        "guardian_reminder" => t.kind_guardian_reminder,
        "consent_request" => t.kind_consent_request,
        "sms_resumed" => t.kind_sms_resumed,
        "staff_invitation" => t.kind_staff_invitation,
        "password_reset" => t.kind_password_reset,
        _ => t.kind_daily_digest,
    }
}

const STATES: [&str; 8] = [
    "planned",
    "sending",
    "sent",
    "delivered",
    "failed",
    "skipped",
    "cancelled",
    "uncertain",
];

/// `/messages?participant_id=&course_id=&state=`: the ledger.
#[component]
pub fn MessagesPage() -> impl IntoView {
    let t = use_texts();
    let query = use_query_map();
    let filter = move || {
        query.with(|q| LedgerFilter {
            participant_id: q.get("participant_id").and_then(|v| v.parse().ok()),
            course_id: q.get("course_id").and_then(|v| v.parse().ok()),
            state: q.get("state").filter(|s| !s.is_empty()),
        })
    };
    let data = Resource::new(filter, list_messages);
    let current = move || filter();
    view! {
        <div class="heading-row">
            <h1>{t.messages_title}</h1>
            <crate::components::ForStaff allow=|u| u.is_admin()>
                <A href="/messages/templates" attr:class="button">{t.nav_templates}</A>
                " "
                <A href="/messages/consent-text" attr:class="button">{t.consent_text_title}</A>
            </crate::components::ForStaff>
        </div>
        <p class="muted">{t.messages_intro}</p>
        <form method="get" action="/messages" class="card row">
            {move || current().participant_id.map(|id| view! { <input type="hidden" name="participant_id" value=id/> })}
            {move || current().course_id.map(|id| view! { <input type="hidden" name="course_id" value=id/> })}
            <label for="msg-state">{t.state_label}</label>
            <select id="msg-state" name="state">
                <option value="">{t.all_states}</option>
                {STATES.iter().map(|s| {
                    let s = *s;
                    view! { <option value=s selected=move || current().state.as_deref() == Some(s)>{state_text(t, s)}</option> }
                }).collect_view()}
            </select>
            <button type="submit">{t.show}</button>
        </form>
        {loaded(data, move |list| view! { <Ledger lines=list/> }.into_any())}
    }
}

/// A list of messages, newest first.
#[component]
pub fn Ledger(lines: Vec<LedgerLine>) -> impl IntoView {
    let t = use_texts();
    if lines.is_empty() {
        return view! { <p class="muted">{t.no_messages}</p> }.into_any();
    }
    view! {
        <ul class="people ledger">
            {lines.into_iter().map(|l| {
                let e = l.entry;
                let who = e.participant_name.clone().or_else(|| e.recipient.clone()).unwrap_or_else(|| "–".into());
                let channel = if e.channel == "sms" { t.channel_sms } else { t.channel_email };
                let mut detail = vec![format!("{} · {}", l.due, channel)];
                if let Some(sent) = &l.sent {
                    detail.push(format!("{} {sent}", t.state_sent.to_lowercase()));
                }
                if e.attempts > 1 {
                    detail.push(format!("{} {}", e.attempts, t.attempts.to_lowercase()));
                }
                if let Some(reason) = &e.reason {
                    detail.push(reason.clone());
                }
                if let Some(err) = &e.last_error {
                    detail.push(err.clone());
                }
                let text = [e.subject.clone().unwrap_or_default(), e.body.clone().unwrap_or_default()]
                    .into_iter()
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
                    .join("\n\n");
                view! {
                    <li class=format!("message state-{}", e.state)>
                        <span class=format!("badge msg-{}", e.state)>{state_text(t, &e.state)}</span>
                        <strong>{kind_text(t, &e.kind)}</strong>
                        {match e.participant_id {
                            Some(id) => view! { <A href=format!("/participants/{id}")>{who}</A> }.into_any(),
                            None => view! { <span>{who}</span> }.into_any(),
                        }}
                        <span class="muted">{detail.join(" · ")}</span>
                        {(!text.is_empty()).then(|| view! {
                            <details><summary>{t.message_text}</summary><p class="entry-text">{text}</p></details>
                        })}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
    .into_any()
}

/// On the overview: failed and uncertain messages, and replies nobody has read.
#[component]
pub fn MessagePanel() -> impl IntoView {
    let t = use_texts();
    let read = ServerAction::<MarkReplyRead>::new();
    let data = Resource::new(move || read.version().get(), |_| get_message_attention());
    view! {
        <ActionOutcome value=read.value()/>
        {loaded(data, move |attention| {
            let Some((to_check, inbox)) = attention else {
                return ().into_any();
            };
            view! {
            <section aria-labelledby="inbox-title" class="inbox">
                <h2 id="inbox-title">{t.inbox_title}</h2>
                {if inbox.is_empty() {
                    view! { <p class="muted">{t.inbox_empty}</p> }.into_any()
                } else {
                    view! {
                        <ul class="people replies">
                            {inbox.into_iter().map(|i| {
                                let intent = match i.intent.as_str() {
                                    "yes" => t.intent_yes,
                                    "no" => t.intent_no,
                                    "stop" => t.intent_stop,
                                    _ => t.intent_other,
                                };
                                view! {
                                    <li>
                                        <span class="badge">{intent}</span>
                                        {match i.participant_id {
                                            Some(id) => view! { <A href=format!("/participants/{id}")>{i.participant_name.clone().unwrap_or_default()}</A> }.into_any(),
                                            None => view! { <span>{format!("{} {}", t.unknown_sender, i.from_number)}</span> }.into_any(),
                                        }}
                                        <span class="entry-text">{format!("«{}»", i.body)}</span>
                                        <ActionForm action=read attr:class="inline">
                                            <input type="hidden" name="id" value=i.id/>
                                            <button type="submit">{t.mark_read}</button>
                                        </ActionForm>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
                <h2>{t.to_check}</h2>
                {if to_check.is_empty() {
                    view! { <p class="muted">{t.nothing_to_check}</p> }.into_any()
                } else {
                    view! { <Ledger lines=to_check/> }.into_any()
                }}
            </section>
            }.into_any()
        })}
    }
}
