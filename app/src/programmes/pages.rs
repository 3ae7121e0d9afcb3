//! Programme pages: the list, a new programme, and one programme with its cadence, follow-up
//! rules and session plan (editable by coordinators).

use super::{PlanSessionInput, Programme, ProgrammeSummary};
use crate::components::{loaded, weekday_label, ActionOutcome, ForStaff};
use crate::error::AppError;
use crate::forms::PlainFormError;
use crate::i18n::{use_lang, use_texts, Language};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

#[server(endpoint = "programmes/list")]
pub async fn list_programmes() -> Result<Vec<ProgrammeSummary>, AppError> {
    crate::auth::session::current_staff().await?;
    store::programmes::list_programmes(&crate::db::db()?)
        .await
        .map_err(AppError::from)
}

#[server(endpoint = "programmes/get")]
pub async fn get_programme(id: i64) -> Result<Programme, AppError> {
    crate::auth::session::current_staff().await?;
    store::programmes::get_programme(&crate::db::db()?, id)
        .await
        .map_err(AppError::from)
}

/// Creates (no `id`) or updates a programme from the form; a new one opens its own page.
#[server(endpoint = "programmes/save")]
#[allow(clippy::too_many_arguments)]
pub async fn save_programme(
    id: Option<i64>,
    name: String,
    description: String,
    sessions_per_week: i64,
    weeks: i64,
    weekdays: Option<Vec<String>>,
    start_time: String,
    end_time: String,
    follow_up_first_after: i64,
    follow_up_first_unit: String,
    follow_up_more: i64,
    follow_up_every: i64,
    follow_up_every_unit: String,
    plan: Option<Vec<PlanSessionInput>>,
    #[server(default)] completion_percent: Option<i64>,
) -> Result<i64, AppError> {
    use super::{FollowUpInput, ProgrammeInput};
    let result = async {
        let staff = crate::auth::session::current_staff().await?;
        let db = crate::db::db()?;
        let input = ProgrammeInput {
            name,
            description,
            sessions_per_week,
            weeks,
            weekdays: weekdays.unwrap_or_default(),
            start_time,
            end_time,
            follow_up: Some(FollowUpInput {
                first_after: follow_up_first_after,
                first_unit: follow_up_first_unit,
                more: follow_up_more,
                every: follow_up_every,
                every_unit: follow_up_every_unit,
            }),
            sessions: Some(plan.unwrap_or_default()),
            completion_percent,
        };
        let now = crate::db::now();
        let saved = match id {
            Some(id) => store::programmes::update_programme(&db, &staff, id, input, now).await?,
            None => {
                let p = store::programmes::create_programme(&db, &staff, input, now).await?;
                leptos_axum::redirect(&format!("/programmes/{}", p.id));
                p
            }
        };
        Ok(saved.id)
    }
    .await;
    crate::forms::plain_form(result)
}

#[component]
pub fn ProgrammesPage() -> impl IntoView {
    let t = use_texts();
    let list = Resource::new(|| (), |_| list_programmes());
    view! {
        <h1>{t.programmes_title}</h1>
        {loaded(list, move |items| view! {
            <ul class="cards">
                {items.into_iter().map(|p| view! {
                    <li class="card">
                        <h2><A href=format!("/programmes/{}", p.id)>{p.name}</A></h2>
                        <p>{p.description}</p>
                        <p class="muted">{p.session_count} " " {t.sessions_count}</p>
                    </li>
                }).collect_view()}
            </ul>
        }.into_any())}
        <ForStaff allow=|u| u.is_admin()>
            <details class="card">
                <summary>{t.programme_new}</summary>
                <ProgrammeForm programme=None/>
            </details>
        </ForStaff>
    }
}

#[component]
pub fn ProgrammePage() -> impl IntoView {
    let t = use_texts();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|v| v.parse::<i64>().ok()).unwrap_or(0));
    let programme = Resource::new(id, get_programme);
    view! {
        {loaded(programme, move |p| {
            let edit = p.clone();
            view! {
                <h1>{p.name.clone()}</h1>
                <p>{p.description.clone()}</p>
                <ProgrammeFacts programme=p.clone()/>
                <h2>{t.session_plan}</h2>
                <ol class="plan">
                    {p.sessions.iter().map(|s| view! {
                        <li>
                            <strong>{s.title.clone()}</strong>
                            <span class="muted">{s.method.clone()}</span>
                        </li>
                    }).collect_view()}
                </ol>
                <ForStaff allow=|u| !u.is_admin()>
                    <p class="muted">{t.only_admin_edits}</p>
                </ForStaff>
                <ForStaff allow=|u| u.is_admin()>
                    <details class="card">
                        <summary>{t.edit_programme}</summary>
                        <ProgrammeForm programme=Some(edit.clone())/>
                    </details>
                </ForStaff>
            }.into_any()
        })}
        <crate::messages::rules::ReminderRulesSection
            scope=Signal::derive(move || crate::messages::rules::RuleScope::Programme(id()))/>
    }
}

#[component]
fn ProgrammeFacts(programme: Programme) -> impl IntoView {
    let t = use_texts();
    let nb = use_lang() == Language::Nb;
    let days = programme
        .weekdays
        .iter()
        .map(|d| weekday_label(nb, d))
        .collect::<Vec<_>>()
        .join(", ");
    let unit = |u: &str| {
        if u == "weeks" {
            t.unit_weeks
        } else {
            t.unit_months
        }
    };
    let f = &programme.follow_up;
    let follow = if f.first_after == 0 {
        t.none.to_string()
    } else {
        format!(
            "{} {} (+{} × {} {})",
            f.first_after,
            unit(&f.first_unit),
            f.more,
            f.every,
            unit(&f.every_unit)
        )
    };
    view! {
        <dl class="facts">
            <dt>{t.sessions_per_week}</dt><dd>{programme.sessions_per_week}</dd>
            <dt>{t.weeks}</dt><dd>{programme.weeks}</dd>
            <dt>{t.weekdays}</dt><dd>{days}</dd>
            <dt>{t.time}</dt><dd>{programme.start_time.clone()} "–" {programme.end_time.clone()}</dd>
            <dt>{t.follow_up}</dt><dd>{follow}</dd>
        </dl>
    }
}

/// Checkboxes for weekdays, named `weekdays[i]` so the form decodes into a list.
#[component]
pub fn WeekdayPicker(selected: Vec<String>) -> impl IntoView {
    let t = use_texts();
    let nb = use_lang() == Language::Nb;
    let codes = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
    view! {
        <fieldset class="weekdays">
            <legend>{t.weekdays}</legend>
            {codes.iter().enumerate().map(|(i, code)| {
                let id = format!("wd-{code}");
                let label_for = id.clone();
                view! {
                    <label for=label_for class="check">
                        <input type="checkbox" id=id name=format!("weekdays[{i}]") value=*code checked=selected.iter().any(|s| s == code)/>
                        {weekday_label(nb, code)}
                    </label>
                }
            }).collect_view()}
        </fieldset>
    }
}

/// Weeks or months, beside a number. The visible label names the number; the select gets a
/// label of its own for screen readers (it sits beside the number, so a visible one would repeat).
#[component]
fn UnitSelect(
    name: &'static str,
    id: &'static str,
    label: &'static str,
    value: String,
) -> impl IntoView {
    let t = use_texts();
    view! {
        <label for=id class="visually-hidden">{label}</label>
        <select name=name id=id>
            <option value="weeks" selected=value == "weeks">{t.unit_weeks}</option>
            <option value="months" selected=value == "months">{t.unit_months}</option>
        </select>
    }
}

#[component]
fn ProgrammeForm(programme: Option<Programme>) -> impl IntoView {
    let t = use_texts();
    let save = ServerAction::<SaveProgramme>::new();
    let p = programme.clone().unwrap_or_else(|| Programme {
        id: 0,
        name: String::new(),
        description: String::new(),
        sessions_per_week: 2,
        weeks: 4,
        weekdays: vec!["tue".into(), "thu".into()],
        start_time: "12:00".into(),
        end_time: "14:00".into(),
        follow_up: super::FollowUpSettings {
            first_after: 1,
            first_unit: "months".into(),
            more: 0,
            every: 1,
            every_unit: "months".into(),
        },
        sessions: vec![],
        completion_percent: 75,
    });
    // Existing rows plus three empty ones for new sessions.
    let mut rows = p.sessions.clone();
    for _ in 0..3 {
        rows.push(Default::default());
    }
    let id = programme.map(|p| p.id.to_string());
    view! {
        <ActionForm action=save attr:class="stack">
            {id.map(|id| view! { <input type="hidden" name="id" value=id/> })}
            <PlainFormError/>
            <label for="pf-name">{t.programme_name}</label>
            <input id="pf-name" name="name" required value=p.name.clone()/>
            <label for="pf-desc">{t.description}</label>
            <textarea id="pf-desc" name="description" rows="3">{p.description.clone()}</textarea>
            <div class="row">
                <div>
                    <label for="pf-spw">{t.sessions_per_week}</label>
                    <input id="pf-spw" name="sessions_per_week" type="number" min="1" max="7" value=p.sessions_per_week/>
                </div>
                <div>
                    <label for="pf-weeks">{t.weeks}</label>
                    <input id="pf-weeks" name="weeks" type="number" min="1" max="104" value=p.weeks/>
                </div>
                <div>
                    <label for="pf-completion">{t.completion_percent}</label>
                    <input id="pf-completion" name="completion_percent" type="number" min="1" max="100" value=p.completion_percent/>
                </div>
            </div>
            <WeekdayPicker selected=p.weekdays.clone()/>
            <div class="row">
                <div>
                    <label for="pf-start">{t.start_time}</label>
                    <input id="pf-start" name="start_time" type="time" value=p.start_time.clone()/>
                </div>
                <div>
                    <label for="pf-end">{t.end_time}</label>
                    <input id="pf-end" name="end_time" type="time" value=p.end_time.clone()/>
                </div>
            </div>
            <fieldset>
                <legend>{t.follow_up}</legend>
                <label for="pf-fu1">{t.follow_up_first_after}</label>
                <div class="row">
                    <input id="pf-fu1" name="follow_up_first_after" type="number" min="0" max="24" value=p.follow_up.first_after/>
                    <UnitSelect name="follow_up_first_unit" id="pf-fu1u" label=t.follow_up_first_unit value=p.follow_up.first_unit.clone()/>
                </div>
                <label for="pf-fum">{t.follow_up_more}</label>
                <input id="pf-fum" name="follow_up_more" type="number" min="0" max="24" value=p.follow_up.more/>
                <label for="pf-fue">{t.follow_up_every}</label>
                <div class="row">
                    <input id="pf-fue" name="follow_up_every" type="number" min="1" max="24" value=p.follow_up.every/>
                    <UnitSelect name="follow_up_every_unit" id="pf-fueu" label=t.follow_up_every_unit value=p.follow_up.every_unit.clone()/>
                </div>
            </fieldset>
            <fieldset>
                <legend>{t.session_plan}</legend>
                <p class="muted">{t.session_plan_help}</p>
                {rows.into_iter().enumerate().map(|(i, s)| view! {
                    <div class="plan-row">
                        <span class="num">{i + 1}</span>
                        <label>{t.session_title}<input name=format!("plan[{i}][title]") value=s.title/></label>
                        <label>{t.theme}<input name=format!("plan[{i}][theme]") value=s.theme/></label>
                        <label>{t.method}<input name=format!("plan[{i}][method]") value=s.method/></label>
                        <label>{t.reflection_task}<input name=format!("plan[{i}][reflection_task]") value=s.reflection_task/></label>
                    </div>
                }).collect_view()}
            </fieldset>
            <button type="submit" class="primary">{t.save}</button>
        </ActionForm>
        <ActionOutcome value=save.value()/>
    }
}
