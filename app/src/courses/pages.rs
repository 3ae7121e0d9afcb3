//! Course pages: the overview of one's courses, the course list, and a course's page with its
//! schedule, enrolments, buddy pairs and settings (the new-course form is in `new_course`, the
//! sessions' and pairs' parts in `session_pages` and `pair_pages`).

use super::{Course, Session};
use crate::components::{display_date, loaded, ActionOutcome, ForStaff};
use crate::error::AppError;
use crate::forms::PlainFormError;
use crate::i18n::{use_texts, Texts};
use crate::participants::pages::EnrolmentTable;
use crate::participants::{Enrolment, Participant};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use serde::{Deserialize, Serialize};

pub use super::new_course::NewCoursePage;
use super::pair_pages::{AdjustPairs, GeneratePairs, PairList};
use super::session_pages::{
    AddSession, AddSessionForm, MoveSession, SessionList, SetSessionStatus,
};

/// The active courses, or the closed ones.
#[server(endpoint = "courses/list")]
pub async fn list_courses(closed: bool) -> Result<Vec<Course>, AppError> {
    let staff = crate::auth::session::current_staff().await?;
    store::courses::list_courses(&crate::db::db()?, &staff, closed)
        .await
        .map_err(AppError::from)
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
    /// Who can be made a leader (active admins and leaders), for those who may change it.
    pub leader_choices: Vec<domain::courses::Leader>,
}

#[server(endpoint = "courses/page")]
pub async fn course_page(id: i64) -> Result<CoursePageData, AppError> {
    let staff = crate::auth::session::current_staff().await?;
    let db = crate::db::db()?;
    store::courses::require_view(&db, &staff, id).await?;
    let can_manage = store::courses::require_manage(&db, &staff, id)
        .await
        .is_ok();
    let enrolments = store::participants::enrolment::list_enrolments(&db, &staff, id).await?;
    let taken: Vec<i64> = enrolments
        .iter()
        .filter(|e| e.status != "withdrawn")
        .map(|e| e.participant_id)
        .collect();
    let can_enrol = can_manage || staff.is_counsellor();
    let candidates = if can_enrol {
        let first = store::paging::PageQuery::first(store::paging::MAX_LIMIT);
        store::participants::search_participants(&db, &staff, "", &first, "enrolment choices")
            .await?
            .items
            .into_iter()
            .filter(|p| !taken.contains(&p.id))
            .collect()
    } else {
        vec![]
    };
    let leader_choices = if can_manage {
        store::auth::list_staff(&db)
            .await?
            .into_iter()
            .filter(|s| !s.is_counsellor())
            .map(|s| domain::courses::Leader {
                id: s.id,
                name: s.name,
            })
            .collect()
    } else {
        vec![]
    };
    Ok(CoursePageData {
        leader_choices,
        course: store::courses::get_course(&db, id).await?,
        sessions: store::courses::list_sessions(&db, id).await?,
        enrolments,
        can_manage,
        can_enrol,
        candidates,
        pairs: store::pairs::current(&db, &staff, id).await?,
    })
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
        <p><A href="/closed-periods">{t.closed_periods_link}</A></p>
    }
}

#[component]
pub fn CoursesPage() -> impl IntoView {
    let t = use_texts();
    let closed = move || {
        leptos_router::hooks::use_query_map().with(|q| q.get("closed").is_some_and(|v| v == "1"))
    };
    view! {
        <div class="heading-row">
            <h1>{move || if closed() { t.courses_closed_link } else { t.courses_title }}</h1>
            <ForStaff allow=|u| !u.is_counsellor()>
                <A href="/courses/new" attr:class="button primary">{t.course_new}</A>
            </ForStaff>
        </div>
        {move || if closed() {
            view! { <p><A href="/courses">{t.courses_active_link}</A></p> }.into_any()
        } else {
            view! { <p><A href="/courses?closed=1">{t.courses_closed_link}</A></p> }.into_any()
        }}
        <CourseList closed=Signal::derive(closed)/>
    }
}

#[component]
fn CourseList(#[prop(optional, into)] closed: Signal<bool>) -> impl IntoView {
    let t = use_texts();
    let courses = Resource::new(move || closed.get(), list_courses);
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
    let change_action = ServerAction::<super::edit::ChangeCourse>::new();
    let close_action = ServerAction::<super::edit::CloseCourse>::new();
    let delete_action = ServerAction::<super::edit::DeleteCourse>::new();
    let data = Resource::new(
        move || {
            (
                (change_action.version().get(), close_action.version().get()),
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
        |(_, id, ..)| course_page(id),
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
        <ActionOutcome value=change_action.value()/>
        <ActionOutcome value=close_action.value()/>
        <ActionOutcome value=delete_action.value()/>
        {loaded(data, move |d| {
            let c = d.course.clone();
            let leaders = c.leaders.iter().map(|l| l.name.clone()).collect::<Vec<_>>().join(", ");
            view! {
                <h1>{c.title.clone()}</h1>
                <dl class="facts">
                    <dt>{t.programme}</dt><dd>{c.programme_name.clone()}</dd>
                    <dt>{t.public_name_short}</dt><dd>{c.public_name.clone()}</dd>
                    <dt>{t.location}</dt><dd>{c.location.clone()}</dd>
                    {c.school_name.clone().map(|s| view! { <dt>{t.school}</dt><dd>{s}</dd> })}
                    <dt>{t.leaders}</dt><dd>{leaders}</dd>
                    <dt>{t.capacity}</dt><dd>{places(t, &c)}</dd>
                    {(!c.note.is_empty()).then(|| view! { <dt>{t.course_note}</dt><dd>{c.note.clone()}</dd> })}
                    {c.closed_at.map(|at| view! { <dt>{t.status}</dt><dd>{format!("{} {}", t.course_closed, at.format("%d.%m.%Y"))}</dd> })}
                </dl>
                {d.can_manage.then(|| view! {
                    <super::edit::CourseChanges course=c.clone() choices=d.leader_choices.clone()
                        change=change_action close=close_action delete=delete_action/>
                })}
                <h2>{t.schedule}</h2>
                <p class="links">
                    <A href=format!("/courses/{}/attendance", c.id)>{t.attendance_overview}</A>
                    " · "
                    <A href=format!("/messages?course_id={}", c.id)>{t.nav_messages}</A>
                    " · "
                    <A href=format!("/courses/{}/report", c.id)>{t.report_course_link}</A>
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
        <crate::calendar::StaffCalendarSection kind="course" id=id()/>
    }
}
