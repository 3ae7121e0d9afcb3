//! Request extractors for the REST API: the caller (from the Bearer token) and JSON bodies and
//! path ids whose rejections come back as the API's JSON errors.

use crate::state::AppState;
use app::error::AppError;
use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::extract::{FromRequest, FromRequestParts};
use http::request::Parts;

/// The staff user behind `Authorization: Bearer <token>`, acting through the API.
pub struct Caller(pub store::Actor);

/// Why a caller is refused: no valid token, or too many requests with it.
pub enum CallerRejection {
    Refused(AppError),
    TooMany(std::time::Duration),
}

impl From<AppError> for CallerRejection {
    fn from(e: AppError) -> Self {
        CallerRejection::Refused(e)
    }
}

impl From<store::StoreError> for CallerRejection {
    fn from(e: store::StoreError) -> Self {
        CallerRejection::Refused(e.into())
    }
}

impl axum::response::IntoResponse for CallerRejection {
    fn into_response(self) -> axum::response::Response {
        match self {
            CallerRejection::Refused(e) => e.into_response(),
            CallerRejection::TooMany(wait) => super::limit::too_many(wait),
        }
    }
}

impl FromRequestParts<AppState> for Caller {
    type Rejection = CallerRejection;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let token = parts
            .headers
            .get(http::header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .ok_or(AppError::Unauthenticated)?;
        let staff = store::auth::staff_by_api_token(&state.pool, token, chrono::Utc::now())
            .await?
            .ok_or(AppError::Unauthenticated)?;
        // Counted once the token is known to be good: guessed tokens cannot fill the limiter,
        // nor use up someone else's allowance.
        state
            .api_limit
            .check(token)
            .map_err(CallerRejection::TooMany)?;
        Ok(Caller(store::Actor::new(staff, store::Via::Api)))
    }
}

#[derive(FromRequest)]
#[from_request(via(axum::Json), rejection(ApiRejection))]
pub struct Json<T>(pub T);

#[derive(FromRequestParts)]
#[from_request(via(axum::extract::Path), rejection(ApiRejection))]
pub struct Path<T>(pub T);

#[derive(FromRequestParts)]
#[from_request(via(axum::extract::Query), rejection(ApiRejection))]
pub struct Query<T>(pub T);

/// Turns axum's plain-text rejections into the API's JSON errors.
pub struct ApiRejection(AppError);

impl From<JsonRejection> for ApiRejection {
    fn from(r: JsonRejection) -> Self {
        let message = r.body_text();
        ApiRejection(match r {
            JsonRejection::JsonDataError(_) => {
                AppError::invalid(field_of(&message).as_deref().unwrap_or("body"), message)
            }
            JsonRejection::MissingJsonContentType(_) => {
                AppError::BadRequest("send Content-Type: application/json".into())
            }
            _ => AppError::BadRequest(message),
        })
    }
}

impl From<PathRejection> for ApiRejection {
    fn from(_: PathRejection) -> Self {
        ApiRejection(AppError::NotFound("no such resource".into()))
    }
}

impl From<QueryRejection> for ApiRejection {
    fn from(r: QueryRejection) -> Self {
        ApiRejection(AppError::BadRequest(r.body_text()))
    }
}

impl axum::response::IntoResponse for ApiRejection {
    fn into_response(self) -> axum::response::Response {
        self.0.into_response()
    }
}

/// serde names the failing field as "path.to.field: message"; pull the path out.
fn field_of(message: &str) -> Option<String> {
    let rest = message.split_once(": ")?.1;
    let (path, _) = rest.split_once(": ")?;
    (!path.contains(' ')).then(|| path.to_string())
}
