//! Data protection through the REST API (admins): a participant's export
//! (`GET /participants/{id}/export`), erasure (`DELETE /participants/{id}` with a reason,
//! routed in participants.rs), the
//! retention list (`GET /retention`) and keeping someone longer
//! (`POST /participants/{id}/retention`). The pages' export download shares the handler.

use super::extract::{Caller, Json, Path};
use crate::reports::downloads::SignedIn;
use crate::state::AppState;
use app::error::AppResult;
use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use chrono::{NaiveDate, Utc};
use domain::retention::{ExtensionInput, RetentionDue};
use serde::{Deserialize, Serialize};
use store::privacy::{erasure, export, retention};
use store::Actor;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/participants/{id}/export", get(export_api))
        .route("/participants/{id}/retention", post(extend))
        .route("/retention", get(due))
}

/// The pages' download of the same document (session cookie).
pub fn page_router() -> Router<AppState> {
    Router::new().route("/participants/{id}/export/download", get(export_page))
}

/// The export as a file named by the participant's id and the day.
async fn export_response(s: &AppState, actor: &Actor, id: i64) -> AppResult<Response> {
    let now = Utc::now();
    let document = export::export_participant(&s.pool, actor, id, now).await?;
    let body = serde_json::to_vec_pretty(&document).unwrap_or_default();
    let name = format!(
        "attachment; filename=\"samling-deltaker-{id}-{}.json\"",
        now.format("%Y-%m-%d")
    );
    Ok((
        [
            (header::CONTENT_TYPE, "application/json".to_string()),
            (header::CONTENT_DISPOSITION, name),
        ],
        body,
    )
        .into_response())
}

async fn export_api(
    State(s): State<AppState>,
    Caller(actor): Caller,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    export_response(&s, &actor, id).await
}

async fn export_page(
    State(s): State<AppState>,
    SignedIn(actor): SignedIn,
    axum::extract::Path(id): axum::extract::Path<i64>,
) -> AppResult<Response> {
    export_response(&s, &actor, id).await
}

#[derive(Deserialize)]
pub(super) struct ErasureInput {
    reason: String,
}

/// `DELETE /participants/{id}`, routed with the participant's other methods.
pub(super) async fn erase(
    State(s): State<AppState>,
    Caller(actor): Caller,
    Path(id): Path<i64>,
    Json(input): Json<ErasureInput>,
) -> AppResult<axum::Json<erasure::Erased>> {
    let erased = erasure::erase_on_request(&s.pool, &actor, id, &input.reason, Utc::now()).await?;
    Ok(axum::Json(erased))
}

async fn due(
    State(s): State<AppState>,
    Caller(actor): Caller,
) -> AppResult<axum::Json<Vec<RetentionDue>>> {
    let months = s.config.retention_months;
    Ok(axum::Json(
        retention::due_soon(&s.pool, &actor, months, Utc::now()).await?,
    ))
}

#[derive(Serialize)]
struct Extended {
    participant_id: i64,
    keep_until: NaiveDate,
}

async fn extend(
    State(s): State<AppState>,
    Caller(actor): Caller,
    Path(id): Path<i64>,
    Json(input): Json<ExtensionInput>,
) -> AppResult<(StatusCode, axum::Json<Extended>)> {
    let keep_until = retention::extend(&s.pool, &actor, id, &input, Utc::now()).await?;
    Ok((
        StatusCode::CREATED,
        axum::Json(Extended {
            participant_id: id,
            keep_until,
        }),
    ))
}
