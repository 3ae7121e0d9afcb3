//! Creating a course: the form (kept in the query string, so it survives a preview and works
//! without the wasm), the schedule preview, and saving.

use crate::components::{display_date, weekday_label, ActionOutcome, ErrorMessage};
use crate::error::AppError;
use crate::forms::PlainFormError;
use crate::i18n::{use_lang, use_texts, Language};
use crate::programmes::pages::{list_programmes, WeekdayPicker};
use crate::programmes::ProgrammeSummary;
#[cfg(feature = "ssr")]
use domain::problem::Code;
use leptos::prelude::*;
use leptos_router::components::Form;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

/// The course form's fields as the page's query string and the save form carry them.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CourseForm {
    pub programme_id: String,
    pub title: String,
    pub public_name: String,
    pub location: String,
    pub capacity: String,
    pub start_date: String,
    pub weekdays: Vec<String>,
    pub start_time: String,
    pub end_time: String,
    pub time_zone: String,
    pub closed_dates: String,
    /// Staff ids; empty means the user creating the course leads it.
    pub leader_ids: Vec<String>,
    /// The one school the course is for; empty for none.
    pub school_id: String,
}

impl CourseForm {
    #[cfg(feature = "ssr")]
    fn into_input(self) -> Result<super::CourseInput, AppError> {
        let programme_id = self
            .programme_id
            .trim()
            .parse()
            .map_err(|_| AppError::invalid("programme_id", Code::ChooseProgramme))?;
        let capacity = match self.capacity.trim() {
            "" => None,
            c => Some(
                c.parse()
                    .map_err(|_| AppError::invalid("capacity", Code::WholeNumber))?,
            ),
        };
        Ok(super::CourseInput {
            programme_id,
            title: self.title,
            public_name: self.public_name,
            location: self.location,
            capacity,
            start_date: self.start_date,
            weekdays: self.weekdays,
            start_time: self.start_time,
            end_time: self.end_time,
            time_zone: Some(self.time_zone),
            closed_dates: self
                .closed_dates
                .split([',', '\n', ' '])
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect(),
            leader_ids: Some(
                self.leader_ids
                    .iter()
                    .map(|id| {
                        id.parse().map_err(|_| {
                            AppError::invalid("leader_ids", Code::ChooseLeadersFromList)
                        })
                    })
                    .collect::<Result<Vec<i64>, _>>()?,
            ),
            // Set on the course page once the course exists.
            guardian_reminders: None,
            school_id: match self.school_id.trim() {
                "" => None,
                id => Some(
                    id.parse()
                        .map_err(|_| AppError::invalid("school_id", Code::NoSuchSchool))?,
                ),
            },
        })
    }
}

#[server(endpoint = "courses/preview")]
pub async fn preview_course(form: CourseForm) -> Result<super::SchedulePreview, AppError> {
    crate::auth::session::current_staff().await?;
    store::courses::preview_schedule(&crate::db::db()?, &form.into_input()?)
        .await
        .map_err(AppError::from)
}

#[server(endpoint = "courses/create")]
pub async fn create_course(form: CourseForm) -> Result<i64, AppError> {
    let result = async {
        let staff = crate::auth::session::current_staff().await?;
        let created = store::courses::create_course(
            &crate::db::db()?,
            &staff,
            form.into_input()?,
            crate::db::now(),
        )
        .await?;
        leptos_axum::redirect(&format!("/courses/{}", created.course.id));
        Ok(created.course.id)
    }
    .await;
    crate::forms::plain_form(result)
}

/// The values of list fields named `name[i]` in a query string, in index order.
fn query_list(q: &leptos_router::params::ParamsMap, name: &str) -> Vec<String> {
    let prefix = format!("{name}[");
    let mut items: Vec<(usize, String)> = q
        .into_iter()
        .filter_map(|(k, v)| {
            let index = k.strip_prefix(&prefix)?.strip_suffix(']')?.parse().ok()?;
            Some((index, v.to_string()))
        })
        .collect();
    items.sort();
    items.into_iter().map(|(_, v)| v).collect()
}

fn query_form(q: &leptos_router::params::ParamsMap) -> CourseForm {
    let get = |k: &str| q.get(k).unwrap_or_default();
    CourseForm {
        programme_id: get("programme_id"),
        title: get("title"),
        public_name: get("public_name"),
        location: get("location"),
        capacity: get("capacity"),
        start_date: get("start_date"),
        weekdays: query_list(q, "weekdays"),
        leader_ids: query_list(q, "leader_ids"),
        start_time: q.get("start_time").unwrap_or_else(|| "12:00".into()),
        end_time: q.get("end_time").unwrap_or_else(|| "14:00".into()),
        time_zone: q.get("time_zone").unwrap_or_else(|| "Europe/Oslo".into()),
        closed_dates: get("closed_dates"),
        school_id: get("school_id"),
    }
}

/// A new course: fill in the form, preview the generated schedule (a GET of this page, so it
/// works without wasm), then save.
#[component]
pub fn NewCoursePage() -> impl IntoView {
    let t = use_texts();
    let query = use_query_map();
    let form = Memo::new(move |_| query.with(query_form));
    let programmes = Resource::new(|| (), |_| list_programmes());
    let staff = Resource::new(|| (), |_| crate::participants::pages::list_contacts());
    let schools = Resource::new(|| (), |_| crate::schools::list_schools());
    let preview = Resource::new(
        move || form.get(),
        |f| async move {
            if f.programme_id.is_empty() {
                None
            } else {
                Some(preview_course(f).await)
            }
        },
    );
    let create = ServerAction::<CreateCourse>::new();
    view! {
        <h1>{t.course_new}</h1>
        <PlainFormError/>
        <Transition fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                let list = programmes.await.unwrap_or_default();
                let leaders = staff.await.unwrap_or_default().into_iter().filter(|s| !s.is_counsellor()).collect();
                let schools = schools.await.unwrap_or_default().into_iter().filter(|s| s.active).collect();
                view! { <CourseFields form=form.get_untracked() programmes=list leaders schools/> }
            })}
        </Transition>
        <Transition fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                match preview.await {
                    None => ().into_any(),
                    Some(Err(e)) => view! { <ErrorMessage error=e/> }.into_any(),
                    Some(Ok(p)) => {
                        let f = form.get_untracked();
                        view! {
                            <section class="card" aria-labelledby="preview-title">
                                <h2 id="preview-title">{t.preview_title}</h2>
                                <PreviewTable preview=p/>
                                <ActionForm action=create>
                                    <HiddenCourseForm form=f/>
                                    <button type="submit" class="primary">{t.save_course}</button>
                                </ActionForm>
                                <ActionOutcome value=create.value()/>
                            </section>
                        }.into_any()
                    }
                }
            })}
        </Transition>
    }
}

#[component]
fn CourseFields(
    form: CourseForm,
    programmes: Vec<ProgrammeSummary>,
    leaders: Vec<crate::auth::Staff>,
    schools: Vec<domain::schools::School>,
) -> impl IntoView {
    let t = use_texts();
    view! {
        <Form method="GET" action="/courses/new" attr:class="card stack">
            <label for="cf-programme">{t.programme}</label>
            <select id="cf-programme" name="programme_id" required>
                <option value="">{t.choose}</option>
                {programmes.into_iter().map(|p| {
                    let selected = form.programme_id == p.id.to_string();
                    view! { <option value=p.id selected=selected>{p.name}</option> }
                }).collect_view()}
            </select>
            <label for="cf-title">{t.course_title}</label>
            <input id="cf-title" name="title" required value=form.title.clone()/>
            <label for="cf-public">{t.public_name}</label>
            <input id="cf-public" name="public_name" value=form.public_name.clone()/>
            <label for="cf-location">{t.location}</label>
            <input id="cf-location" name="location" required value=form.location.clone()/>
            <label for="cf-school">{t.course_school}</label>
            <select id="cf-school" name="school_id" aria-describedby="cf-school-help">
                <option value="">{t.course_school_none}</option>
                {schools.into_iter().map(|s| {
                    let selected = form.school_id == s.id.to_string();
                    view! { <option value=s.id selected=selected>{s.name}</option> }
                }).collect_view()}
            </select>
            <small id="cf-school-help" class="muted">{t.course_school_help}</small>
            <div class="row">
                <div>
                    <label for="cf-capacity">{t.capacity}</label>
                    <input id="cf-capacity" name="capacity" type="number" min="1" value=form.capacity.clone()/>
                </div>
                <div>
                    <label for="cf-start">{t.start_date}</label>
                    <input id="cf-start" name="start_date" type="date" required value=form.start_date.clone()/>
                </div>
            </div>
            <WeekdayPicker selected=form.weekdays.clone()/>
            <div class="row">
                <div>
                    <label for="cf-st">{t.start_time}</label>
                    <input id="cf-st" name="start_time" type="time" required value=form.start_time.clone()/>
                </div>
                <div>
                    <label for="cf-et">{t.end_time}</label>
                    <input id="cf-et" name="end_time" type="time" required value=form.end_time.clone()/>
                </div>
            </div>
            <fieldset>
                <legend>{t.leaders}</legend>
                {leaders.into_iter().enumerate().map(|(i, s)| {
                    let id = format!("cf-leader-{}", s.id);
                    let label_for = id.clone();
                    let checked = form.leader_ids.iter().any(|l| *l == s.id.to_string());
                    view! {
                        <label for=label_for class="check">
                            <input type="checkbox" id=id name=format!("leader_ids[{i}]") value=s.id checked=checked/>
                            {s.name}
                        </label>
                    }
                }).collect_view()}
            </fieldset>
            <label for="cf-tz">{t.time_zone}</label>
            <input id="cf-tz" name="time_zone" value=form.time_zone.clone()/>
            <label for="cf-closed">{t.closed_dates}</label>
            <textarea id="cf-closed" name="closed_dates" rows="3">{form.closed_dates.clone()}</textarea>
            <button type="submit">{t.preview}</button>
        </Form>
    }
}

/// The course fields again as hidden inputs, for the save form under the preview.
#[component]
fn HiddenCourseForm(form: CourseForm) -> impl IntoView {
    let fields = [
        ("form[programme_id]", form.programme_id),
        ("form[title]", form.title),
        ("form[public_name]", form.public_name),
        ("form[location]", form.location),
        ("form[capacity]", form.capacity),
        ("form[start_date]", form.start_date),
        ("form[start_time]", form.start_time),
        ("form[end_time]", form.end_time),
        ("form[time_zone]", form.time_zone),
        ("form[closed_dates]", form.closed_dates),
        ("form[school_id]", form.school_id),
    ];
    view! {
        {fields.into_iter().map(|(name, value)| view! { <input type="hidden" name=name value=value/> }).collect_view()}
        {form.weekdays.into_iter().enumerate().map(|(i, d)| view! {
            <input type="hidden" name=format!("form[weekdays][{i}]") value=d/>
        }).collect_view()}
        {form.leader_ids.into_iter().enumerate().map(|(i, id)| view! {
            <input type="hidden" name=format!("form[leader_ids][{i}]") value=id/>
        }).collect_view()}
    }
}

#[component]
fn PreviewTable(preview: super::SchedulePreview) -> impl IntoView {
    let t = use_texts();
    let nb = use_lang() == Language::Nb;
    view! {
        <table class="schedule">
            <thead><tr><th>{t.number_short}</th><th>{t.session_title}</th><th>{t.date}</th><th>{t.time}</th></tr></thead>
            <tbody>
                {preview.sessions.into_iter().map(|s| view! {
                    <tr class=if s.kind == "follow_up" { "follow-up" } else { "" }>
                        <td>{s.number}</td>
                        <td>{s.title}</td>
                        <td>{weekday_label(nb, &s.weekday)} " " {display_date(&s.date)}</td>
                        <td>{s.start_local} "–" {s.end_local}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
        {(!preview.skipped.is_empty()).then(|| view! {
            <p class="muted">
                {t.skipped_days} ": "
                {preview.skipped.into_iter().map(|d| {
                    let reason = if d.reason == "closed" { t.closed_day.to_string() } else { d.reason };
                    format!("{} ({reason})", display_date(&d.date))
                }).collect::<Vec<_>>().join(", ")}
            </p>
        })}
    }
}
