//! A participant's logbook, action plan (goals with measures) and priority-category history:
//! /api/v1/participants/{id}/logbook, /goals and /category-history; and the sign-in link that
//! opens the participant's own page (/sign-in-link).

use super::extract::{Caller, Json, Path};
use crate::state::AppState;
use app::action_plan::{CategoryChange, Goal, NewGoal};
use app::error::AppResult;
use app::followups::{FollowUps, NewFollowUp};
use app::logbook::{LogbookEntry, NewLogbookEntry};
use axum::routing::{get, patch, post, put};
use axum::{extract::State, http::StatusCode, Router};
use chrono::Utc;
use serde::Deserialize;
use store::action_plan as plans;
use store::followups;
use store::logbook;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/participants/{id}/logbook",
            get(list_logbook).post(add_entry),
        )
        .route("/participants/{id}/logbook/{entry_id}", put(edit_entry))
        .route("/participants/{id}/sign-in-link", post(send_sign_in_link))
        .route("/participants/{id}/goals", get(list_goals).post(add_goal))
        .route("/participants/{id}/category-history", get(category_history))
        .route("/follow-ups", get(follow_ups).post(record_follow_up))
        .route("/goals/{id}", patch(goal_status))
        .route("/measures/{id}", patch(measure_status))
}

async fn list_logbook(
    State(s): State<AppState>,
    Caller(staff): Caller,
    Path(id): Path<i64>,
) -> AppResult<axum::Json<Vec<LogbookEntry>>> {
    Ok(axum::Json(logbook::list(&s.pool, &staff, id).await?))
}

async fn add_entry(
    State(s): State<AppState>,
    Caller(staff): Caller,
    Path(id): Path<i64>,
    Json(new): Json<NewLogbookEntry>,
) -> AppResult<(StatusCode, axum::Json<LogbookEntry>)> {
    Ok((
        StatusCode::CREATED,
        axum::Json(logbook::add(&s.pool, &staff, id, new, Utc::now()).await?),
    ))
}

#[derive(Deserialize)]
struct EntryText {
    text: String,
}

async fn edit_entry(
    State(s): State<AppState>,
    Caller(staff): Caller,
    Path((id, entry_id)): Path<(i64, i64)>,
    Json(body): Json<EntryText>,
) -> AppResult<axum::Json<LogbookEntry>> {
    Ok(axum::Json(
        logbook::edit(&s.pool, &staff, id, entry_id, &body.text, Utc::now()).await?,
    ))
}

async fn list_goals(
    State(s): State<AppState>,
    Caller(staff): Caller,
    Path(id): Path<i64>,
) -> AppResult<axum::Json<Vec<Goal>>> {
    Ok(axum::Json(plans::list_goals(&s.pool, &staff, id).await?))
}

async fn add_goal(
    State(s): State<AppState>,
    Caller(staff): Caller,
    Path(id): Path<i64>,
    Json(new): Json<NewGoal>,
) -> AppResult<(StatusCode, axum::Json<Goal>)> {
    Ok((
        StatusCode::CREATED,
        axum::Json(plans::add_goal(&s.pool, &staff, id, new, Utc::now()).await?),
    ))
}

async fn category_history(
    State(s): State<AppState>,
    Caller(staff): Caller,
    Path(id): Path<i64>,
) -> AppResult<axum::Json<Vec<CategoryChange>>> {
    Ok(axum::Json(
        plans::category_history(&s.pool, &staff, id).await?,
    ))
}

async fn follow_ups(
    State(s): State<AppState>,
    Caller(staff): Caller,
) -> AppResult<axum::Json<FollowUps>> {
    Ok(axum::Json(
        followups::follow_ups(&s.pool, &staff, Utc::now()).await?,
    ))
}

async fn record_follow_up(
    State(s): State<AppState>,
    Caller(staff): Caller,
    Json(new): Json<NewFollowUp>,
) -> AppResult<StatusCode> {
    followups::record_follow_up(&s.pool, &staff, new, Utc::now()).await?;
    Ok(StatusCode::CREATED)
}

#[derive(Deserialize)]
struct StatusBody {
    status: String,
}

async fn goal_status(
    State(s): State<AppState>,
    Caller(staff): Caller,
    Path(id): Path<i64>,
    Json(body): Json<StatusBody>,
) -> AppResult<StatusCode> {
    plans::set_status(
        &s.pool,
        &staff,
        plans::StatusTarget::Goal,
        id,
        &body.status,
        Utc::now(),
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn measure_status(
    State(s): State<AppState>,
    Caller(staff): Caller,
    Path(id): Path<i64>,
    Json(body): Json<StatusBody>,
) -> AppResult<StatusCode> {
    plans::set_status(
        &s.pool,
        &staff,
        plans::StatusTarget::Measure,
        id,
        &body.status,
        Utc::now(),
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Queues a sign-in link to the participant's own page (sent within seconds by the worker).
async fn send_sign_in_link(
    State(s): State<AppState>,
    Caller(staff): Caller,
    Path(id): Path<i64>,
) -> AppResult<(StatusCode, axum::Json<serde_json::Value>)> {
    use store::participant_access::{queue_link, RequestedBy};
    store::scope::visible_participant(&s.pool, &staff, id).await?;
    let channel = queue_link(&s.pool, id, RequestedBy::Staff, Utc::now()).await?;
    Ok((
        StatusCode::ACCEPTED,
        axum::Json(serde_json::json!({ "channel": channel.code() })),
    ))
}
