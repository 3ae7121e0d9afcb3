//! Data protection on the pages (admins): a participant's export download and erasure on their
//! page, and `/retention` — who is due for erasure within 30 days, and keeping someone longer.
//! Plain forms, working before the wasm loads.

use crate::components::{display_date, loaded, ActionOutcome, ForStaff};
use crate::error::AppError;
use crate::forms::PlainFormError;
use crate::i18n::use_texts;
#[cfg(feature = "ssr")]
use domain::problem::Code;
use domain::retention::RetentionDue;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Erases the participant (the confirmation box must be ticked), then goes to the list.
#[server(endpoint = "privacy/erase")]
pub async fn erase_participant(
    participant_id: i64,
    reason: String,
    #[server(default)] confirm: Option<String>,
) -> Result<(), AppError> {
    let result = async {
        let staff = crate::auth::session::current_staff().await?;
        if confirm.is_none() {
            return Err(store::StoreError::invalid("confirm", Code::ConfirmErasure).into());
        }
        let db = crate::db::db()?;
        store::privacy::erasure::erase_on_request(
            &db,
            &staff,
            participant_id,
            &reason,
            crate::db::now(),
        )
        .await?;
        leptos_axum::redirect("/participants?erased=1");
        Ok(())
    }
    .await;
    crate::forms::plain_form(result)
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct RetentionOverview {
    pub months: u32,
    pub due: Vec<RetentionDue>,
    /// Tomorrow: the earliest day an extension can keep someone to.
    pub tomorrow: String,
}

#[server(endpoint = "privacy/retention")]
pub async fn load_retention() -> Result<RetentionOverview, AppError> {
    let staff = crate::auth::session::current_staff().await?;
    let db = crate::db::db()?;
    let months = use_context::<crate::db::ServerSettings>()
        .map_or(domain::retention::DEFAULT_MONTHS, |s| s.retention_months);
    let now = crate::db::now();
    Ok(RetentionOverview {
        months,
        due: store::privacy::retention::due_soon(&db, &staff, months, now).await?,
        tomorrow: (now.date_naive() + chrono::Duration::days(1)).to_string(),
    })
}

#[server(endpoint = "privacy/extend")]
pub async fn extend_retention(
    participant_id: i64,
    keep_until: String,
    reason: String,
) -> Result<(), AppError> {
    let result = async {
        let staff = crate::auth::session::current_staff().await?;
        let db = crate::db::db()?;
        let input = domain::retention::ExtensionInput { keep_until, reason };
        store::privacy::retention::extend(&db, &staff, participant_id, &input, crate::db::now())
            .await?;
        Ok(())
    }
    .await;
    crate::forms::plain_form(result)
}

/// The admins' part of a participant's page: export and erasure.
#[component]
pub fn PrivacySection(participant_id: i64) -> impl IntoView {
    let t = use_texts();
    let erase = ServerAction::<EraseParticipant>::new();
    view! {
        <ForStaff allow=|u| u.is_admin()>
            <section class="card" id="privacy" aria-labelledby="privacy-h">
                <h2 id="privacy-h">{t.privacy_title}</h2>
                <p>
                    <a href=format!("/participants/{participant_id}/export/download") download="">
                        {t.privacy_export}
                    </a>
                </p>
                <p class="hint">{t.privacy_export_help}</p>
                <details>
                    <summary>{t.erase_title}</summary>
                    <p class="hint">{t.erase_help}</p>
                    <ActionOutcome value=erase.value()/>
                    <ActionForm action=erase attr:class="stack">
                        <input type="hidden" name="participant_id" value=participant_id/>
                        <label for="erase-reason">{t.erase_reason}</label>
                        <input id="erase-reason" name="reason" required maxlength="500"/>
                        <label class="check">
                            <input type="checkbox" name="confirm" value="true" required/>
                            {t.erase_confirm}
                        </label>
                        <button type="submit" class="danger">{t.erase_button}</button>
                    </ActionForm>
                </details>
            </section>
        </ForStaff>
    }
}

/// `/retention`: who is due for erasure within 30 days, each with a form to keep them longer.
#[component]
pub fn RetentionPage() -> impl IntoView {
    let t = use_texts();
    let extend = ServerAction::<ExtendRetention>::new();
    let data = Resource::new(move || extend.version().get(), |_| load_retention());
    view! {
        <h1>{t.retention_title}</h1>
        <PlainFormError/>
        <ActionOutcome value=extend.value()/>
        {loaded(data, move |o| {
            let help = crate::i18n::format("retention-help", &crate::i18n::args([("months", crate::i18n::number(o.months.into()))]));
            view! {
                <p class="muted">{help}</p>
                {o.due.is_empty().then(|| view! { <p>{t.retention_none}</p> })}
                <ul class="cards">
                    {o.due.iter().map(|d| {
                        let (id, tomorrow) = (d.participant_id, o.tomorrow.clone());
                        let (until_id, reason_id) = (format!("keep-{id}"), format!("reason-{id}"));
                        view! {
                            <li class="card">
                                <a href=format!("/participants/{id}")><strong>{d.name.clone()}</strong></a>
                                <div>{t.retention_last} ": " {display_date(&d.last_activity.to_string())}</div>
                                <div>{t.retention_erase_on} ": " {display_date(&d.erase_on.to_string())}</div>
                                <ActionForm action=extend attr:class="row">
                                    <input type="hidden" name="participant_id" value=id/>
                                    <label for=until_id.clone()>{t.retention_keep_until}</label>
                                    <input id=until_id type="date" name="keep_until" required min=tomorrow/>
                                    <label for=reason_id.clone()>{t.retention_reason}</label>
                                    <input id=reason_id name="reason" required maxlength="500"/>
                                    <button type="submit">{t.retention_extend}</button>
                                </ActionForm>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }.into_any()
        })}
    }
}
