//! The coordinator's closed periods (`/closed-periods`): winter break, Easter week and the
//! like, which every new course's schedule skips as it skips public holidays. Everyone on the
//! staff reads the list; admins add and remove periods.

use crate::components::{loaded, ActionOutcome};
use crate::error::AppError;
use crate::i18n::use_texts;
pub use domain::closed_periods::{ClosedPeriod, ClosedPeriodInput};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The periods, and whether the reader may change them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClosedPeriods {
    pub periods: Vec<ClosedPeriod>,
    pub can_edit: bool,
    /// The active schools a period can be for.
    pub schools: Vec<domain::schools::School>,
}

#[server(endpoint = "closed_periods/list")]
pub async fn list_closed_periods() -> Result<ClosedPeriods, AppError> {
    let staff = crate::auth::session::current_staff().await?;
    let db = crate::db::db()?;
    let mut schools = store::schools::list(&db).await?;
    schools.retain(|s| s.active);
    Ok(ClosedPeriods {
        periods: store::closed_periods::list(&db).await?,
        can_edit: staff.is_admin(),
        schools,
    })
}

#[server(endpoint = "closed_periods/add")]
pub async fn add_closed_period(period: ClosedPeriodInput) -> Result<i64, AppError> {
    let result = async {
        let staff = crate::auth::session::current_staff().await?;
        let added =
            store::closed_periods::create(&crate::db::db()?, &staff, period, crate::db::now())
                .await?;
        Ok(added.id)
    }
    .await;
    crate::forms::plain_form(result)
}

#[server(endpoint = "closed_periods/remove")]
pub async fn remove_closed_period(id: i64) -> Result<(), AppError> {
    let result = async {
        let staff = crate::auth::session::current_staff().await?;
        store::closed_periods::delete(&crate::db::db()?, &staff, id, crate::db::now())
            .await
            .map_err(AppError::from)
    }
    .await;
    crate::forms::plain_form(result)
}

#[component]
pub fn ClosedPeriodsPage() -> impl IntoView {
    let t = use_texts();
    let add = ServerAction::<AddClosedPeriod>::new();
    let remove = ServerAction::<RemoveClosedPeriod>::new();
    let data = Resource::new(
        move || (add.version().get(), remove.version().get()),
        |_| list_closed_periods(),
    );
    view! {
        <h1>{t.closed_periods_title}</h1>
        <p class="muted">{t.closed_periods_help}</p>
        <crate::forms::PlainFormError/>
        {loaded(data, move |c| view! {
            {if c.periods.is_empty() {
                view! { <p>{t.closed_periods_none}</p> }.into_any()
            } else {
                view! {
                    <ul class="cards">
                        {c.periods.into_iter().map(|p| {
                            let school = p.school_name.clone().unwrap_or_else(|| t.all_schools.to_string());
                            let label = format!("{} {}", t.remove, p.name);
                            view! {
                                <li class="card row">
                                    <div>
                                        <strong>{p.name.clone()}</strong>
                                        <div class="muted">{format!("{} – {} · {school}", p.first_day, p.last_day)}</div>
                                    </div>
                                    {c.can_edit.then(|| view! {
                                        <ActionForm action=remove>
                                            <input type="hidden" name="id" value=p.id/>
                                            <button type="submit" aria-label=label>{t.remove}</button>
                                        </ActionForm>
                                    })}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            {c.can_edit.then(|| view! {
                <h2>{t.closed_period_new}</h2>
                <ActionForm action=add attr:class="card stack">
                    <label for="cp-name">{t.closed_period_name}</label>
                    <input id="cp-name" name="period[name]" required placeholder="Vinterferie"/>
                    <div class="row">
                        <label>{t.first_day}
                            <input type="date" name="period[first_day]" required/>
                        </label>
                        <label>{t.last_day}
                            <input type="date" name="period[last_day]" required/>
                        </label>
                    </div>
                    <label for="cp-school">{t.school}</label>
                    <select id="cp-school" name="period[school_id]">
                        <option value="">{t.all_schools}</option>
                        {c.schools.iter().map(|s| view! { <option value=s.id>{s.name.clone()}</option> }).collect_view()}
                    </select>
                    <button type="submit" class="primary">{t.create}</button>
                </ActionForm>
            })}
        }.into_any())}
        <ActionOutcome value=add.value()/>
        <ActionOutcome value=remove.value()/>
    }
}
