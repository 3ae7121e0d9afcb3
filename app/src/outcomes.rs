//! The outcome and follow-up section of a participant's page: the latest outcome and its
//! history, recording a new one, contact attempts, and closing (or taking up again) the
//! participant's follow-up — closing asks for the outcome. Plain forms, working before the
//! wasm loads.

use crate::components::{display_date, loaded, ActionOutcome};
use crate::error::AppError;
use crate::i18n::{use_texts, Texts};
use domain::outcomes::{ContactAttempt, ContactChannel, FollowUpState, Outcome, OutcomeStatus};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct OutcomeOverview {
    pub state: FollowUpState,
    pub outcomes: Vec<Outcome>,
    pub attempts: Vec<ContactAttempt>,
    /// Today in the organisation's time zone (the forms' default date and latest allowed).
    pub today: String,
}

#[server(endpoint = "outcomes/load")]
pub async fn load_outcomes(participant_id: i64) -> Result<OutcomeOverview, AppError> {
    let staff = crate::auth::session::current_staff().await?;
    let db = crate::db::db()?;
    let tz = crate::db::time_zone();
    Ok(OutcomeOverview {
        state: store::outcomes::follow_up_state(&db, &staff, participant_id, tz).await?,
        outcomes: store::outcomes::list_outcomes(&db, &staff, participant_id).await?,
        attempts: store::outcomes::list_attempts(&db, &staff, participant_id).await?,
        today: domain::reports::months::local_day(crate::db::now(), tz).to_string(),
    })
}

/// Records an outcome; with `close` ("true") it also ends the follow-up on the outcome's date.
#[server(endpoint = "outcomes/record")]
pub async fn record_outcome(
    participant_id: i64,
    status: String,
    date: String,
    note: String,
    #[server(default)] close: Option<String>,
) -> Result<(), AppError> {
    let result = async {
        let staff = crate::auth::session::current_staff().await?;
        let input = domain::outcomes::OutcomeInput {
            status,
            date,
            note: Some(note),
        };
        let (db, tz, now) = (crate::db::db()?, crate::db::time_zone(), crate::db::now());
        if close.as_deref() == Some("true") {
            store::outcomes::close_follow_up(&db, &staff, participant_id, &input, tz, now).await?;
        } else {
            store::outcomes::add_outcome(&db, &staff, participant_id, &input, tz, now).await?;
        }
        Ok(())
    }
    .await;
    crate::forms::plain_form(result)
}

#[server(endpoint = "outcomes/reopen")]
pub async fn reopen_follow_up(participant_id: i64) -> Result<(), AppError> {
    let result = async {
        let staff = crate::auth::session::current_staff().await?;
        let (db, tz) = (crate::db::db()?, crate::db::time_zone());
        store::outcomes::reopen_follow_up(&db, &staff, participant_id, tz, crate::db::now())
            .await?;
        Ok(())
    }
    .await;
    crate::forms::plain_form(result)
}

/// `reached` is present ("true") when the box is ticked.
#[server(endpoint = "outcomes/attempt")]
pub async fn record_attempt(
    participant_id: i64,
    date: String,
    channel: String,
    #[server(default)] reached: Option<String>,
    note: String,
) -> Result<(), AppError> {
    let result = async {
        let staff = crate::auth::session::current_staff().await?;
        let input = domain::outcomes::ContactAttemptInput {
            date,
            channel,
            reached: reached.is_some_and(|r| r == "true" || r == "on"),
            note: Some(note),
        };
        let (db, tz) = (crate::db::db()?, crate::db::time_zone());
        store::outcomes::add_attempt(&db, &staff, participant_id, &input, tz, crate::db::now())
            .await?;
        Ok(())
    }
    .await;
    crate::forms::plain_form(result)
}

fn status_label(t: &Texts, code: &str) -> &'static str {
    OutcomeStatus::parse(code).map_or("", |s| t.outcome(s))
}

/// Status, date and note: the fields recording an outcome and closing follow-up share.
#[component]
fn OutcomeFields(prefix: &'static str, today: String) -> impl IntoView {
    let t = use_texts();
    let (status_id, date_id, note_id) = (
        format!("{prefix}-status"),
        format!("{prefix}-date"),
        format!("{prefix}-note"),
    );
    view! {
        <label for=status_id.clone()>{t.outcome_status}</label>
        <select id=status_id name="status" required>
            {OutcomeStatus::ALL.iter().map(|s| view! { <option value=s.code()>{t.outcome(*s)}</option> }).collect_view()}
        </select>
        <label for=date_id.clone()>{t.outcome_date}</label>
        <input id=date_id type="date" name="date" required value=today.clone() max=today/>
        <label for=note_id.clone()>{t.outcome_note}</label>
        <input id=note_id name="note" maxlength="2000"/>
    }
}

#[component]
pub fn OutcomeSection(participant_id: i64) -> impl IntoView {
    let t = use_texts();
    let record = ServerAction::<RecordOutcome>::new();
    let close = ServerAction::<RecordOutcome>::new();
    let reopen = ServerAction::<ReopenFollowUp>::new();
    let attempt = ServerAction::<RecordAttempt>::new();
    let data = Resource::new(
        move || {
            (
                record.version().get(),
                close.version().get(),
                reopen.version().get(),
                attempt.version().get(),
            )
        },
        move |_| load_outcomes(participant_id),
    );
    view! {
        <section class="card" id="outcomes" aria-labelledby="outcomes-h">
            <h2 id="outcomes-h">{t.outcomes_title}</h2>
            <ActionOutcome value=record.value()/>
            <ActionOutcome value=close.value()/>
            <ActionOutcome value=reopen.value()/>
            <ActionOutcome value=attempt.value()/>
            {loaded(data, move |o| {
                let since = display_date(&o.state.since.to_string());
                let today = o.today.clone();
                let (today_close, today_attempt) = (today.clone(), today.clone());
                view! {
                    <p id="follow-up-state">
                        {match o.state.closed_on {
                            Some(day) => crate::i18n::format("followup-closed-on", &crate::i18n::args([("date", crate::i18n::arg(display_date(&day.to_string())))])),
                            None => crate::i18n::format("followup-open-since", &crate::i18n::args([("date", crate::i18n::arg(since.clone()))])),
                        }}
                    </p>
                    {match o.state.outcome.clone() {
                        Some(latest) => view! {
                            <p><strong>{t.outcome_status} ": "</strong>
                                <span id="latest-outcome">{status_label(t, &latest.status)}</span>
                                {format!(" ({})", display_date(&latest.date.to_string()))}</p>
                        }.into_any(),
                        None => view! { <p class="muted">{t.outcome_none}</p> }.into_any(),
                    }}
                    <details>
                        <summary>{t.outcome_add}</summary>
                        <ActionForm action=record attr:class="stack">
                            <input type="hidden" name="participant_id" value=participant_id/>
                            <OutcomeFields prefix="outcome" today=today/>
                            <button type="submit" class="primary">{t.outcome_add}</button>
                        </ActionForm>
                    </details>
                    {match o.state.closed_on {
                        None => view! {
                            <details>
                                <summary>{t.followup_close}</summary>
                                <p class="hint">{t.followup_close_help}</p>
                                <ActionForm action=close attr:class="stack">
                                    <input type="hidden" name="participant_id" value=participant_id/>
                                    <input type="hidden" name="close" value="true"/>
                                    <OutcomeFields prefix="close" today=today_close/>
                                    <button type="submit">{t.followup_close}</button>
                                </ActionForm>
                            </details>
                        }.into_any(),
                        Some(_) => view! {
                            <ActionForm action=reopen>
                                <input type="hidden" name="participant_id" value=participant_id/>
                                <button type="submit">{t.followup_reopen}</button>
                            </ActionForm>
                        }.into_any(),
                    }}
                    {(!o.outcomes.is_empty()).then(|| view! {
                        <h3>{t.outcome_history}</h3>
                        <ul class="history">
                            {o.outcomes.iter().map(|x| view! {
                                <li>
                                    {display_date(&x.date.to_string())} ": " <strong>{status_label(t, &x.status)}</strong>
                                    {x.previous_status.as_deref().map(|p| format!(" ({} {})", t.outcome_previous, status_label(t, p)))}
                                    {(!x.note.is_empty()).then(|| format!(" – {}", x.note))}
                                    <span class="muted">{format!(" · {}", x.recorded_by_name.clone().unwrap_or_default())}</span>
                                </li>
                            }).collect_view()}
                        </ul>
                    })}
                    <h3>{t.contact_title}</h3>
                    {if o.attempts.is_empty() {
                        view! { <p class="muted">{t.contact_none}</p> }.into_any()
                    } else {
                        view! {
                            <ul class="history" id="contact-attempts">
                                {o.attempts.iter().map(|a| view! {
                                    <li>
                                        {display_date(&a.date.to_string())} ": "
                                        {ContactChannel::parse(&a.channel).map_or("", |c| t.channel(c))} " – "
                                        {if a.reached { t.contact_reached } else { t.contact_not_reached }}
                                        {(!a.note.is_empty()).then(|| format!(" – {}", a.note))}
                                    </li>
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    }}
                    <details>
                        <summary>{t.contact_add}</summary>
                        <ActionForm action=attempt attr:class="stack">
                            <input type="hidden" name="participant_id" value=participant_id/>
                            <label for="attempt-date">{t.outcome_date}</label>
                            <input id="attempt-date" type="date" name="date" required value=today_attempt.clone() max=today_attempt/>
                            <label for="attempt-channel">{t.contact_channel}</label>
                            <select id="attempt-channel" name="channel">
                                {ContactChannel::ALL.iter().map(|c| view! { <option value=c.code()>{t.channel(*c)}</option> }).collect_view()}
                            </select>
                            <label class="check">
                                <input type="checkbox" name="reached" value="true"/>
                                {t.contact_reached}
                            </label>
                            <label for="attempt-note">{t.outcome_note}</label>
                            <input id="attempt-note" name="note" maxlength="2000"/>
                            <button type="submit" class="primary">{t.contact_add}</button>
                        </ActionForm>
                    </details>
                }.into_any()
            })}
        </section>
    }
}
