//! `/schools` (admins): the managed list of schools — add one with its kind, rename it,
//! change its kind, retire or restore it. Every staff member's forms offer the active ones.

use crate::components::{loaded, ActionOutcome};
use crate::error::AppError;
use crate::forms::PlainFormError;
use crate::i18n::{use_texts, Texts};
use domain::schools::{School, SchoolKind};
use leptos::prelude::*;

/// Every school, active ones first, for forms to choose from; a counsellor's forms offer only
/// their own school (the only one they may register pupils at).
#[server(endpoint = "schools/list")]
pub async fn list_schools() -> Result<Vec<School>, AppError> {
    let actor = crate::auth::session::current_staff().await?;
    let mut schools = store::schools::list(&crate::db::db()?).await?;
    if actor.is_counsellor() {
        schools.retain(|s| Some(s.id) == actor.school_id);
    }
    Ok(schools)
}

#[server(endpoint = "schools/add")]
pub async fn add_school(name: String, kind: String) -> Result<(), AppError> {
    let result = async {
        let actor = crate::auth::session::current_staff().await?;
        let input = domain::schools::SchoolInput {
            name,
            kind: Some(kind),
        };
        store::schools::create(&crate::db::db()?, &actor, input, crate::db::now()).await?;
        Ok(())
    }
    .await;
    crate::forms::plain_form(result)
}

#[server(endpoint = "schools/change")]
pub async fn change_school(
    id: i64,
    name: String,
    kind: String,
    active: bool,
) -> Result<(), AppError> {
    let result = async {
        let actor = crate::auth::session::current_staff().await?;
        let patch = domain::schools::SchoolPatch {
            name: Some(name),
            kind: Some(kind),
            active: Some(active),
        };
        store::schools::update(&crate::db::db()?, &actor, id, patch, crate::db::now()).await?;
        Ok(())
    }
    .await;
    crate::forms::plain_form(result)
}

pub fn kind_label(t: &Texts, kind: &str) -> &'static str {
    match SchoolKind::parse(kind) {
        Some(SchoolKind::LowerSecondary) => t.school_lower_secondary,
        Some(SchoolKind::UpperSecondary) => t.school_upper_secondary,
        _ => t.school_other,
    }
}

#[component]
fn KindSelect(id: String, kind: String) -> impl IntoView {
    let t = use_texts();
    view! {
        <select id=id name="kind">
            {SchoolKind::ALL.iter().map(|k| view! {
                <option value=k.code() selected=kind == k.code()>{kind_label(t, k.code())}</option>
            }).collect_view()}
        </select>
    }
}

#[component]
pub fn SchoolsPage() -> impl IntoView {
    let t = use_texts();
    let add = ServerAction::<AddSchool>::new();
    let change = ServerAction::<ChangeSchool>::new();
    let data = Resource::new(
        move || (add.version().get(), change.version().get()),
        |_| list_schools(),
    );
    view! {
        <p><a href="/staff">{t.nav_admin}</a></p>
        <h1>{t.schools_title}</h1>
        <p class="muted">{t.schools_help}</p>
        <PlainFormError/>
        {loaded(data, move |schools| view! {
            <ul class="cards">
                {schools.into_iter().map(|s| {
                    let name_id = format!("school-{}-name", s.id);
                    let kind_id = format!("school-{}-kind", s.id);
                    let (name, kind) = (s.name.clone(), s.kind.clone());
                    let (same_name, same_kind) = (s.name.clone(), s.kind.clone());
                    view! {
                        <li class="card">
                            <details>
                                <summary>
                                    <strong>{s.name.clone()}</strong>
                                    {format!(" · {}", kind_label(t, &s.kind))}
                                    {(!s.active).then(|| format!(" · {}", t.school_retired))}
                                </summary>
                                <ActionForm action=change attr:class="stack">
                                    <input type="hidden" name="id" value=s.id/>
                                    <label for=name_id.clone()>{t.programme_name}</label>
                                    <input id=name_id name="name" required value=name/>
                                    <label for=kind_id.clone()>{t.school_kind}</label>
                                    <KindSelect id=kind_id kind=kind/>
                                    <input type="hidden" name="active" value=s.active.to_string()/>
                                    <button type="submit" class="primary">{t.save}</button>
                                </ActionForm>
                                <ActionForm action=change>
                                    <input type="hidden" name="id" value=s.id/>
                                    <input type="hidden" name="name" value=same_name/>
                                    <input type="hidden" name="kind" value=same_kind/>
                                    <input type="hidden" name="active" value=(!s.active).to_string()/>
                                    <button type="submit">{if s.active { t.school_retire } else { t.school_restore }}</button>
                                </ActionForm>
                            </details>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <h2>{t.school_new}</h2>
            <ActionForm action=add attr:class="card stack">
                <label for="new-school-name">{t.programme_name}</label>
                <input id="new-school-name" name="name" required/>
                <label for="new-school-kind">{t.school_kind}</label>
                <KindSelect id="new-school-kind".to_string() kind="lower_secondary".to_string()/>
                <button type="submit" class="primary">{t.create}</button>
            </ActionForm>
        }.into_any())}
        <ActionOutcome value=add.value()/>
        <ActionOutcome value=change.value()/>
    }
}
