//! The consent section of a participant's page: where consent stands, the records (newest
//! first, the text each was given under), recording one, withdrawing, asking the guardian, and
//! turning SMS back on after a STOPP (with a reason).

use super::{ConsentOverview, ConsentRecord};
use crate::components::{display_date, loaded, ActionOutcome};
use crate::error::AppError;
use crate::i18n::{use_texts, Texts};
use leptos::prelude::*;

#[server(endpoint = "consent/overview")]
pub async fn load_consent_overview(participant_id: i64) -> Result<ConsentOverview, AppError> {
    let staff = crate::auth::session::current_staff().await?;
    store::consent::overview(&crate::db::db()?, &staff, participant_id, crate::db::now())
        .await
        .map_err(AppError::from)
}

/// A consent as the staff form posts it (checkboxes send "on" or nothing).
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct ConsentForm {
    pub given_by: String,
    pub relation: String,
    pub method: String,
    pub sms: Option<String>,
    pub email: Option<String>,
    pub decision: Option<String>,
    pub given_on: Option<String>,
}

#[server(endpoint = "consent/record")]
pub async fn record_consent(participant_id: i64, consent: ConsentForm) -> Result<(), AppError> {
    let result = async {
        let staff = crate::auth::session::current_staff().await?;
        let on = |v: &Option<String>| v.as_deref().is_some_and(|v| !v.is_empty());
        let channels = [("sms", on(&consent.sms)), ("email", on(&consent.email))]
            .into_iter()
            .filter(|(_, ticked)| *ticked)
            .map(|(c, _)| c.to_string())
            .collect();
        let input = super::ConsentInput {
            given_by: consent.given_by,
            relation: consent.relation,
            method: consent.method,
            channels,
            decision: consent.decision,
            given_on: consent.given_on,
        };
        store::consent::record_consent(
            &crate::db::db()?,
            &staff,
            participant_id,
            input,
            crate::db::now(),
        )
        .await
        .map_err(AppError::from)
        .map(|_| ())
    }
    .await;
    crate::forms::plain_form(result)
}

#[server(endpoint = "consent/withdraw")]
pub async fn withdraw_consent(
    participant_id: i64,
    consent_id: i64,
    #[server(default)] reason: Option<String>,
) -> Result<(), AppError> {
    let result = async {
        let staff = crate::auth::session::current_staff().await?;
        store::consent::withdraw(
            &crate::db::db()?,
            &staff,
            participant_id,
            consent_id,
            reason,
            crate::db::now(),
        )
        .await
        .map_err(AppError::from)
        .map(|_| ())
    }
    .await;
    crate::forms::plain_form(result)
}

#[server(endpoint = "consent/ask")]
pub async fn ask_guardian(participant_id: i64) -> Result<(), AppError> {
    let result = async {
        let staff = crate::auth::session::current_staff().await?;
        store::consent::request_consent(&crate::db::db()?, &staff, participant_id, crate::db::now())
            .await
            .map_err(AppError::from)
            .map(|_| ())
    }
    .await;
    crate::forms::plain_form(result)
}

#[server(endpoint = "consent/resume_sms")]
pub async fn resume_sms(participant_id: i64, who: String, reason: String) -> Result<(), AppError> {
    let result = async {
        let staff = crate::auth::session::current_staff().await?;
        store::consent::settings::resume_sms(
            &crate::db::db()?,
            &staff,
            participant_id,
            who == "guardian",
            &reason,
            crate::db::now(),
        )
        .await
        .map_err(AppError::from)
    }
    .await;
    crate::forms::plain_form(result)
}

/// The words for a consent status code.
pub fn status_label(t: &Texts, status: &str) -> &'static str {
    match status {
        "not_needed" => t.consent_not_needed,
        "missing" => t.consent_missing,
        "requested" => t.consent_requested,
        "given" => t.consent_given,
        "refused" => t.consent_refused,
        "withdrawn" => t.consent_withdrawn,
        _ => "",
    }
}

fn method_label(t: &Texts, method: &str) -> &'static str {
    match method {
        "paper" => t.consent_method_paper,
        "in_person" => t.consent_method_in_person,
        "phone" => t.consent_method_phone,
        _ => t.consent_method_digital,
    }
}

fn channels_label(t: &Texts, channels: &[String]) -> String {
    channels
        .iter()
        .map(|c| if c == "sms" { "SMS" } else { t.email })
        .collect::<Vec<_>>()
        .join(" + ")
}

#[component]
pub fn ConsentSection(participant_id: i64) -> impl IntoView {
    let t = use_texts();
    let record = ServerAction::<RecordConsent>::new();
    let withdraw = ServerAction::<WithdrawConsent>::new();
    let ask = ServerAction::<AskGuardian>::new();
    let resume = ServerAction::<ResumeSms>::new();
    let data = Resource::new(
        move || {
            (
                record.version().get(),
                withdraw.version().get(),
                ask.version().get(),
                resume.version().get(),
            )
        },
        move |_| load_consent_overview(participant_id),
    );
    view! {
        <section class="card" id="consent" aria-labelledby="consent-h">
            <h2 id="consent-h">{t.consent_title}</h2>
            {loaded(data, move |o| {
                let needs = o.status != "not_needed";
                view! {
                    <p>
                        <span class=format!("badge consent-{}", o.status) id="consent-status">{status_label(t, &o.status)}</span>
                        {(!o.channels.is_empty()).then(|| format!(" ({})", channels_label(t, &o.channels)))}
                    </p>
                    {o.latest_request.clone().filter(|_| o.status == "requested").map(|r| view! {
                        <p class="hint">{t.consent_asked_on} " " {display_date(&r.requested_at[..10])}
                            " (" {channels_label(t, &r.channels)} ")"</p>
                    })}
                    {o.sms_opted_out.then(|| view! { <ResumeSmsForm participant_id who="participant" action=resume/> })}
                    {o.guardian_sms_opted_out.then(|| view! { <ResumeSmsForm participant_id who="guardian" action=resume/> })}
                    {needs.then(|| view! {
                        <ActionForm action=ask attr:class="inline">
                            <input type="hidden" name="participant_id" value=participant_id/>
                            <button type="submit" disabled=!o.guardian_reachable>{t.consent_ask_guardian}</button>
                        </ActionForm>
                        {(!o.guardian_reachable).then(|| view! { <p class="hint">{t.consent_no_guardian_contact}</p> })}
                        <ActionOutcome value=ask.value()/>
                        <details>
                            <summary>{t.consent_record}</summary>
                            <ActionForm action=record attr:class="stack">
                                <input type="hidden" name="participant_id" value=participant_id/>
                                <label for="cs-by">{t.consent_given_by}</label>
                                <input id="cs-by" name="consent[given_by]" required value=o.guardian_name.clone().unwrap_or_default()/>
                                <label for="cs-rel">{t.consent_relation}</label>
                                <select id="cs-rel" name="consent[relation]">
                                    <option value="mother">{t.relation_mother}</option>
                                    <option value="father">{t.relation_father}</option>
                                    <option value="guardian">{t.relation_guardian}</option>
                                    <option value="other_guardian">{t.relation_other_guardian}</option>
                                </select>
                                <label for="cs-method">{t.consent_method}</label>
                                <select id="cs-method" name="consent[method]">
                                    <option value="paper">{t.consent_method_paper}</option>
                                    <option value="in_person">{t.consent_method_in_person}</option>
                                    <option value="phone">{t.consent_method_phone}</option>
                                </select>
                                <fieldset>
                                    <legend>{t.consent_channels}</legend>
                                    <label class="check"><input type="checkbox" name="consent[sms]" value="on"/>" SMS"</label>
                                    <label class="check"><input type="checkbox" name="consent[email]" value="on"/>" " {t.email}</label>
                                </fieldset>
                                <label for="cs-on">{t.consent_given_on}</label>
                                <input id="cs-on" name="consent[given_on]" type="date"/>
                                <label for="cs-decision">{t.consent_decision}</label>
                                <select id="cs-decision" name="consent[decision]">
                                    <option value="given">{t.consent_given}</option>
                                    <option value="refused">{t.consent_refused}</option>
                                </select>
                                <p class="hint">{t.consent_text_version} " " {o.text_version}</p>
                                <button type="submit" class="primary">{t.save}</button>
                            </ActionForm>
                            <ActionOutcome value=record.value()/>
                        </details>
                    })}
                    <ConsentRecords records=o.records.clone() participant_id withdraw/>
                }.into_any()
            })}
        </section>
    }
}

#[component]
fn ResumeSmsForm(
    participant_id: i64,
    who: &'static str,
    action: ServerAction<ResumeSms>,
) -> impl IntoView {
    let t = use_texts();
    let id = format!("resume-{who}");
    view! {
        <p class="warning">{if who == "guardian" { t.guardian_sms_stopped } else { t.participant_sms_stopped }}</p>
        <ActionForm action=action attr:class="stack">
            <input type="hidden" name="participant_id" value=participant_id/>
            <input type="hidden" name="who" value=who/>
            <label for=id.clone()>{t.resume_sms_reason}</label>
            <input id=id name="reason" required/>
            <button type="submit">{t.resume_sms}</button>
        </ActionForm>
        <ActionOutcome value=action.value()/>
    }
}

#[component]
fn ConsentRecords(
    records: Vec<ConsentRecord>,
    participant_id: i64,
    withdraw: ServerAction<WithdrawConsent>,
) -> impl IntoView {
    let t = use_texts();
    if records.is_empty() {
        return view! { <p class="hint">{t.consent_no_records}</p> }.into_any();
    }
    view! {
        <ul class="consents">
            {records.into_iter().map(|r| {
                let active = r.decision == "given" && r.withdrawn_at.is_none() && !r.superseded;
                let reason_id = format!("wd-{}", r.id);
                view! {
                    <li class="consent-record">
                        <strong>{status_label(t, &r.decision)}</strong>
                        " · " {channels_label(t, &r.channels)}
                        " · " {display_date(&r.given_at[..10])}
                        " · " {r.given_by.clone()} " (" {relation_label(t, &r.relation)} ")"
                        " · " {method_label(t, &r.method)}
                        {r.recorded_by_name.clone().map(|n| format!(" · {} {n}", t.recorded_by))}
                        {r.text_version.map(|v| format!(" · {} {v}", t.consent_text_version))}
                        {r.withdrawn_at.clone().map(|w| view! {
                            <span class="badge">{t.consent_withdrawn} " " {display_date(&w[..10])}</span>
                        })}
                        {r.superseded.then(|| view! { <span class="hint">" " {t.consent_superseded}</span> })}
                        <details><summary>{t.consent_text_shown}</summary><p class="consent-text">{r.text.clone()}</p></details>
                        {active.then(|| view! {
                            <ActionForm action=withdraw attr:class="inline">
                                <input type="hidden" name="participant_id" value=participant_id/>
                                <input type="hidden" name="consent_id" value=r.id/>
                                <label for=reason_id.clone()>{t.withdraw_reason}</label>
                                <input id=reason_id name="reason"/>
                                <button type="submit">{t.consent_withdraw}</button>
                            </ActionForm>
                        })}
                    </li>
                }
            }).collect_view()}
        </ul>
        <ActionOutcome value=withdraw.value()/>
    }
    .into_any()
}

fn relation_label(t: &Texts, relation: &str) -> String {
    match relation {
        "mother" => t.relation_mother.into(),
        "father" => t.relation_father.into(),
        "guardian" => t.relation_guardian.into(),
        "other_guardian" => t.relation_other_guardian.into(),
        other => other.into(),
    }
}

/// Whether the course copies its session reminders to guardians, and who may change it.
#[server(endpoint = "consent/guardian_copies")]
pub async fn guardian_copies_setting(course_id: i64) -> Result<(bool, bool), AppError> {
    let staff = crate::auth::session::current_staff().await?;
    let db = crate::db::db()?;
    store::courses::require_view(&db, &staff, course_id).await?;
    let on = store::consent::settings::guardian_copies(&db, course_id).await?;
    let may_change = store::courses::require_manage(&db, &staff, course_id)
        .await
        .is_ok();
    Ok((on, may_change))
}

#[server(endpoint = "consent/set_guardian_copies")]
pub async fn set_guardian_copies(
    course_id: i64,
    #[server(default)] on: Option<String>,
) -> Result<(), AppError> {
    let result = async {
        let staff = crate::auth::session::current_staff().await?;
        store::consent::settings::set_guardian_reminders(
            &crate::db::db()?,
            &staff,
            course_id,
            on.as_deref().is_some_and(|v| !v.is_empty()),
        )
        .await
        .map_err(AppError::from)
    }
    .await;
    crate::forms::plain_form(result)
}

/// The course setting "guardians get copies of the reminders too".
#[component]
pub fn GuardianCopiesSetting(course_id: i64) -> impl IntoView {
    let t = use_texts();
    let save = ServerAction::<SetGuardianCopies>::new();
    let data = Resource::new(
        move || save.version().get(),
        move |_| guardian_copies_setting(course_id),
    );
    view! {
        <section class="card" aria-labelledby="gcopies-h">
            <h2 id="gcopies-h">{t.consent_title}</h2>
            {loaded(data, move |(on, may_change)| view! {
                <ActionForm action=save attr:class="stack">
                    <input type="hidden" name="course_id" value=course_id/>
                    <label class="check">
                        <input type="checkbox" name="on" value="on" checked=on disabled=!may_change/>
                        " " {t.guardian_reminders}
                    </label>
                    {may_change.then(|| view! { <button type="submit">{t.save}</button> })}
                </ActionForm>
                <ActionOutcome value=save.value()/>
            }.into_any())}
        </section>
    }
}
