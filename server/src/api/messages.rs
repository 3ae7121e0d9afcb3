//! /api/v1/messages: the message ledger, filtered by participant, course and state.

use super::extract::{Caller, Query};
use crate::state::AppState;
use app::error::AppResult;
use app::messages::{store, LedgerEntry, LedgerFilter};
use axum::routing::get;
use axum::{extract::State, Router};

pub fn router() -> Router<AppState> {
    Router::new().route("/messages", get(list))
}

async fn list(
    State(s): State<AppState>,
    Caller(staff): Caller,
    Query(filter): Query<LedgerFilter>,
) -> AppResult<axum::Json<Vec<LedgerEntry>>> {
    Ok(axum::Json(store::list(&s.pool, &staff, &filter).await?))
}
