//! /api/v1/sessions/{id}/attendance: a session's marks, one mark per participant (PUT), and
//! "mark the rest present"; /api/v1/participants/{id}/access-log for admins.

use super::extract::{Caller, Json, Path, Query};
use crate::state::AppState;
use app::attendance::{AttendanceGrid, AttendanceMark, HistoryMark, MarkInput};
use app::error::AppResult;
use axum::extract::{OriginalUri, State};
use axum::response::Response;
use axum::routing::{get, post, put};
use axum::Router;
use chrono::Utc;
use store::access_log;
use store::attendance;
use store::paging::PageQuery;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/sessions/{id}/attendance", get(list))
        .route(
            "/sessions/{id}/attendance/mark-rest-present",
            post(mark_rest_present),
        )
        .route("/sessions/{id}/attendance/{participant_id}", put(mark))
        .route("/participants/{id}/access-log", get(access_log))
        .route("/courses/{id}/attendance", get(grid))
        .route("/participants/{id}/attendance", get(history))
}

async fn list(
    State(s): State<AppState>,
    Caller(staff): Caller,
    Path(id): Path<i64>,
) -> AppResult<axum::Json<Vec<AttendanceMark>>> {
    Ok(axum::Json(
        attendance::list_marks(&s.pool, &staff, id).await?,
    ))
}

async fn mark(
    State(s): State<AppState>,
    Caller(staff): Caller,
    Path((session_id, participant_id)): Path<(i64, i64)>,
    Json(input): Json<MarkInput>,
) -> AppResult<axum::Json<AttendanceMark>> {
    Ok(axum::Json(
        attendance::mark(
            &s.pool,
            &staff,
            session_id,
            participant_id,
            input,
            Utc::now(),
        )
        .await?,
    ))
}

async fn mark_rest_present(
    State(s): State<AppState>,
    Caller(staff): Caller,
    Path(id): Path<i64>,
) -> AppResult<axum::Json<serde_json::Value>> {
    let marked = attendance::mark_rest_present(&s.pool, &staff, id, Utc::now()).await?;
    Ok(axum::Json(serde_json::json!({ "marked_present": marked })))
}

async fn access_log(
    State(s): State<AppState>,
    Caller(staff): Caller,
    OriginalUri(uri): OriginalUri,
    Path(id): Path<i64>,
    Query(asked): Query<PageQuery>,
) -> AppResult<Response> {
    let page = access_log::list(&s.pool, &staff, id, &asked).await?;
    Ok(super::paging::answer(&uri, page))
}

async fn grid(
    State(s): State<AppState>,
    Caller(staff): Caller,
    Path(id): Path<i64>,
) -> AppResult<axum::Json<AttendanceGrid>> {
    Ok(axum::Json(
        attendance::course_grid(&s.pool, &staff, id, Utc::now()).await?,
    ))
}

async fn history(
    State(s): State<AppState>,
    Caller(staff): Caller,
    Path(id): Path<i64>,
) -> AppResult<axum::Json<Vec<HistoryMark>>> {
    Ok(axum::Json(
        attendance::participant_history(&s.pool, &staff, id).await?,
    ))
}
