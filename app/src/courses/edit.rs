//! Changing a course on its page: title, public name, place, capacity, leaders and a note;
//! closing it when it is over; deleting one nobody was enrolled in. The same rules as
//! `PATCH /api/v1/courses/{id}` (they live in the store).

use crate::error::AppError;
use crate::i18n::use_texts;
use domain::courses::{Course, Leader};
#[cfg(feature = "ssr")]
use domain::problem::Code;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The change form's fields as the browser posts them.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CourseChangeForm {
    pub title: String,
    pub public_name: String,
    pub location: String,
    /// Empty: no limit.
    pub capacity: String,
    pub note: String,
    pub leader_ids: Vec<String>,
}

#[cfg(feature = "ssr")]
impl CourseChangeForm {
    fn into_patch(self) -> Result<domain::courses::CoursePatch, AppError> {
        let capacity = match self.capacity.trim() {
            "" => None,
            c => Some(
                c.parse()
                    .map_err(|_| AppError::invalid("capacity", Code::WholeNumber))?,
            ),
        };
        let leader_ids = self
            .leader_ids
            .iter()
            .map(|id| {
                id.parse()
                    .map_err(|_| AppError::invalid("leader_ids", Code::ChooseLeadersFromList))
            })
            .collect::<Result<Vec<i64>, _>>()?;
        Ok(domain::courses::CoursePatch {
            title: Some(self.title),
            public_name: Some(self.public_name),
            location: Some(self.location),
            capacity: Some(capacity),
            leader_ids: Some(leader_ids),
            note: Some(self.note),
        })
    }
}

#[server(endpoint = "courses/change")]
pub async fn change_course(id: i64, form: CourseChangeForm) -> Result<(), AppError> {
    let result = async {
        let staff = crate::auth::session::current_staff().await?;
        let patch = form.into_patch()?;
        store::courses::update_course(&crate::db::db()?, &staff, id, patch, crate::db::now())
            .await?;
        Ok(())
    }
    .await;
    crate::forms::plain_form(result)
}

#[server(endpoint = "courses/close")]
pub async fn close_course(id: i64) -> Result<(), AppError> {
    let result = async {
        let staff = crate::auth::session::current_staff().await?;
        store::courses::close_course(&crate::db::db()?, &staff, id, crate::db::now()).await?;
        Ok(())
    }
    .await;
    crate::forms::plain_form(result)
}

#[server(endpoint = "courses/delete")]
pub async fn delete_course(id: i64) -> Result<(), AppError> {
    let result = async {
        let staff = crate::auth::session::current_staff().await?;
        store::courses::delete_course(&crate::db::db()?, &staff, id, crate::db::now()).await?;
        if crate::forms::is_plain_form() {
            leptos_axum::redirect("/courses");
        }
        Ok(())
    }
    .await;
    crate::forms::plain_form(result)
}

/// The change form, and the close and delete buttons where they apply.
#[component]
pub fn CourseChanges(
    course: Course,
    choices: Vec<Leader>,
    change: ServerAction<ChangeCourse>,
    close: ServerAction<CloseCourse>,
    delete: ServerAction<DeleteCourse>,
) -> impl IntoView {
    let t = use_texts();
    let c = course;
    let chosen: Vec<i64> = c.leaders.iter().map(|l| l.id).collect();
    // After a deletion in the browser there is no course page left to show.
    Effect::new(move |_| {
        if let Some(Ok(())) = delete.value().get() {
            #[cfg(feature = "hydrate")]
            {
                let _ = window().location().set_href("/courses");
            }
        }
    });
    view! {
        <details class="card">
            <summary>{t.course_change}</summary>
            <ActionForm action=change attr:class="stack">
                <input type="hidden" name="id" value=c.id/>
                <label for="cc-title">{t.course_title}</label>
                <input id="cc-title" name="form[title]" required value=c.title.clone()/>
                <label for="cc-public">{t.public_name}</label>
                <input id="cc-public" name="form[public_name]" required value=c.public_name.clone()/>
                <label for="cc-location">{t.location}</label>
                <input id="cc-location" name="form[location]" required value=c.location.clone()/>
                <label for="cc-capacity">{t.capacity}</label>
                <input id="cc-capacity" name="form[capacity]" type="number" min="1" inputmode="numeric"
                    aria-describedby="cc-capacity-help" value=c.capacity.map(|n| n.to_string())/>
                <small id="cc-capacity-help" class="muted">{t.capacity_change_help}</small>
                <fieldset>
                    <legend>{t.leaders}</legend>
                    {choices.into_iter().enumerate().map(|(i, l)| {
                        let id = format!("cc-leader-{}", l.id);
                        let label_for = id.clone();
                        view! {
                            <label for=label_for class="check">
                                <input type="checkbox" id=id name=format!("form[leader_ids][{i}]") value=l.id
                                    checked=chosen.contains(&l.id)/>
                                {l.name}
                            </label>
                        }
                    }).collect_view()}
                </fieldset>
                <label for="cc-note">{t.course_note}</label>
                <textarea id="cc-note" name="form[note]" rows="3">{c.note.clone()}</textarea>
                <button type="submit" class="primary">{t.save}</button>
            </ActionForm>
        </details>
        <div class="row">
            {c.closed_at.is_none().then(|| view! {
                <ActionForm action=close>
                    <input type="hidden" name="id" value=c.id/>
                    <button type="submit">{t.course_close}</button>
                </ActionForm>
            })}
            {(c.enrolled + c.waitlisted == 0).then(|| view! {
                <ActionForm action=delete>
                    <input type="hidden" name="id" value=c.id/>
                    <button type="submit">{t.course_delete}</button>
                </ActionForm>
            })}
        </div>
    }
}
