//! /api/v1/participants and a course's enrolments: register, read and search participants;
//! enrol, list and withdraw (which promotes the first on the waitlist).

use super::extract::{Caller, Json, Path, Query};
use crate::state::AppState;
use app::error::{AppError, AppResult};
use app::participants::{Enrolment, Participant, ParticipantInput};
use axum::extract::{OriginalUri, State};
use axum::response::Response;
use axum::routing::{delete, get};
use axum::{http::StatusCode, Router};
use chrono::Utc;
use serde::Deserialize;
use store::paging::PageQuery;
use store::participants;
use store::participants::enrolment;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/participants", get(search).post(create))
        .route(
            "/participants/{id}",
            get(read).put(update).delete(super::privacy::erase),
        )
        .route("/participants/{id}/enrolments", get(enrolments_of))
        .route("/courses/{id}/enrolments", get(list_enrolments).post(enrol))
        .route(
            "/courses/{id}/enrolments/{participant_id}",
            delete(withdraw),
        )
}

#[derive(Deserialize)]
struct SearchQuery {
    #[serde(default)]
    q: String,
}

async fn search(
    State(s): State<AppState>,
    Caller(staff): Caller,
    OriginalUri(uri): OriginalUri,
    Query(q): Query<SearchQuery>,
    Query(asked): Query<PageQuery>,
) -> AppResult<Response> {
    let page =
        participants::search_participants(&s.pool, &staff, &q.q, &asked, "search results").await?;
    Ok(super::paging::answer(&uri, page))
}

async fn create(
    State(s): State<AppState>,
    Caller(staff): Caller,
    Json(input): Json<ParticipantInput>,
) -> AppResult<(StatusCode, axum::Json<Participant>)> {
    let p = participants::create_participant(&s.pool, &staff, input, Utc::now()).await?;
    Ok((StatusCode::CREATED, axum::Json(p)))
}

async fn read(
    State(s): State<AppState>,
    Caller(staff): Caller,
    Path(id): Path<i64>,
) -> AppResult<axum::Json<Participant>> {
    Ok(axum::Json(
        participants::get_participant(&s.pool, &staff, id).await?,
    ))
}

async fn update(
    State(s): State<AppState>,
    Caller(staff): Caller,
    Path(id): Path<i64>,
    Json(input): Json<ParticipantInput>,
) -> AppResult<axum::Json<Participant>> {
    Ok(axum::Json(
        participants::update_participant(&s.pool, &staff, id, input, Utc::now()).await?,
    ))
}

async fn enrolments_of(
    State(s): State<AppState>,
    Caller(staff): Caller,
    Path(id): Path<i64>,
) -> AppResult<axum::Json<Vec<Enrolment>>> {
    Ok(axum::Json(
        enrolment::enrolments_of(&s.pool, &staff, id).await?,
    ))
}

async fn list_enrolments(
    State(s): State<AppState>,
    Caller(staff): Caller,
    Path(id): Path<i64>,
) -> AppResult<axum::Json<Vec<Enrolment>>> {
    Ok(axum::Json(
        enrolment::list_enrolments(&s.pool, &staff, id).await?,
    ))
}

#[derive(Deserialize)]
struct EnrolBody {
    participant_id: i64,
}

async fn enrol(
    State(s): State<AppState>,
    Caller(staff): Caller,
    Path(course_id): Path<i64>,
    Json(body): Json<EnrolBody>,
) -> AppResult<(StatusCode, axum::Json<Enrolment>)> {
    let e = enrolment::enrol(&s.pool, &staff, course_id, body.participant_id, Utc::now()).await?;
    Ok((StatusCode::CREATED, axum::Json(e)))
}

#[derive(Deserialize, Default)]
struct WithdrawBody {
    #[serde(default)]
    reason: Option<String>,
}

#[derive(serde::Serialize)]
struct Withdrawn {
    #[serde(flatten)]
    enrolment: Enrolment,
    promoted_participant_id: Option<i64>,
}

async fn withdraw(
    State(s): State<AppState>,
    Caller(staff): Caller,
    Path((course_id, participant_id)): Path<(i64, i64)>,
    Query(query): Query<WithdrawBody>,
    body: axum::body::Bytes,
) -> AppResult<axum::Json<Withdrawn>> {
    // The reason may come as a JSON body or as ?reason= (many clients send no body with DELETE).
    let from_body = if body.iter().all(u8::is_ascii_whitespace) {
        None
    } else {
        serde_json::from_slice::<WithdrawBody>(&body)
            .map_err(|e| AppError::BadRequest(format!("the body is not valid JSON: {e}")))?
            .reason
    };
    let reason = from_body.or(query.reason);
    let (enrolment, promoted) = enrolment::withdraw(
        &s.pool,
        &staff,
        course_id,
        participant_id,
        reason,
        Utc::now(),
    )
    .await?;
    Ok(axum::Json(Withdrawn {
        enrolment,
        promoted_participant_id: promoted,
    }))
}
