//! Request extractors for the REST API: the caller (from the Bearer token) and JSON bodies and
//! path ids whose rejections come back as the API's JSON errors.

use crate::state::AppState;
use app::error::AppError;
use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::extract::{FromRequest, FromRequestParts, Request};
use domain::problem::Code;
use http::request::Parts;
use serde::de::DeserializeOwned;

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

/// A JSON body. A number with nothing after the point (`3.0`) is taken as the whole number it
/// is: JSON Schema calls it an integer, and clients that write every number as a float (as
/// JavaScript may) would otherwise be refused for a field the document says is an integer.
pub struct Json<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for Json<T> {
    type Rejection = ApiRejection;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let axum::Json(body) = axum::Json::<serde_json::Value>::from_request(req, state).await?;
        serde_path_to_error::deserialize(whole_numbers(body))
            .map(Json)
            .map_err(|e| {
                let field = match e.path().to_string() {
                    path if path == "." => "body".to_string(),
                    path => path,
                };
                ApiRejection(AppError::invalid(
                    &field,
                    Code::Unreadable.with("detail", e.into_inner()),
                ))
            })
    }
}

/// The value with every whole-numbered float (within i64) written as an integer.
fn whole_numbers(value: serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match value {
        Value::Number(n) if n.is_f64() => match n.as_f64() {
            Some(f) if f.fract() == 0.0 && f.abs() < 9.0e15 => Value::from(f as i64),
            _ => Value::Number(n),
        },
        Value::Array(items) => Value::Array(items.into_iter().map(whole_numbers).collect()),
        Value::Object(fields) => Value::Object(
            fields
                .into_iter()
                .map(|(k, v)| (k, whole_numbers(v)))
                .collect(),
        ),
        other => other,
    }
}

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
        // Read as a serde_json::Value first, a body can only be unreadable here (its fields are
        // checked in Json::from_request).
        ApiRejection(match r {
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

#[cfg(test)]
mod tests {
    use super::whole_numbers;
    use serde_json::json;

    #[test]
    fn whole_floats_become_integers_and_the_rest_stay() {
        let body = json!({"offset": 120.0, "rules": [{"n": 3.0}, 2.5], "big": 1e300, "s": "4.0"});
        assert_eq!(
            whole_numbers(body),
            json!({"offset": 120, "rules": [{"n": 3}, 2.5], "big": 1e300, "s": "4.0"})
        );
    }
}
