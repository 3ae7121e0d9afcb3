//! Course pages: the overview of one's courses, the course list, a new course with a schedule
//! preview before saving, and a course's page with its schedule (move, cancel, add sessions)
//! and enrolments.

use super::{Course, Session};
use crate::app::{display_date, loaded, weekday_label, ActionOutcome, ErrorMessage, ForStaff};
use crate::error::AppError;
use crate::forms::PlainFormError;
use crate::i18n::{use_lang, use_texts, Lang, Texts};
use crate::participants::pages::EnrolmentTable;
use crate::participants::{Enrolment, Participant};
use crate::programmes::pages::{list_programmes, WeekdayPicker};
use crate::programmes::ProgrammeSummary;
use leptos::prelude::*;
use leptos_router::components::{Form, A};
use leptos_router::hooks::{use_params_map, use_query_map};
use serde::{Deserialize, Serialize};

#[server(endpoint = "courses/list")]
pub async fn list_courses() -> Result<Vec<Course>, AppError> {
    let staff = crate::auth::store::current_staff().await?;
    super::store::list_courses(&crate::db::db()?, &staff).await
}

/// Everything the course page shows.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct CoursePageData {
    pub course: Course,
    pub sessions: Vec<Session>,
    pub enrolments: Vec<Enrolment>,
    pub can_manage: bool,
    /// Leaders and admins of the course, and counsellors (for their own pupils).
    pub can_enrol: bool,
    /// Participants the user may enrol who are not enrolled or waitlisted yet.
    pub candidates: Vec<Participant>,
    pub pairs: crate::pairs::Pairing,
}

#[server(endpoint = "courses/page")]
pub async fn course_page(id: i64) -> Result<CoursePageData, AppError> {
    use super::store;
    let staff = crate::auth::store::current_staff().await?;
    let db = crate::db::db()?;
    store::require_view(&db, &staff, id).await?;
    let can_manage = store::require_manage(&db, &staff, id).await.is_ok();
    let enrolments = crate::participants::enrolment_store::list_enrolments(&db, &staff, id).await?;
    let taken: Vec<i64> = enrolments
        .iter()
        .filter(|e| e.status != "withdrawn")
        .map(|e| e.participant_id)
        .collect();
    let can_enrol = can_manage || staff.is_counsellor();
    let candidates = if can_enrol {
        crate::participants::store::search_participants(&db, &staff, "", 500)
            .await?
            .into_iter()
            .filter(|p| !taken.contains(&p.id))
            .collect()
    } else {
        vec![]
    };
    Ok(CoursePageData {
        course: store::get_course(&db, id).await?,
        sessions: store::list_sessions(&db, id).await?,
        enrolments,
        can_manage,
        can_enrol,
        candidates,
        pairs: crate::pairs::store::current(&db, &staff, id).await?,
    })
}

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
}

impl CourseForm {
    #[cfg(feature = "ssr")]
    fn into_input(self) -> Result<super::CourseInput, AppError> {
        let programme_id = self
            .programme_id
            .trim()
            .parse()
            .map_err(|_| AppError::invalid("programme_id", "choose a programme"))?;
        let capacity = match self.capacity.trim() {
            "" => None,
            c => Some(
                c.parse()
                    .map_err(|_| AppError::invalid("capacity", "a whole number"))?,
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
                            AppError::invalid("leader_ids", "choose leaders from the list")
                        })
                    })
                    .collect::<Result<Vec<i64>, _>>()?,
            ),
            // Set on the course page once the course exists.
            guardian_reminders: None,
        })
    }
}

#[server(endpoint = "courses/preview")]
pub async fn preview_course(form: CourseForm) -> Result<super::SchedulePreview, AppError> {
    crate::auth::store::current_staff().await?;
    super::store::preview_schedule(&crate::db::db()?, &form.into_input()?).await
}

#[server(endpoint = "courses/create")]
pub async fn create_course(form: CourseForm) -> Result<i64, AppError> {
    let result = async {
        let staff = crate::auth::store::current_staff().await?;
        let created = super::store::create_course(
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

/// Moves a session to a local date and times in the course's time zone.
#[server(endpoint = "pairs/generate")]
pub async fn generate_pairs(course_id: i64) -> Result<(), AppError> {
    let result = async {
        let staff = crate::auth::store::current_staff().await?;
        crate::pairs::store::generate(&crate::db::db()?, &staff, course_id, crate::db::now())
            .await
            .map(|_| ())
    }
    .await;
    crate::forms::plain_form(result)
}

#[server(endpoint = "pairs/adjust")]
pub async fn adjust_pairs(course_id: i64, a: i64, b: i64, how: String) -> Result<(), AppError> {
    let result = async {
        let staff = crate::auth::store::current_staff().await?;
        let join = how == "join";
        crate::pairs::store::adjust(
            &crate::db::db()?,
            &staff,
            course_id,
            a,
            b,
            join,
            crate::db::now(),
        )
        .await
        .map(|_| ())
    }
    .await;
    crate::forms::plain_form(result)
}

#[server(endpoint = "sessions/move")]
pub async fn move_session(
    session_id: i64,
    date: String,
    start_time: String,
    end_time: String,
) -> Result<(), AppError> {
    let result = async {
        use super::store::{get_course, get_session, parse_date, update_session};
        use crate::db::parse_hhmm;
        use crate::domain::schedule::local_instant;
        let staff = crate::auth::store::current_staff().await?;
        let db = crate::db::db()?;
        let session = get_session(&db, session_id).await?;
        let course = get_course(&db, session.course_id).await?;
        let tz: chrono_tz::Tz = course.time_zone.parse().unwrap_or(chrono_tz::Europe::Oslo);
        let day = parse_date("date", &date)?;
        let start = local_instant(tz, day, parse_hhmm("start_time", &start_time)?);
        let end = local_instant(tz, day, parse_hhmm("end_time", &end_time)?);
        let patch = super::SessionPatch {
            starts_at: Some(start.with_timezone(&tz).to_rfc3339()),
            ends_at: Some(end.with_timezone(&tz).to_rfc3339()),
            ..Default::default()
        };
        update_session(&db, &staff, session_id, patch, crate::db::now())
            .await
            .map(|_| ())
    }
    .await;
    crate::forms::plain_form(result)
}

#[server(endpoint = "sessions/status")]
pub async fn set_session_status(session_id: i64, status: String) -> Result<(), AppError> {
    let result = async {
        let staff = crate::auth::store::current_staff().await?;
        let patch = super::SessionPatch {
            status: Some(status),
            ..Default::default()
        };
        super::store::update_session(
            &crate::db::db()?,
            &staff,
            session_id,
            patch,
            crate::db::now(),
        )
        .await
        .map(|_| ())
    }
    .await;
    crate::forms::plain_form(result)
}

#[server(endpoint = "sessions/add")]
pub async fn add_session(
    course_id: i64,
    date: String,
    start_time: String,
    end_time: String,
    title: String,
    follow_up: Option<String>,
) -> Result<(), AppError> {
    let result = async {
        let staff = crate::auth::store::current_staff().await?;
        let db = crate::db::db()?;
        let new = super::NewSession {
            date,
            start_time,
            end_time,
            title,
            follow_up: follow_up.is_some(),
        };
        super::store::add_session(&db, &staff, course_id, &new, crate::db::now())
            .await
            .map(|_| ())
    }
    .await;
    crate::forms::plain_form(result)
}

#[component]
pub fn HomePage() -> impl IntoView {
    let t = use_texts();
    view! {
        <h1>{t.welcome}</h1>
        <crate::followups::pages::FollowUpPanel/>
        // Not inside ForStaff: a resource created in a view that waits for another one
        // breaks hydration. The panel shows nothing to counsellors by itself.
        <crate::messages::pages::MessagePanel/>
        <p>{t.home_intro}</p>
        <CourseList/>
    }
}

#[component]
pub fn CoursesPage() -> impl IntoView {
    let t = use_texts();
    view! {
        <div class="heading-row">
            <h1>{t.courses_title}</h1>
            <ForStaff allow=|u| !u.is_counsellor()>
                <A href="/courses/new" attr:class="button primary">{t.course_new}</A>
            </ForStaff>
        </div>
        <CourseList/>
    }
}

#[component]
fn CourseList() -> impl IntoView {
    let t = use_texts();
    let courses = Resource::new(|| (), |_| list_courses());
    view! {
        {loaded(courses, move |list| match list {
            list if list.is_empty() => view! { <p class="muted">{t.no_courses}</p> }.into_any(),
            list => view! {
                <ul class="cards">
                    {list.into_iter().map(|c| {
                        let summary = places(t, &c);
                        view! {
                        <li class="card">
                            <h2><A href=format!("/courses/{}", c.id)>{c.title.clone()}</A></h2>
                            <p class="muted">{c.programme_name.clone()} " · " {c.location.clone()}</p>
                            <p>{display_date(&c.start_date)} " · " {summary}</p>
                        </li>
                    }}).collect_view()}
                </ul>
            }.into_any(),
        })}
    }
}

fn places(t: &Texts, c: &Course) -> String {
    let cap = c.capacity.map(|c| format!("/{c}")).unwrap_or_default();
    let wait = if c.waitlisted > 0 {
        format!(", {} {}", c.waitlisted, t.on_waitlist)
    } else {
        String::new()
    };
    format!("{}{cap} {}{wait}", c.enrolled, t.places_taken)
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
                view! { <CourseFields form=form.get_untracked() programmes=list leaders/> }
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
    let nb = use_lang() == Lang::Nb;
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

#[component]
pub fn CoursePage() -> impl IntoView {
    let t = use_texts();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|v| v.parse::<i64>().ok()).unwrap_or(0));
    let move_action = ServerAction::<MoveSession>::new();
    let status_action = ServerAction::<SetSessionStatus>::new();
    let add_action = ServerAction::<AddSession>::new();
    let enrol_action = ServerAction::<crate::participants::pages::Enrol>::new();
    let withdraw_action = ServerAction::<crate::participants::pages::Withdraw>::new();
    let pairs_action = ServerAction::<GeneratePairs>::new();
    let adjust_action = ServerAction::<AdjustPairs>::new();
    let data = Resource::new(
        move || {
            (
                id(),
                move_action.version().get(),
                status_action.version().get(),
                add_action.version().get(),
                enrol_action.version().get(),
                withdraw_action.version().get(),
                pairs_action.version().get(),
                adjust_action.version().get(),
            )
        },
        |(id, ..)| course_page(id),
    );
    view! {
        <PlainFormError/>
        <ActionOutcome value=move_action.value()/>
        <ActionOutcome value=status_action.value()/>
        <ActionOutcome value=add_action.value()/>
        <ActionOutcome value=enrol_action.value()/>
        <ActionOutcome value=withdraw_action.value()/>
        <ActionOutcome value=pairs_action.value()/>
        <ActionOutcome value=adjust_action.value()/>
        {loaded(data, move |d| {
            let c = d.course.clone();
            let leaders = c.leaders.iter().map(|l| l.name.clone()).collect::<Vec<_>>().join(", ");
            view! {
                <h1>{c.title.clone()}</h1>
                <dl class="facts">
                    <dt>{t.programme}</dt><dd>{c.programme_name.clone()}</dd>
                    <dt>{t.public_name_short}</dt><dd>{c.public_name.clone()}</dd>
                    <dt>{t.location}</dt><dd>{c.location.clone()}</dd>
                    <dt>{t.leaders}</dt><dd>{leaders}</dd>
                    <dt>{t.capacity}</dt><dd>{places(t, &c)}</dd>
                </dl>
                <h2>{t.schedule}</h2>
                <p class="links">
                    <A href=format!("/courses/{}/attendance", c.id)>{t.attendance_overview}</A>
                    " · "
                    <A href=format!("/messages?course_id={}", c.id)>{t.nav_messages}</A>
                </p>
                <SessionList sessions=d.sessions.clone() can_manage=d.can_manage move_action status_action/>
                {d.can_manage.then(|| view! { <AddSessionForm course_id=c.id action=add_action/> })}
                <h2>{t.buddy_pairs}</h2>
                <PairList pairs=d.pairs.clone() course_id=c.id can_manage=d.can_manage action=pairs_action adjust=adjust_action/>
                <h2>{t.enrolments}</h2>
                <EnrolmentTable enrolments=d.enrolments.clone() can_withdraw=d.can_enrol withdraw_action show_course=false/>
                {(!d.candidates.is_empty()).then(|| view! {
                    <crate::participants::pages::EnrolForm course_id=c.id candidates=d.candidates.clone() action=enrol_action/>
                })}
                        }.into_any()
                    })}
        <crate::messages::rules::ReminderRulesSection
            scope=Signal::derive(move || crate::messages::rules::RuleScope::Course(id()))/>
        <crate::consent::pages::GuardianCopiesSetting course_id=id()/>
    }
}

#[component]
fn SessionList(
    sessions: Vec<Session>,
    can_manage: bool,
    move_action: ServerAction<MoveSession>,
    status_action: ServerAction<SetSessionStatus>,
) -> impl IntoView {
    let t = use_texts();
    let nb = use_lang() == Lang::Nb;
    view! {
        <ol class="sessions" aria-label=t.schedule>
            {sessions.into_iter().map(|s| {
                let cancelled = s.status == "cancelled";
                let kind = if s.kind == "follow_up" { t.kind_follow_up } else { t.kind_regular };
                let status = if cancelled { t.status_cancelled } else { t.status_scheduled };
                let next_status = if cancelled { "scheduled" } else { "cancelled" };
                let toggle = if cancelled { t.restore } else { t.cancel };
                view! {
                    <li class="session" class:cancelled=cancelled data-session-id=s.id>
                        <div class="session-head">
                            // "Nr." for screen readers as text: an aria-label on a plain span
                            // is not read (axe: aria-prohibited-attr, needs review).
                            <span class="visually-hidden">{t.number_short}</span>
                            <span class="num">{s.number}</span>
                            <div>
                                <strong class="session-title">{s.title.clone()}</strong>
                                <div class="muted">
                                    {kind} " · " {weekday_label(nb, &s.weekday)} " " {display_date(&s.date)} " · "
                                    {s.start_local.clone()} "–" {s.end_local.clone()} " · " {s.location.clone()}
                                </div>
                                {(!s.theme.is_empty()).then(|| view! { <div class="muted">{t.theme} ": " {s.theme.clone()}</div> })}
                                <A href=format!("/sessions/{}", s.id) attr:class="roll-link">{t.roll_call}</A>
                            </div>
                            <span class="badge" class:badge-warn=cancelled>{status}</span>
                        </div>
                        {can_manage.then(|| view! {
                            <details class="session-actions">
                                <summary>{t.move_session}</summary>
                                <ActionForm action=move_action attr:class="row">
                                    <input type="hidden" name="session_id" value=s.id/>
                                    <label>{t.date}<input type="date" name="date" required value=s.date.clone()/></label>
                                    <label>{t.start_time}<input type="time" name="start_time" required value=s.start_local.clone()/></label>
                                    <label>{t.end_time}<input type="time" name="end_time" required value=s.end_local.clone()/></label>
                                    <button type="submit">{t.move_button}</button>
                                </ActionForm>
                            </details>
                            <ActionForm action=status_action attr:class="inline">
                                <input type="hidden" name="session_id" value=s.id/>
                                <input type="hidden" name="status" value=next_status/>
                                <button type="submit" class="link">{toggle}</button>
                            </ActionForm>
                        })}
                    </li>
                }
            }).collect_view()}
        </ol>
    }
}

#[component]
fn AddSessionForm(course_id: i64, action: ServerAction<AddSession>) -> impl IntoView {
    let t = use_texts();
    view! {
        <details class="card">
            <summary>{t.add_session}</summary>
            <ActionForm action=action attr:class="stack">
                <input type="hidden" name="course_id" value=course_id/>
                <label for="as-title">{t.session_title}</label>
                <input id="as-title" name="title"/>
                <div class="row">
                    <label>{t.date}<input type="date" name="date" required/></label>
                    <label>{t.start_time}<input type="time" name="start_time" required value="12:00"/></label>
                    <label>{t.end_time}<input type="time" name="end_time" required value="14:00"/></label>
                </div>
                <label class="check"><input type="checkbox" name="follow_up" value="on"/>{t.is_follow_up}</label>
                <button type="submit">{t.add_session}</button>
            </ActionForm>
        </details>
    }
}

#[component]
fn PairList(
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
