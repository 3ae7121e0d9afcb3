//! /api/v1/participants/{id}/consents, …/withdraw, …/consent-request and …/sms-opt-in: a
//! pupil's guardian consents (recorded, never changed), asking the guardian through a link,
//! turning SMS back on after a STOPP with a reason, and the versioned consent text
//! (/api/v1/consent-text, admins).

use super::extract::{Caller, Json, Path};
use crate::state::AppState;
use app::consent::{ConsentInput, ConsentRecord, ConsentRequestInfo};
use app::error::AppResult;
use axum::routing::{get, post};
use axum::{extract::State, http::StatusCode, Router};
use chrono::Utc;
use domain::problem::Code;
use serde::Deserialize;
use store::consent;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/participants/{id}/consents", get(list).post(create))
        .route(
            "/participants/{id}/consents/{consent_id}/withdraw",
            post(withdraw),
        )
        .route("/participants/{id}/consent-request", post(ask))
        .route("/participants/{id}/sms-opt-in", post(opt_in))
        .route("/consent-text", get(text).post(new_text_version))
}

#[derive(serde::Serialize)]
struct ConsentText {
    version: i64,
    /// Language code → text; empty where bokmål stands in.
    texts: std::collections::BTreeMap<String, String>,
}

async fn current_text(pool: &store::Db) -> AppResult<ConsentText> {
    let (version, texts) = consent::current_texts(pool).await?;
    Ok(ConsentText {
        version,
        texts: texts.into_iter().collect(),
    })
}

async fn text(
    State(s): State<AppState>,
    Caller(staff): Caller,
) -> AppResult<axum::Json<ConsentText>> {
    if !staff.is_admin() {
        return Err(app::error::AppError::Forbidden);
    }
    Ok(axum::Json(current_text(&s.pool).await?))
}

#[derive(Deserialize)]
struct NewText {
    texts: std::collections::BTreeMap<String, String>,
}

/// A new version of the consent text (admins); bokmål is required.
async fn new_text_version(
    State(s): State<AppState>,
    Caller(staff): Caller,
    Json(body): Json<NewText>,
) -> AppResult<(StatusCode, axum::Json<ConsentText>)> {
    let texts: Vec<(String, String)> = body.texts.into_iter().collect();
    consent::save_text(&s.pool, &staff, &texts, Utc::now()).await?;
    Ok((
        StatusCode::CREATED,
        axum::Json(current_text(&s.pool).await?),
    ))
}

async fn list(
    State(s): State<AppState>,
    Caller(staff): Caller,
    Path(id): Path<i64>,
) -> AppResult<axum::Json<Vec<ConsentRecord>>> {
    let overview = consent::overview(&s.pool, &staff, id, Utc::now()).await?;
    Ok(axum::Json(overview.records))
}

async fn create(
    State(s): State<AppState>,
    Caller(staff): Caller,
    Path(id): Path<i64>,
    Json(input): Json<ConsentInput>,
) -> AppResult<(StatusCode, axum::Json<ConsentRecord>)> {
    let record = consent::record_consent(&s.pool, &staff, id, input, Utc::now()).await?;
    Ok((StatusCode::CREATED, axum::Json(record)))
}

#[derive(Deserialize, Default)]
struct WithdrawBody {
    #[serde(default)]
    reason: Option<String>,
}

async fn withdraw(
    State(s): State<AppState>,
    Caller(staff): Caller,
    Path((id, consent_id)): Path<(i64, i64)>,
    body: axum::body::Bytes,
) -> AppResult<axum::Json<ConsentRecord>> {
    // The reason is optional, and so is the body.
    let reason = if body.iter().all(u8::is_ascii_whitespace) {
        None
    } else {
        serde_json::from_slice::<WithdrawBody>(&body)
            .map_err(|e| {
                app::error::AppError::BadRequest(format!("the body is not valid JSON: {e}"))
            })?
            .reason
    };
    Ok(axum::Json(
        consent::withdraw(&s.pool, &staff, id, consent_id, reason, Utc::now()).await?,
    ))
}

async fn ask(
    State(s): State<AppState>,
    Caller(staff): Caller,
    Path(id): Path<i64>,
) -> AppResult<(StatusCode, axum::Json<ConsentRequestInfo>)> {
    let request = consent::request_consent(&s.pool, &staff, id, Utc::now()).await?;
    Ok((StatusCode::ACCEPTED, axum::Json(request)))
}

#[derive(Deserialize)]
struct OptInBody {
    reason: String,
    /// `participant` (the default) or `guardian` (the copies to the guardian).
    #[serde(default)]
    who: Option<String>,
}

async fn opt_in(
    State(s): State<AppState>,
    Caller(staff): Caller,
    Path(id): Path<i64>,
    Json(body): Json<OptInBody>,
) -> AppResult<StatusCode> {
    let guardian = match body.who.as_deref() {
        None | Some("participant") => false,
        Some("guardian") => true,
        Some(_) => return Err(app::error::AppError::invalid("who", Code::ConsentWhoChoice)),
    };
    store::consent::settings::resume_sms(&s.pool, &staff, id, guardian, &body.reason, Utc::now())
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
