//! /api/v1/closed-periods: the organisation's closed periods — list (all staff), add and
//! remove (admins).

use super::extract::{Caller, Json, Path};
use crate::state::AppState;
use app::error::AppResult;
use axum::routing::{delete, get};
use axum::{extract::State, http::StatusCode, Router};
use chrono::Utc;
use domain::closed_periods::{ClosedPeriod, ClosedPeriodInput};
use store::closed_periods;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/closed-periods", get(list).post(create))
        .route("/closed-periods/{id}", delete(remove))
}

async fn list(
    State(s): State<AppState>,
    Caller(_): Caller,
) -> AppResult<axum::Json<Vec<ClosedPeriod>>> {
    Ok(axum::Json(closed_periods::list(&s.pool).await?))
}

async fn create(
    State(s): State<AppState>,
    Caller(staff): Caller,
    Json(input): Json<ClosedPeriodInput>,
) -> AppResult<(StatusCode, axum::Json<ClosedPeriod>)> {
    let period = closed_periods::create(&s.pool, &staff, input, Utc::now()).await?;
    Ok((StatusCode::CREATED, axum::Json(period)))
}

async fn remove(
    State(s): State<AppState>,
    Caller(staff): Caller,
    Path(id): Path<i64>,
) -> AppResult<StatusCode> {
    closed_periods::delete(&s.pool, &staff, id, Utc::now()).await?;
    Ok(StatusCode::NO_CONTENT)
}
