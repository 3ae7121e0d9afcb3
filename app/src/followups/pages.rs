//! The follow-up panel on the overview page: alerts first, then open absences, each with a
//! short form to record what was done.

use super::{FollowUps, OpenAbsence};
use crate::components::{display_date, loaded, ActionOutcome};
use crate::error::AppError;
use crate::i18n::use_texts;
use leptos::prelude::*;
use leptos_router::components::A;

#[server(endpoint = "followups/list")]
pub async fn get_follow_ups() -> Result<FollowUps, AppError> {
    let staff = crate::auth::session::current_staff().await?;
    store::followups::follow_ups(&crate::db::db()?, &staff, crate::db::now())
        .await
        .map_err(AppError::from)
}

#[server(endpoint = "followups/record")]
pub async fn record_follow_up(
    participant_id: i64,
    session_id: i64,
    note: String,
) -> Result<(), AppError> {
    let result = async {
        let staff = crate::auth::session::current_staff().await?;
        let new = super::NewFollowUp {
            participant_id,
            session_id,
            note,
        };
        store::followups::record_follow_up(&crate::db::db()?, &staff, new, crate::db::now())
            .await
            .map_err(AppError::from)
    }
    .await;
    crate::forms::plain_form(result)
}

#[component]
pub fn FollowUpPanel() -> impl IntoView {
    let t = use_texts();
    let action = ServerAction::<RecordFollowUp>::new();
    let data = Resource::new(move || action.version().get(), |_| get_follow_ups());
    view! {
        <section aria-labelledby="followups-title" class="followups">
            <h2 id="followups-title">{t.follow_up_title}</h2>
            <ActionOutcome value=action.value()/>
            {loaded(data, move |f| {
                if f.alerts.is_empty() && f.absences.is_empty() {
                    return view! { <p class="muted">{t.nothing_to_follow_up}</p> }.into_any();
                }
                view! {
                    <ul class="people alerts">
                        {f.alerts.into_iter().map(|a| view! { <FollowUpItem item=a alert=true action/> }).collect_view()}
                    </ul>
                    <ul class="people absences">
                        {f.absences.into_iter().map(|a| view! { <FollowUpItem item=a alert=false action/> }).collect_view()}
                    </ul>
                }
                .into_any()
            })}
        </section>
    }
}

#[component]
fn FollowUpItem(
    item: OpenAbsence,
    alert: bool,
    action: ServerAction<RecordFollowUp>,
) -> impl IntoView {
    let t = use_texts();
    let label = if alert { t.two_in_a_row } else { t.absent };
    view! {
        <li class:alert=alert>
            <span class="badge" class:badge-warn=alert>{label}</span>
            <A href=format!("/participants/{}", item.participant_id)>{item.participant_name.clone()}</A>
            <span class="muted">{item.course_title.clone()} " · " {t.kind_regular} " " {item.session_number} " · " {display_date(&item.date)}</span>
            <details>
                <summary>{t.record_follow_up}</summary>
                <ActionForm action=action attr:class="row">
                    <input type="hidden" name="participant_id" value=item.participant_id/>
                    <input type="hidden" name="session_id" value=item.session_id/>
                    <label>{t.what_was_done}<input name="note" required/></label>
                    <button type="submit">{t.save}</button>
                </ActionForm>
            </details>
        </li>
    }
}
