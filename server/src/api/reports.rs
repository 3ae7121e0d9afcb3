//! The reports in the REST API: `GET /api/v1/reports/monthly` and
//! `GET /api/v1/courses/{id}/report`, each as JSON, `?format=csv` or `?format=xlsx`.

use super::extract::{Caller, Path, Query};
use crate::reports::downloads::{self, CourseQuery, MonthlyQuery};
use crate::state::AppState;
use app::error::AppResult;
use axum::extract::State;
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use chrono::Utc;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/reports/monthly", get(monthly))
        .route("/courses/{id}/report", get(course))
}

async fn monthly(
    State(s): State<AppState>,
    Caller(staff): Caller,
    Query(q): Query<MonthlyQuery>,
) -> AppResult<Response> {
    downloads::monthly(&s, &staff, &q, Utc::now()).await
}

async fn course(
    State(s): State<AppState>,
    Caller(staff): Caller,
    Path(id): Path<i64>,
    Query(q): Query<CourseQuery>,
) -> AppResult<Response> {
    downloads::course(&s, &staff, id, &q, Utc::now()).await
}
