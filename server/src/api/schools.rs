//! /api/v1/schools: the managed list of schools — list (all staff), add and change (admins).

use super::extract::{Caller, Json, Path};
use crate::state::AppState;
use app::error::AppResult;
use axum::routing::{get, patch};
use axum::{extract::State, http::StatusCode, Router};
use domain::schools::{School, SchoolInput, SchoolPatch};
use store::schools;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/schools", get(list).post(create))
        .route("/schools/{id}", patch(update))
}

async fn list(State(s): State<AppState>, Caller(_): Caller) -> AppResult<axum::Json<Vec<School>>> {
    Ok(axum::Json(schools::list(&s.pool).await?))
}

async fn create(
    State(s): State<AppState>,
    Caller(staff): Caller,
    Json(input): Json<SchoolInput>,
) -> AppResult<(StatusCode, axum::Json<School>)> {
    let school = schools::create(&s.pool, &staff, input, chrono::Utc::now()).await?;
    Ok((StatusCode::CREATED, axum::Json(school)))
}

async fn update(
    State(s): State<AppState>,
    Caller(staff): Caller,
    Path(id): Path<i64>,
    Json(patch): Json<SchoolPatch>,
) -> AppResult<axum::Json<School>> {
    Ok(axum::Json(
        schools::update(&s.pool, &staff, id, patch, chrono::Utc::now()).await?,
    ))
}
