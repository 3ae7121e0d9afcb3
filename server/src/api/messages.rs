//! /api/v1/messages: the message ledger, filtered by participant, course and state; and the
//! reminder rules of programmes and courses (/programmes/{id}/reminder-rules,
//! /courses/{id}/reminder-rules).

use super::extract::{Caller, Json, Path, Query};
use crate::state::AppState;
use app::error::AppResult;
use app::messages::rules::{RuleScope, RulesInForce};
use app::messages::LedgerFilter;
use axum::extract::{OriginalUri, State};
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use domain::reminder_rules::RuleInput;
use serde::Deserialize;
use store::messages as ledger;
use store::messages::rules;
use store::paging::PageQuery;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/messages", get(list))
        .route(
            "/programmes/{id}/reminder-rules",
            get(programme_rules).put(set_programme_rules),
        )
        .route(
            "/courses/{id}/reminder-rules",
            get(course_rules).put(set_course_rules),
        )
}

#[derive(Deserialize)]
struct NewRules {
    rules: Vec<RuleInput>,
}

async fn programme_rules(
    State(s): State<AppState>,
    Caller(staff): Caller,
    Path(id): Path<i64>,
) -> AppResult<axum::Json<RulesInForce>> {
    let scope = RuleScope::Programme(id);
    Ok(axum::Json(rules::in_force(&s.pool, &staff, scope).await?))
}

async fn set_programme_rules(
    State(s): State<AppState>,
    Caller(staff): Caller,
    Path(id): Path<i64>,
    Json(body): Json<NewRules>,
) -> AppResult<axum::Json<RulesInForce>> {
    let scope = RuleScope::Programme(id);
    Ok(axum::Json(
        rules::replace(&s.pool, &staff, scope, &body.rules, chrono::Utc::now()).await?,
    ))
}

async fn course_rules(
    State(s): State<AppState>,
    Caller(staff): Caller,
    Path(id): Path<i64>,
) -> AppResult<axum::Json<RulesInForce>> {
    let scope = RuleScope::Course(id);
    Ok(axum::Json(rules::in_force(&s.pool, &staff, scope).await?))
}

async fn set_course_rules(
    State(s): State<AppState>,
    Caller(staff): Caller,
    Path(id): Path<i64>,
    Json(body): Json<NewRules>,
) -> AppResult<axum::Json<RulesInForce>> {
    let scope = RuleScope::Course(id);
    Ok(axum::Json(
        rules::replace(&s.pool, &staff, scope, &body.rules, chrono::Utc::now()).await?,
    ))
}

async fn list(
    State(s): State<AppState>,
    Caller(staff): Caller,
    OriginalUri(uri): OriginalUri,
    Query(filter): Query<LedgerFilter>,
    Query(asked): Query<PageQuery>,
) -> AppResult<Response> {
    let page = ledger::list(&s.pool, &staff, &filter, &asked).await?;
    Ok(super::paging::answer(&uri, page))
}
