//! /api/v1/programmes: list, create, read and update programmes with their session plans.

use super::extract::{Caller, Json, Path};
use crate::state::AppState;
use app::error::AppResult;
use app::programmes::{Programme, ProgrammeInput, ProgrammeSummary};
use axum::routing::get;
use axum::{extract::State, http::StatusCode, Router};
use chrono::Utc;
use store::programmes;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/programmes", get(list).post(create))
        .route("/programmes/{id}", get(read).put(update))
}

async fn list(
    State(s): State<AppState>,
    Caller(_): Caller,
) -> AppResult<axum::Json<Vec<ProgrammeSummary>>> {
    Ok(axum::Json(programmes::list_programmes(&s.pool).await?))
}

async fn create(
    State(s): State<AppState>,
    Caller(staff): Caller,
    Json(input): Json<ProgrammeInput>,
) -> AppResult<(StatusCode, axum::Json<Programme>)> {
    let p = programmes::create_programme(&s.pool, &staff, input, Utc::now()).await?;
    Ok((StatusCode::CREATED, axum::Json(p)))
}

async fn read(
    State(s): State<AppState>,
    Caller(_): Caller,
    Path(id): Path<i64>,
) -> AppResult<axum::Json<Programme>> {
    Ok(axum::Json(programmes::get_programme(&s.pool, id).await?))
}

async fn update(
    State(s): State<AppState>,
    Caller(staff): Caller,
    Path(id): Path<i64>,
    Json(input): Json<ProgrammeInput>,
) -> AppResult<axum::Json<Programme>> {
    Ok(axum::Json(
        programmes::update_programme(&s.pool, &staff, id, input, Utc::now()).await?,
    ))
}
