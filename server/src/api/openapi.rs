//! GET /api/v1/openapi.json: the API's OpenAPI 3.1 document (kept beside the routes in
//! openapi.json; a test checks that every route is described).

use crate::state::AppState;
use axum::routing::get;
use axum::Router;

pub const DOCUMENT: &str = include_str!("openapi.json");

pub fn router() -> Router<AppState> {
    Router::new().route(
        "/openapi.json",
        get(|| async { ([(http::header::CONTENT_TYPE, "application/json")], DOCUMENT) }),
    )
}
