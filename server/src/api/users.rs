//! /api/v1/users: staff accounts (admins only) — list, invite, read, change or disable, and
//! send an invited person a fresh invitation. /api/v1/audit: who changed what.

use super::extract::{Caller, Json, Path, Query};
use crate::state::AppState;
use app::error::AppResult;
use axum::extract::{OriginalUri, State};
use axum::response::Response;
use axum::routing::{get, post};
use axum::{http::StatusCode, Router};
use chrono::Utc;
use domain::staff_accounts::{StaffAccount, StaffInput, StaffPatch};
use serde::Deserialize;
use store::paging::PageQuery;
use store::staff;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/users", get(list).post(invite))
        .route("/users/{id}", get(one).patch(update))
        .route("/users/{id}/invitation", post(reinvite))
        .route("/audit", get(audit))
}

async fn list(
    State(s): State<AppState>,
    Caller(actor): Caller,
) -> AppResult<axum::Json<Vec<StaffAccount>>> {
    Ok(axum::Json(staff::list(&s.pool, &actor).await?))
}

async fn invite(
    State(s): State<AppState>,
    Caller(actor): Caller,
    Json(input): Json<StaffInput>,
) -> AppResult<(StatusCode, axum::Json<StaffAccount>)> {
    let account = staff::invite(&s.pool, &actor, input, Utc::now()).await?;
    Ok((StatusCode::CREATED, axum::Json(account)))
}

async fn one(
    State(s): State<AppState>,
    Caller(actor): Caller,
    Path(id): Path<i64>,
) -> AppResult<axum::Json<StaffAccount>> {
    Ok(axum::Json(staff::get(&s.pool, &actor, id).await?))
}

async fn update(
    State(s): State<AppState>,
    Caller(actor): Caller,
    Path(id): Path<i64>,
    Json(patch): Json<StaffPatch>,
) -> AppResult<axum::Json<StaffAccount>> {
    Ok(axum::Json(
        staff::update(&s.pool, &actor, id, patch, Utc::now()).await?,
    ))
}

async fn reinvite(
    State(s): State<AppState>,
    Caller(actor): Caller,
    Path(id): Path<i64>,
) -> AppResult<StatusCode> {
    staff::reinvite(&s.pool, &actor, id, Utc::now()).await?;
    Ok(StatusCode::ACCEPTED)
}

#[derive(Deserialize)]
struct AuditQuery {
    entity: Option<String>,
    entity_id: Option<String>,
    before_id: Option<i64>,
}

async fn audit(
    State(s): State<AppState>,
    Caller(actor): Caller,
    OriginalUri(uri): OriginalUri,
    Query(q): Query<AuditQuery>,
    Query(asked): Query<PageQuery>,
) -> AppResult<Response> {
    let filter = store::audit::AuditFilter {
        entity: q.entity,
        entity_id: q.entity_id,
        before_id: q.before_id,
    };
    let page = store::audit::list(&s.pool, &actor, filter, &asked).await?;
    Ok(super::paging::answer(&uri, page))
}
