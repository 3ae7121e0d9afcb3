//! The course work on a participant's page: attendance history, logbook, action plan, the
//! priority-category history and (for admins) the access log.

use crate::access_log::AccessEntry;
use crate::action_plan::{CategoryChange, Goal};
use crate::attendance::HistoryMark;
use crate::components::{display_date, loaded, ActionOutcome};
use crate::error::AppError;
use crate::i18n::{use_texts, Texts};
use crate::logbook::pages::{EditLogbookEntry, LogbookSection, WriteLogbookEntry};
use crate::logbook::LogbookEntry;
use domain::my_page::EnrolledSession;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct WorkOverview {
    pub attendance: Vec<HistoryMark>,
    /// None when the user may not read the logbook (school counsellors).
    pub logbook: Option<Vec<LogbookEntry>>,
    /// The sessions an entry can be tied to.
    pub sessions: Vec<EnrolledSession>,
    pub goals: Vec<Goal>,
    pub categories: Vec<CategoryChange>,
    /// Admins only.
    pub access_log: Option<Vec<AccessEntry>>,
}

#[server(endpoint = "participants/work")]
pub async fn participant_work(id: i64) -> Result<WorkOverview, AppError> {
    let staff = crate::auth::session::current_staff().await?;
    let db = crate::db::db()?;
    let logbook = match store::logbook::list(&db, &staff, id).await {
        Ok(entries) => Some(entries),
        Err(store::StoreError::Forbidden) => None,
        Err(e) => return Err(e.into()),
    };
    Ok(WorkOverview {
        sessions: store::participant_access::enrolled_sessions(&db, id, crate::db::now()).await?,
        attendance: store::attendance::participant_history(&db, &staff, id).await?,
        logbook,
        goals: store::action_plan::list_goals(&db, &staff, id).await?,
        categories: store::action_plan::category_history(&db, &staff, id).await?,
        access_log: if staff.is_admin() {
            // The newest entries, as many as one API page holds; the API pages on.
            let newest = store::paging::PageQuery::first(store::paging::MAX_LIMIT);
            Some(
                store::access_log::list(&db, &staff, id, &newest)
                    .await?
                    .items,
            )
        } else {
            None
        },
    })
}

/// A goal from the form: the goal's fields and up to three measures (empty rows are skipped).
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct GoalForm {
    pub title: String,
    pub due_date: String,
    pub responsible: String,
    pub measures: Vec<MeasureForm>,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct MeasureForm {
    pub text: String,
    pub due_date: String,
    pub responsible: String,
}

#[server(endpoint = "goals/status")]
pub async fn set_plan_status(target: String, id: i64, status: String) -> Result<(), AppError> {
    use store::action_plan::{set_status, StatusTarget};
    let result = async {
        let staff = crate::auth::session::current_staff().await?;
        let target = if target == "measure" {
            StatusTarget::Measure
        } else {
            StatusTarget::Goal
        };
        set_status(
            &crate::db::db()?,
            &staff,
            target,
            id,
            &status,
            crate::db::now(),
        )
        .await
        .map_err(AppError::from)
    }
    .await;
    crate::forms::plain_form(result)
}

#[server(endpoint = "goals/add")]
pub async fn add_goal(participant_id: i64, goal: GoalForm) -> Result<(), AppError> {
    let result = async {
        let staff = crate::auth::session::current_staff().await?;
        let some = |s: String| (!s.trim().is_empty()).then_some(s);
        let new = crate::action_plan::NewGoal {
            title: goal.title,
            due_date: some(goal.due_date),
            responsible: some(goal.responsible),
            status: None,
            measures: goal
                .measures
                .into_iter()
                .filter(|m| !m.text.trim().is_empty())
                .map(|m| crate::action_plan::NewMeasure {
                    text: m.text,
                    due_date: some(m.due_date),
                    responsible: some(m.responsible),
                    status: None,
                })
                .collect(),
        };
        store::action_plan::add_goal(
            &crate::db::db()?,
            &staff,
            participant_id,
            new,
            crate::db::now(),
        )
        .await
        .map_err(AppError::from)
        .map(|_| ())
    }
    .await;
    crate::forms::plain_form(result)
}

fn status_text(t: &Texts, status: &str) -> &'static str {
    match status {
        "present" => t.present,
        "absent" => t.absent,
        "excused" => t.excused,
        "late" => t.late,
        "in_progress" => t.goal_in_progress,
        "done" => t.goal_done,
        "dropped" => t.goal_dropped,
        _ => t.goal_open,
    }
}

/// "Responsible · due date" as one text (pages avoid empty and adjacent text nodes, which
/// trip hydration).
fn who_and_when(responsible: &str, due: Option<&str>) -> String {
    let due = due.map(display_date);
    match (responsible.is_empty(), due) {
        (false, Some(d)) => format!("{responsible} · {d}"),
        (false, None) => responsible.to_string(),
        (true, Some(d)) => d,
        (true, None) => "–".to_string(),
    }
}

fn day(instant: &str) -> String {
    display_date(instant.get(..10).unwrap_or(instant))
}

#[component]
pub fn ParticipantWorkSections(participant_id: i64) -> impl IntoView {
    let t = use_texts();
    let write_entry = ServerAction::<WriteLogbookEntry>::new();
    let edit_entry = ServerAction::<EditLogbookEntry>::new();
    let add_goal = ServerAction::<AddGoal>::new();
    let set_status = ServerAction::<SetPlanStatus>::new();
    let data = Resource::new(
        move || {
            (
                participant_id,
                write_entry.version().get(),
                edit_entry.version().get(),
                add_goal.version().get(),
                set_status.version().get(),
            )
        },
        |(id, ..)| participant_work(id),
    );
    view! {
        {loaded(data, move |w| view! {
            <h2>{t.roll_call}</h2>
            {if w.attendance.is_empty() {
                view! { <p class="muted">{t.not_marked}</p> }.into_any()
            } else {
                view! {
                    <ul class="people history">
                        {w.attendance.into_iter().map(|h| view! {
                            <li>
                                <span>{h.course_title} " · " {t.kind_regular} " " {h.session_number} " · " {day(&h.starts_at)}</span>
                                <span class=format!("badge mark-{}", h.status)>{status_text(t, &h.status)}</span>
                                {(!h.note.is_empty()).then(|| view! { <span class="muted">{h.note}</span> })}
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}

            {w.logbook.map(|entries| view! {
                <LogbookSection participant_id=Some(participant_id) entries sessions=w.sessions
                    write=write_entry edit=edit_entry/>
            })}

            <h2>{t.action_plan}</h2>
            <ul class="goals">
                {w.goals.into_iter().map(|g| view! {
                    <li class="card">
                        <strong>{g.title}</strong> " "
                        <StatusForm target="goal" id=g.id current=g.status.clone() action=set_status/>
                        <p class="muted">{who_and_when(&g.responsible, g.due_date.as_deref())}</p>
                        <ul>
                            {g.measures.into_iter().map(|m| view! {
                                <li>
                                    {m.text} " " <span class="muted">{who_and_when(&m.responsible, m.due_date.as_deref())}</span>
                                    <StatusForm target="measure" id=m.id current=m.status.clone() action=set_status/>
                                </li>
                            }).collect_view()}
                        </ul>
                    </li>
                }).collect_view()}
            </ul>
            <details class="card">
                <summary>{t.add_goal}</summary>
                <ActionForm action=add_goal attr:class="stack">
                    <input type="hidden" name="participant_id" value=participant_id/>
                    <label for="goal-title">{t.goal}</label>
                    <input id="goal-title" name="goal[title]" required/>
                    <div class="row">
                        <label>{t.due_date}<input type="date" name="goal[due_date]"/></label>
                        <label>{t.responsible}<input name="goal[responsible]"/></label>
                    </div>
                    {(0..3).map(|i| view! {
                        <fieldset>
                            <legend>{t.measure} " " {i + 1}</legend>
                            <label>{t.measure_text}<input name=format!("goal[measures][{i}][text]")/></label>
                            <div class="row">
                                <label>{t.due_date}<input type="date" name=format!("goal[measures][{i}][due_date]")/></label>
                                <label>{t.responsible}<input name=format!("goal[measures][{i}][responsible]")/></label>
                            </div>
                        </fieldset>
                    }).collect_view()}
                    <button type="submit">{t.save}</button>
                </ActionForm>
                <ActionOutcome value=add_goal.value()/>
            </details>

            <h2>{t.category_history}</h2>
            <ul class="people">
                {w.categories.into_iter().map(|c| view! {
                    <li>
                        {c.from_category.map(|f| f.to_string()).unwrap_or_else(|| "–".into())} " → "
                        {c.to_category.map(|f| f.to_string()).unwrap_or_else(|| "–".into())}
                        <span class="muted">{c.changed_by_name} " · " {day(&c.changed_at)} " " {c.reason}</span>
                    </li>
                }).collect_view()}
            </ul>

            {w.access_log.map(|log| view! {
                <details class="card">
                    <summary>{t.access_log}</summary>
                    <ul class="people">
                        {log.into_iter().map(|a| view! {
                            <li>{format!("{} · {} · {} ({}) · {}", a.at.get(..16).unwrap_or(&a.at).replace('T', " "), a.user_name, a.action, a.via, a.what)}</li>
                        }).collect_view()}
                    </ul>
                </details>
            })}
        }.into_any())}
    }
}

/// A status picker for a goal or measure, saved with one button (a plain form without wasm).
#[component]
fn StatusForm(
    target: &'static str,
    id: i64,
    current: String,
    action: ServerAction<SetPlanStatus>,
) -> impl IntoView {
    let t = use_texts();
    let select_id = format!("{target}-status-{id}");
    view! {
        <ActionForm action=action attr:class="inline status-form">
            <input type="hidden" name="target" value=target/>
            <input type="hidden" name="id" value=id/>
            <label for=select_id.clone() class="visually-hidden">{t.status}</label>
            <select id=select_id name="status">
                {crate::action_plan::STATUSES.into_iter().map(|s| view! {
                    <option value=s selected=current == s>{status_text(t, s)}</option>
                }).collect_view()}
            </select>
            <button type="submit" class="link">{t.save}</button>
        </ActionForm>
    }
}
