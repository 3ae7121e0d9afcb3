//! The roll call page, made for a phone in the group room: everyone on the list with four
//! large buttons (present, absent, excused, late); one tap saves at once.

use super::{AttendanceMark, RollCall, RollCallRow};
use crate::app::{display_date, loaded, ActionOutcome};
use crate::error::AppError;
use crate::forms::PlainFormError;
use crate::i18n::{use_texts, Texts};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

#[server(endpoint = "attendance/roll_call")]
pub async fn get_roll_call(session_id: i64) -> Result<RollCall, AppError> {
    let staff = crate::auth::store::current_staff().await?;
    super::store::roll_call(&crate::db::db()?, &staff, session_id).await
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
        let staff = crate::auth::store::current_staff().await?;
        let input = super::MarkInput { status, note };
        super::store::mark(
            &crate::db::db()?,
            &staff,
            session_id,
            participant_id,
            input,
            crate::db::now(),
        )
        .await
    }
    .await;
    crate::forms::plain_form(result)
}

#[server(endpoint = "attendance/rest_present")]
pub async fn mark_rest_present(session_id: i64) -> Result<u64, AppError> {
    let result = async {
        let staff = crate::auth::store::current_staff().await?;
        super::store::mark_rest_present(&crate::db::db()?, &staff, session_id, crate::db::now())
            .await
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
                Some(Err(e)) => view! { <crate::app::ErrorMessage error=e/> }.into_any(),
                _ => ().into_any(),
            }}
        </li>
    }
}
