//! /api/v1/courses/{id}/pairs: the current buddy pairs, generating new ones, setting them by
//! hand, and the history of pairings.

use super::extract::{Caller, Json, Path};
use crate::state::AppState;
use app::error::AppResult;
use app::pairs::{ManualPairs, Pairing};
use axum::routing::{get, post};
use axum::{extract::State, http::StatusCode, Router};
use chrono::Utc;
use store::pairs;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/courses/{id}/pairs", get(current).put(set_manual))
        .route("/courses/{id}/pairs/generate", post(generate))
        .route("/courses/{id}/pairs/history", get(history))
}

async fn current(
    State(s): State<AppState>,
    Caller(staff): Caller,
    Path(id): Path<i64>,
) -> AppResult<axum::Json<Pairing>> {
    Ok(axum::Json(pairs::current(&s.pool, &staff, id).await?))
}

async fn generate(
    State(s): State<AppState>,
    Caller(staff): Caller,
    Path(id): Path<i64>,
) -> AppResult<(StatusCode, axum::Json<Pairing>)> {
    Ok((
        StatusCode::CREATED,
        axum::Json(pairs::generate(&s.pool, &staff, id, Utc::now()).await?),
    ))
}

async fn set_manual(
    State(s): State<AppState>,
    Caller(staff): Caller,
    Path(id): Path<i64>,
    Json(body): Json<ManualPairs>,
) -> AppResult<axum::Json<Pairing>> {
    Ok(axum::Json(
        pairs::set_manual(&s.pool, &staff, id, body.groups, Utc::now()).await?,
    ))
}

async fn history(
    State(s): State<AppState>,
    Caller(staff): Caller,
    Path(id): Path<i64>,
) -> AppResult<axum::Json<Vec<Pairing>>> {
    Ok(axum::Json(pairs::history(&s.pool, &staff, id).await?))
}
