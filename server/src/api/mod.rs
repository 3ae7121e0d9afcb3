//! The REST API under /api/v1: JSON in and out, Bearer tokens, errors as
//! `{"error": {"code", "message", "field"?}}`.

mod attendance;
mod closed_periods;
mod consents;
mod courses;
pub mod extract;
mod followup;
pub mod limit;
mod messages;
mod openapi;
mod outcomes;
mod paging;
mod pairs;
mod participants;
pub mod privacy;
mod programmes;
mod reports;
mod schools;
mod users;

use crate::state::AppState;
use app::error::AppError;
use axum::Router;

pub fn router() -> Router<AppState> {
    Router::new()
        .merge(programmes::router())
        .merge(attendance::router())
        .merge(pairs::router())
        .merge(followup::router())
        .merge(messages::router())
        .merge(courses::router())
        .merge(participants::router())
        .merge(consents::router())
        .merge(closed_periods::router())
        .merge(schools::router())
        .merge(users::router())
        .merge(outcomes::router())
        .merge(reports::router())
        .merge(privacy::router())
        .merge(openapi::router())
        .fallback(|| async { AppError::NotFound("no such API endpoint".into()) })
}
