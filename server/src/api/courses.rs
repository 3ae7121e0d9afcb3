//! /api/v1/courses and /api/v1/sessions: create a course (its schedule is generated), preview a
//! schedule, read, change, close and delete courses, read sessions, and move, relocate or
//! cancel a session.

use super::extract::{Caller, Json, Path, Query};
use crate::state::AppState;
use app::courses::{
    Course, CourseInput, CourseWithSessions, NewSession, SchedulePreview, Session, SessionPatch,
};
use app::error::AppResult;
use axum::extract::{OriginalUri, State};
use axum::response::Response;
use axum::routing::{get, patch, post};
use axum::{http::StatusCode, Router};
use chrono::Utc;
use domain::courses::CoursePatch;
use store::courses;
use store::paging::PageQuery;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/courses", get(list).post(create))
        .route("/courses/preview", post(preview))
        .route("/courses/{id}", get(read).patch(update).delete(remove))
        .route("/courses/{id}/close", post(close))
        .route("/courses/{id}/sessions", get(sessions).post(add_session))
        .route("/sessions/{id}", patch(update_session).get(read_session))
}

#[derive(serde::Deserialize)]
struct ListQuery {
    /// `true`: the closed courses instead of the active ones.
    #[serde(default)]
    closed: bool,
}

async fn list(
    State(s): State<AppState>,
    Caller(staff): Caller,
    OriginalUri(uri): OriginalUri,
    Query(q): Query<ListQuery>,
    Query(asked): Query<PageQuery>,
) -> AppResult<Response> {
    let page = courses::page_courses(&s.pool, &staff, q.closed, &asked).await?;
    Ok(super::paging::answer(&uri, page))
}

async fn update(
    State(s): State<AppState>,
    Caller(staff): Caller,
    Path(id): Path<i64>,
    Json(patch): Json<CoursePatch>,
) -> AppResult<axum::Json<Course>> {
    Ok(axum::Json(
        courses::update_course(&s.pool, &staff, id, patch, Utc::now()).await?,
    ))
}

async fn close(
    State(s): State<AppState>,
    Caller(staff): Caller,
    Path(id): Path<i64>,
) -> AppResult<axum::Json<Course>> {
    Ok(axum::Json(
        courses::close_course(&s.pool, &staff, id, Utc::now()).await?,
    ))
}

async fn remove(
    State(s): State<AppState>,
    Caller(staff): Caller,
    Path(id): Path<i64>,
) -> AppResult<StatusCode> {
    courses::delete_course(&s.pool, &staff, id, Utc::now()).await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn create(
    State(s): State<AppState>,
    Caller(staff): Caller,
    Json(input): Json<CourseInput>,
) -> AppResult<(StatusCode, axum::Json<CourseWithSessions>)> {
    let created = courses::create_course(&s.pool, &staff, input, Utc::now()).await?;
    Ok((StatusCode::CREATED, axum::Json(created)))
}

async fn preview(
    State(s): State<AppState>,
    Caller(_): Caller,
    Json(input): Json<CourseInput>,
) -> AppResult<axum::Json<SchedulePreview>> {
    Ok(axum::Json(
        courses::preview_schedule(&s.pool, &input).await?,
    ))
}

async fn read(
    State(s): State<AppState>,
    Caller(staff): Caller,
    Path(id): Path<i64>,
) -> AppResult<axum::Json<CourseWithSessions>> {
    courses::require_view(&s.pool, &staff, id).await?;
    let course = courses::get_course(&s.pool, id).await?;
    let sessions = courses::list_sessions(&s.pool, id).await?;
    Ok(axum::Json(CourseWithSessions { course, sessions }))
}

async fn sessions(
    State(s): State<AppState>,
    Caller(staff): Caller,
    Path(id): Path<i64>,
) -> AppResult<axum::Json<Vec<Session>>> {
    courses::require_view(&s.pool, &staff, id).await?;
    Ok(axum::Json(courses::list_sessions(&s.pool, id).await?))
}

async fn read_session(
    State(s): State<AppState>,
    Caller(staff): Caller,
    Path(id): Path<i64>,
) -> AppResult<axum::Json<Session>> {
    let session = courses::get_session(&s.pool, id).await?;
    courses::require_view(&s.pool, &staff, session.course_id).await?;
    Ok(axum::Json(session))
}

async fn update_session(
    State(s): State<AppState>,
    Caller(staff): Caller,
    Path(id): Path<i64>,
    Json(patch): Json<SessionPatch>,
) -> AppResult<axum::Json<Session>> {
    Ok(axum::Json(
        courses::update_session(&s.pool, &staff, id, patch, Utc::now()).await?,
    ))
}

async fn add_session(
    State(s): State<AppState>,
    Caller(staff): Caller,
    Path(id): Path<i64>,
    Json(new): Json<NewSession>,
) -> AppResult<(StatusCode, axum::Json<Session>)> {
    let session = courses::add_session(&s.pool, &staff, id, &new, Utc::now()).await?;
    Ok((StatusCode::CREATED, axum::Json(session)))
}
