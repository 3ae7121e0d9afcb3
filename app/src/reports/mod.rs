//! `/reports` (month by month and accumulated, with charts) and `/courses/{id}/report`: the
//! steering group's figures on pages, each chart with the same numbers in a table, and the
//! downloads (CSV, .xlsx, for sharing) the server answers at `/reports/download` and
//! `/courses/{id}/report/download`.

#[cfg(feature = "ssr")]
mod charts;
pub mod course_page;
pub mod monthly_page;

use crate::error::AppError;
use crate::i18n::Texts;
#[cfg(feature = "ssr")]
use domain::problem::Code;
use domain::reports::course::CourseReport;
use domain::reports::months::YearMonth;
use domain::reports::MonthlyReport;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// What the monthly page shows: the report, its two charts as SVG drawn on the server, and
/// the choices for the filters.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct MonthlyPage {
    pub report: MonthlyReport,
    pub month_chart: String,
    pub accumulated_chart: String,
    pub programmes: Vec<(i64, String)>,
    pub courses: Vec<(i64, String)>,
    pub schools: Vec<(i64, String)>,
}

/// An id from a form's select ("" for all).
#[cfg(feature = "ssr")]
fn chosen(text: &str) -> Option<i64> {
    text.trim().parse().ok()
}

#[server(endpoint = "reports/monthly")]
pub async fn load_monthly_page(
    from: String,
    to: String,
    programme_id: String,
    course_id: String,
    school_id: String,
) -> Result<MonthlyPage, AppError> {
    let staff = crate::auth::session::current_staff().await?;
    let db = crate::db::db()?;
    let (tz, now) = (crate::db::time_zone(), crate::db::now());
    let today = domain::reports::months::local_day(now, tz);
    let (from, to) = domain::reports::months::period(Some(&from), Some(&to), today)
        .map_err(|field| AppError::from(store::StoreError::invalid(field, Code::MonthForm)))?;
    let filter = domain::reports::ReportFilter {
        programme_id: chosen(&programme_id),
        course_id: chosen(&course_id),
        school_id: chosen(&school_id),
    };
    let report =
        store::reports::monthly::monthly_report(&db, &staff, from, to, filter, tz, now).await?;
    let t = crate::i18n::texts_for(crate::i18n::detect_lang());
    let mut courses: Vec<(i64, String)> = Vec::new();
    for closed in [false, true] {
        courses.extend(
            store::courses::list_courses(&db, &staff, closed)
                .await?
                .into_iter()
                .map(|c| (c.id, c.title)),
        );
    }
    let schools = store::schools::list(&db).await?.into_iter();
    Ok(MonthlyPage {
        month_chart: charts::month_by_month(&report, t),
        accumulated_chart: charts::accumulated(&report, t),
        report,
        programmes: store::programmes::list_programmes(&db)
            .await?
            .into_iter()
            .map(|p| (p.id, p.name))
            .collect(),
        courses,
        schools: if staff.is_counsellor() {
            schools
                .filter(|s| Some(s.id) == staff.school_id)
                .map(|s| (s.id, s.name))
                .collect()
        } else {
            schools.map(|s| (s.id, s.name)).collect()
        },
    })
}

#[server(endpoint = "reports/course")]
pub async fn load_course_report(id: i64) -> Result<CourseReport, AppError> {
    let staff = crate::auth::session::current_staff().await?;
    let db = crate::db::db()?;
    Ok(store::reports::course::course_report_for(
        &db,
        &staff,
        id,
        crate::db::time_zone(),
        crate::db::now(),
        Some(store::access_log::Access::Read),
    )
    .await?)
}

/// "mar 26": a month on an axis or in a table.
pub fn month_label(t: &Texts, month: YearMonth) -> String {
    let first = month.first_day();
    let index = chrono::Datelike::month0(&first) as usize;
    let name = t.months_short.split(' ').nth(index).unwrap_or("");
    format!("{name} {}", first.format("%Y"))
}

/// A share as "83,3 %" (bokmål) or "83.3 %".
pub fn percent(t: &Texts, rate: Option<f64>) -> String {
    match rate {
        None => "–".into(),
        Some(r) => format!("{:.1} %", r * 100.0).replace('.', t.decimal_sign),
    }
}
