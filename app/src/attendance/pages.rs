//! The roll call page, made for a phone in the group room: everyone on the list with four
//! large buttons (present, absent, excused, late); one tap saves at once.

use super::{AttendanceMark, RollCall, RollCallRow};
use crate::components::{display_date, loaded, ActionOutcome};
use crate::error::AppError;
use crate::forms::PlainFormError;
use crate::i18n::{use_texts, Texts};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

#[server(endpoint = "attendance/roll_call")]
pub async fn get_roll_call(session_id: i64) -> Result<RollCall, AppError> {
    let staff = crate::auth::session::current_staff().await?;
    store::attendance::roll_call(&crate::db::db()?, &staff, session_id)
        .await
        .map_err(AppError::from)
}

/// One tap: sets a participant's mark (and the note, if one was written).
#[server(endpoint = "attendance/mark")]
pub async fn mark(
    session_id: i64,
    participant_id: i64,
    status: String,
    note: Option<String>,
) -> Result<AttendanceMark, AppError> {
    let result = async {
        let staff = crate::auth::session::current_staff().await?;
        let input = super::MarkInput { status, note };
        store::attendance::mark(
            &crate::db::db()?,
            &staff,
            session_id,
            participant_id,
            input,
            crate::db::now(),
        )
        .await
        .map_err(AppError::from)
    }
    .await;
    crate::forms::plain_form(result)
}

#[server(endpoint = "attendance/rest_present")]
pub async fn mark_rest_present(session_id: i64) -> Result<u64, AppError> {
    let result = async {
        let staff = crate::auth::session::current_staff().await?;
        store::attendance::mark_rest_present(
            &crate::db::db()?,
            &staff,
            session_id,
            crate::db::now(),
        )
        .await
        .map_err(AppError::from)
    }
    .await;
    crate::forms::plain_form(result)
}

const STATUSES: [&str; 4] = ["present", "absent", "excused", "late"];

fn status_label(t: &Texts, status: &str) -> &'static str {
    match status {
        "present" => t.present,
        "absent" => t.absent,
        "excused" => t.excused,
        "late" => t.late,
        _ => t.not_marked,
    }
}

#[component]
pub fn RollCallPage() -> impl IntoView {
    let t = use_texts();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|v| v.parse::<i64>().ok()).unwrap_or(0));
    let rest = ServerAction::<MarkRestPresent>::new();
    let data = Resource::new(
        move || (id(), rest.version().get()),
        |(id, _)| get_roll_call(id),
    );
    view! {
        <PlainFormError/>
        <ActionOutcome value=rest.value()/>
        {loaded(data, move |r| {
            let session_id = r.session.id;
            let can_mark = r.can_mark;
            // One signal per row, so the count follows every tap.
            let rows: Vec<(RollCallRow, RwSignal<Option<String>>)> =
                r.rows.into_iter().map(|row| { let status = RwSignal::new(row.status.clone()); (row, status) }).collect();
            let signals: Vec<RwSignal<Option<String>>> = rows.iter().map(|(_, s)| *s).collect();
            let marked = move || signals.iter().filter(|s| s.with(Option::is_some)).count();
            let total = rows.len();
            view! {
                <p class="muted"><A href=format!("/courses/{}", r.session.course_id)>{r.course_title.clone()}</A></p>
                <h1>{t.roll_call} " · " {r.session.number} ". " {r.session.title.clone()}</h1>
                <p class="muted">{display_date(&r.session.date)} " " {r.session.start_local.clone()} "–" {r.session.end_local.clone()} " · " {r.session.location.clone()}</p>
                <p class="count" aria-live="polite">{marked} " / " {total} " " {t.marked_count}</p>
                {can_mark.then(|| view! { <RestPresentForm session_id action=rest/> })}
                <ul class="roll-call">
                    {rows.into_iter().map(|(row, status)| view! { <RollCallItem session_id row status can_mark/> }).collect_view()}
                </ul>
            }
            .into_any()
        })}
    }
}

#[component]
fn RestPresentForm(session_id: i64, action: ServerAction<MarkRestPresent>) -> impl IntoView {
    let t = use_texts();
    view! {
        <ActionForm action=action attr:class="rest-present">
            <input type="hidden" name="session_id" value=session_id/>
            <button type="submit" class="primary wide">{t.mark_rest_present}</button>
        </ActionForm>
    }
}

/// One participant: the current mark, and one form whose four buttons each submit a status,
/// so a tap is a single request that works with or without the wasm.
#[component]
fn RollCallItem(
    session_id: i64,
    row: RollCallRow,
    status: RwSignal<Option<String>>,
    can_mark: bool,
) -> impl IntoView {
    let t = use_texts();
    let action = ServerAction::<Mark>::new();
    let note = row.note.clone().unwrap_or_default();
    Effect::new(move |_| {
        if let Some(Ok(mark)) = action.value().get() {
            status.set(Some(mark.status));
        }
    });
    let name = format!("{} {}", row.first_name, row.last_name);
    let label_id = format!("p-{}", row.participant_id);
    view! {
        <li class="roll-row" data-participant-id=row.participant_id>
            <div class="roll-head">
                <div>
                    <strong id=label_id.clone()>{name}</strong>
                    {row.buddy.clone().map(|b| view! { <div class="muted buddy">{t.buddy} ": " {b}</div> })}
                    // What they answered beforehand (text, link or their own page), and why not.
                    {row.answer.as_deref().map(|a| {
                        let (said, class) = if a == "yes" { (t.rollcall_said_coming, "answer answer-yes") } else { (t.rollcall_said_cannot, "answer answer-no") };
                        let why = (a == "no").then(|| row.note.clone().filter(|n| !n.trim().is_empty())).flatten();
                        view! { <div class=class>{said}{why.map(|w| format!(": «{w}»"))}</div> }
                    })}
                </div>
                <span class=move || format!("badge mark-{}", status.get().unwrap_or_default())>
                    {move || status_label(t, &status.get().unwrap_or_default())}
                </span>
            </div>
            {can_mark.then(|| view! {
                <ActionForm action=action attr:class="marks" attr:aria-labelledby=label_id>
                    <input type="hidden" name="session_id" value=session_id/>
                    <input type="hidden" name="participant_id" value=row.participant_id/>
                    {STATUSES.into_iter().map(|s| view! {
                        <button type="submit" name="status" value=s class=format!("mark mark-{s}")
                            aria-pressed=move || if status.get().as_deref() == Some(s) { "true" } else { "false" }>
                            {status_label(t, s)}
                        </button>
                    }).collect_view()}
                    <details class="note">
                        <summary>{t.note}</summary>
                        <input name="note" maxlength="500" value=note.clone() aria-label=t.note/>
                    </details>
                </ActionForm>
            })}
            {move || match action.value().get() {
                Some(Err(e)) => view! { <crate::components::ErrorMessage error=e/> }.into_any(),
                _ => ().into_any(),
            }}
        </li>
    }
}

#[server(endpoint = "attendance/grid")]
pub async fn get_grid(course_id: i64) -> Result<super::AttendanceGrid, AppError> {
    let staff = crate::auth::session::current_staff().await?;
    store::attendance::course_grid(&crate::db::db()?, &staff, course_id, crate::db::now())
        .await
        .map_err(AppError::from)
}

fn short_mark(t: &Texts, status: Option<&str>) -> (&'static str, &'static str) {
    // A letter for the cell and the full word for screen readers and the tooltip.
    match status {
        Some("present") => ("✓", t.present),
        Some("absent") => ("F", t.absent),
        Some("excused") => ("G", t.excused),
        Some("late") => ("S", t.late),
        _ => ("·", t.not_marked),
    }
}

/// Participants × sessions held so far, with totals and each participant's rate.
#[component]
pub fn AttendanceGridPage() -> impl IntoView {
    let t = use_texts();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|v| v.parse::<i64>().ok()).unwrap_or(0));
    let grid = Resource::new(id, get_grid);
    view! {
        <p class="muted"><A href=move || format!("/courses/{}", id())>{t.back_to_course}</A></p>
        <h1>{t.attendance_overview}</h1>
        <p class="muted">{t.grid_legend}</p>
        {loaded(grid, move |g| view! {
            <div class="scroll-x" tabindex="0" role="region" aria-label=t.attendance_overview>
                <table class="grid">
                    <thead>
                        <tr>
                            <th scope="col">{t.participants_title}</th>
                            {g.sessions.iter().map(|s| view! {
                                <th scope="col" title=display_date(&s.date) class:cancelled=s.cancelled>{s.number}</th>
                            }).collect_view()}
                            <th scope="col">"%"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {g.rows.into_iter().map(|r| view! {
                            <tr>
                                <th scope="row"><A href=format!("/participants/{}", r.participant_id)>{r.name}</A></th>
                                {r.marks.into_iter().map(|m| {
                                    let (short, long) = short_mark(t, m.as_deref());
                                    view! { <td class=format!("cell mark-{}", m.unwrap_or_default()) title=long aria-label=long>{short}</td> }
                                }).collect_view()}
                                <td>{r.rate.map(|r| r.to_string()).unwrap_or_else(|| "–".into())}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                    <tfoot>
                        <tr>
                            <th scope="row">{t.present}</th>
                            {g.sessions.iter().map(|s| view! { <td>{s.present + s.late}</td> }).collect_view()}
                            <td></td>
                        </tr>
                        <tr>
                            <th scope="row">{t.absent}</th>
                            {g.sessions.iter().map(|s| view! { <td>{s.absent}</td> }).collect_view()}
                            <td></td>
                        </tr>
                    </tfoot>
                </table>
            </div>
        }.into_any())}
    }
}
