//! A participant's outcomes, contact attempts and follow-up: `/api/v1/participants/{id}/outcomes`,
//! `/contact-attempts` and `/follow-up` (with `/close` and `/reopen`).

use super::extract::{Caller, Json, Path};
use crate::state::AppState;
use app::error::AppResult;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::Router;
use chrono::Utc;
use domain::outcomes::{ContactAttempt, ContactAttemptInput, FollowUpState, Outcome, OutcomeInput};
use store::outcomes as outcomes_store;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/participants/{id}/outcomes",
            get(list_outcomes).post(add_outcome),
        )
        .route(
            "/participants/{id}/contact-attempts",
            get(list_attempts).post(add_attempt),
        )
        .route("/participants/{id}/follow-up", get(follow_up))
        .route("/participants/{id}/follow-up/close", post(close))
        .route("/participants/{id}/follow-up/reopen", post(reopen))
}

async fn list_outcomes(
    State(s): State<AppState>,
    Caller(staff): Caller,
    Path(id): Path<i64>,
) -> AppResult<axum::Json<Vec<Outcome>>> {
    Ok(axum::Json(
        outcomes_store::list_outcomes(&s.pool, &staff, id).await?,
    ))
}

async fn add_outcome(
    State(s): State<AppState>,
    Caller(staff): Caller,
    Path(id): Path<i64>,
    Json(input): Json<OutcomeInput>,
) -> AppResult<(StatusCode, axum::Json<Outcome>)> {
    let tz = s.config.time_zone;
    let outcome = outcomes_store::add_outcome(&s.pool, &staff, id, &input, tz, Utc::now()).await?;
    Ok((StatusCode::CREATED, axum::Json(outcome)))
}

async fn list_attempts(
    State(s): State<AppState>,
    Caller(staff): Caller,
    Path(id): Path<i64>,
) -> AppResult<axum::Json<Vec<ContactAttempt>>> {
    Ok(axum::Json(
        outcomes_store::list_attempts(&s.pool, &staff, id).await?,
    ))
}

async fn add_attempt(
    State(s): State<AppState>,
    Caller(staff): Caller,
    Path(id): Path<i64>,
    Json(input): Json<ContactAttemptInput>,
) -> AppResult<(StatusCode, axum::Json<ContactAttempt>)> {
    let tz = s.config.time_zone;
    let attempt = outcomes_store::add_attempt(&s.pool, &staff, id, &input, tz, Utc::now()).await?;
    Ok((StatusCode::CREATED, axum::Json(attempt)))
}

async fn follow_up(
    State(s): State<AppState>,
    Caller(staff): Caller,
    Path(id): Path<i64>,
) -> AppResult<axum::Json<FollowUpState>> {
    let tz = s.config.time_zone;
    Ok(axum::Json(
        outcomes_store::follow_up_state(&s.pool, &staff, id, tz).await?,
    ))
}

async fn close(
    State(s): State<AppState>,
    Caller(staff): Caller,
    Path(id): Path<i64>,
    Json(input): Json<OutcomeInput>,
) -> AppResult<axum::Json<FollowUpState>> {
    let tz = s.config.time_zone;
    Ok(axum::Json(
        outcomes_store::close_follow_up(&s.pool, &staff, id, &input, tz, Utc::now()).await?,
    ))
}

async fn reopen(
    State(s): State<AppState>,
    Caller(staff): Caller,
    Path(id): Path<i64>,
) -> AppResult<axum::Json<FollowUpState>> {
    let tz = s.config.time_zone;
    Ok(axum::Json(
        outcomes_store::reopen_follow_up(&s.pool, &staff, id, tz, Utc::now()).await?,
    ))
}
