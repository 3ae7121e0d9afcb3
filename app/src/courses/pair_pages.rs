//! A course's buddy pairs on its page: the current pairs, a new pairing, and changes by hand.

use crate::error::AppError;
use crate::i18n::use_texts;
use leptos::prelude::*;

/// A new pairing of the course's enrolled participants.
#[server(endpoint = "pairs/generate")]
pub async fn generate_pairs(course_id: i64) -> Result<(), AppError> {
    let result = async {
        let staff = crate::auth::session::current_staff().await?;
        store::pairs::generate(&crate::db::db()?, &staff, course_id, crate::db::now())
            .await
            .map_err(AppError::from)
            .map(|_| ())
    }
    .await;
    crate::forms::plain_form(result)
}

#[server(endpoint = "pairs/adjust")]
pub async fn adjust_pairs(course_id: i64, a: i64, b: i64, how: String) -> Result<(), AppError> {
    let result = async {
        let staff = crate::auth::session::current_staff().await?;
        let join = how == "join";
        store::pairs::adjust(
            &crate::db::db()?,
            &staff,
            course_id,
            a,
            b,
            join,
            crate::db::now(),
        )
        .await
        .map_err(AppError::from)
        .map(|_| ())
    }
    .await;
    crate::forms::plain_form(result)
}

#[component]
pub fn PairList(
    pairs: crate::pairs::Pairing,
    course_id: i64,
    can_manage: bool,
    action: ServerAction<GeneratePairs>,
    adjust: ServerAction<AdjustPairs>,
) -> impl IntoView {
    let t = use_texts();
    let names = |g: &crate::pairs::BuddyGroup| {
        g.members
            .iter()
            .filter(|m| m.active)
            .map(|m| {
                let flag = if g.needs_new_buddy.contains(&m.participant_id) {
                    format!(" ({})", t.needs_new_buddy)
                } else {
                    String::new()
                };
                format!("{}{flag}", m.name)
            })
            .collect::<Vec<_>>()
            .join(" + ")
    };
    view! {
        {if pairs.groups.is_empty() {
            view! { <p class="muted">{t.no_pairs}</p> }.into_any()
        } else {
            view! {
                <ul class="people pairs">
                    {pairs.groups.iter().map(|g| view! { <li>{names(g)}</li> }).collect_view()}
                </ul>
            }.into_any()
        }}
        {(!pairs.unpaired.is_empty() && !pairs.groups.is_empty()).then(|| view! {
            <p class="muted">{t.unpaired} ": " {pairs.unpaired.len()}</p>
        })}
        {can_manage.then(|| view! {
            <ActionForm action=action>
                <input type="hidden" name="course_id" value=course_id/>
                <button type="submit">{t.make_pairs}</button>
            </ActionForm>
        })}
        {(can_manage && !pairs.groups.is_empty()).then(|| {
            // Everyone in the current pairing, for the adjustment form.
            let mut people: Vec<(i64, String)> = pairs
                .groups
                .iter()
                .flat_map(|g| g.members.iter().filter(|m| m.active).map(|m| (m.participant_id, m.name.clone())))
                .collect();
            people.sort_by(|a, b| a.1.cmp(&b.1));
            let options = move || people.iter().map(|(id, name)| view! { <option value=*id>{name.clone()}</option> }).collect_view();
            view! {
                <details class="card">
                    <summary>{t.adjust_pairs}</summary>
                    <ActionForm action=adjust attr:class="stack">
                        <input type="hidden" name="course_id" value=course_id/>
                        <label for="adj-a">{t.participant}</label>
                        <select id="adj-a" name="a" required>{options()}</select>
                        <label for="adj-how">{t.adjust_how}</label>
                        <select id="adj-how" name="how">
                            <option value="swap">{t.adjust_swap}</option>
                            <option value="join">{t.adjust_join}</option>
                        </select>
                        <label for="adj-b">{t.participant}</label>
                        <select id="adj-b" name="b" required>{options()}</select>
                        <button type="submit">{t.save}</button>
                    </ActionForm>
                </details>
            }
        })}
    }
}
