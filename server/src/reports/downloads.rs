//! The report endpoints behind both doors: the REST API (Bearer token) and the pages' download
//! links (the session cookie). JSON, CSV or .xlsx; downloads that name participants go to the
//! access log as exports.

use super::{Export, Format};
use crate::state::AppState;
use app::error::{AppError, AppResult};
use axum::extract::{FromRequestParts, Query, State};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use domain::problem::Code;
use domain::reports::months::{self, local_day, YearMonth};
use domain::reports::ReportFilter;
use http::request::Parts;
use serde::Deserialize;
use store::access_log::Access;
use store::{Actor, StoreError};

/// `?from=&to=&programme_id=&course_id=&school_id=&format=&for_sharing=`
#[derive(Clone, Debug, Default, Deserialize)]
pub struct MonthlyQuery {
    pub from: Option<String>,
    pub to: Option<String>,
    pub programme_id: Option<i64>,
    pub course_id: Option<i64>,
    pub school_id: Option<i64>,
    #[serde(default)]
    pub format: Format,
    #[serde(default)]
    pub for_sharing: bool,
}

/// `?format=&for_sharing=`
#[derive(Clone, Debug, Default, Deserialize)]
pub struct CourseQuery {
    #[serde(default)]
    pub format: Format,
    #[serde(default)]
    pub for_sharing: bool,
}

/// The period asked for; by default the last twelve months up to this one.
pub fn period(q: &MonthlyQuery, tz: Tz, now: DateTime<Utc>) -> AppResult<(YearMonth, YearMonth)> {
    months::period(q.from.as_deref(), q.to.as_deref(), local_day(now, tz))
        .map_err(|field| StoreError::invalid(field, Code::MonthForm).into())
}

fn json_only_with_names(format: Format, for_sharing: bool) -> AppResult<()> {
    if format == Format::Json && for_sharing {
        return Err(StoreError::invalid("for_sharing", Code::SharingOnlyTables).into());
    }
    Ok(())
}

pub async fn monthly(
    s: &AppState,
    actor: &Actor,
    q: &MonthlyQuery,
    now: DateTime<Utc>,
) -> AppResult<Response> {
    json_only_with_names(q.format, q.for_sharing)?;
    let tz = s.config.time_zone;
    let (from, to) = period(q, tz, now)?;
    let filter = ReportFilter {
        programme_id: q.programme_id,
        course_id: q.course_id,
        school_id: q.school_id,
    };
    let report =
        store::reports::monthly::monthly_report(&s.pool, actor, from, to, filter, tz, now).await?;
    Ok(match q.format {
        Format::Json => axum::Json(report).into_response(),
        format => Export::monthly(&report, q.for_sharing).into_response(format),
    })
}

pub async fn course(
    s: &AppState,
    actor: &Actor,
    course_id: i64,
    q: &CourseQuery,
    now: DateTime<Utc>,
) -> AppResult<Response> {
    json_only_with_names(q.format, q.for_sharing)?;
    let access = match (q.format, q.for_sharing) {
        (Format::Json, _) => Some(Access::Read),
        (_, false) => Some(Access::Export),
        // Names left out: nobody's record is in the file.
        (_, true) => None,
    };
    let report = store::reports::course::course_report_for(
        &s.pool,
        actor,
        course_id,
        s.config.time_zone,
        now,
        access,
    )
    .await?;
    Ok(match q.format {
        Format::Json => axum::Json(report).into_response(),
        format => Export::course(&report, q.for_sharing).into_response(format),
    })
}

/// The staff user signed in with the session cookie (the pages' download links).
pub struct SignedIn(pub Actor);

impl FromRequestParts<AppState> for SignedIn {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, s: &AppState) -> Result<Self, AppError> {
        let secret =
            app::auth::session::session_cookie(&parts.headers).ok_or(AppError::Unauthenticated)?;
        store::auth::staff_by_session(&s.pool, &secret, Utc::now())
            .await?
            .map(|staff| SignedIn(Actor::new(staff, store::Via::Page)))
            .ok_or(AppError::Unauthenticated)
    }
}

/// The pages' download links: `/reports/download` and `/courses/{id}/report/download`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/reports/download", get(page_monthly))
        .route("/courses/{id}/report/download", get(page_course))
}

async fn page_monthly(
    State(s): State<AppState>,
    SignedIn(actor): SignedIn,
    Query(q): Query<MonthlyQuery>,
) -> AppResult<Response> {
    monthly(&s, &actor, &q, Utc::now()).await
}

async fn page_course(
    State(s): State<AppState>,
    SignedIn(actor): SignedIn,
    axum::extract::Path(id): axum::extract::Path<i64>,
    Query(q): Query<CourseQuery>,
) -> AppResult<Response> {
    course(&s, &actor, id, &q, Utc::now()).await
}
