//! Reports as downloads: each report becomes one or more sheets of cells, written as CSV for
//! Norwegian Excel or as an .xlsx workbook. "For sharing" leaves names out and shows every
//! count from 1 to 4 as "<5", as Statistics Norway does for small groups.

mod csv_file;
pub mod downloads;
mod xlsx_file;

use app::i18n::{texts_for, Language};
use domain::i18n;

/// "Completed (at least 75 % attendance)" in bokmål, the reports' language.
fn completion_heading(percent: i64) -> String {
    i18n::format(
        Language::Nb,
        "report-completion",
        None,
        &i18n::args([("percent", i18n::number(percent))]),
    )
}
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use domain::outcomes::OutcomeStatus;
use domain::reports::course::CourseReport;
use domain::reports::MonthlyReport;
use serde::Deserialize;

/// One cell of a sheet.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Text(String),
    Count(i64),
    /// A share between 0 and 1, shown as a percentage; empty when unknown.
    Rate(Option<f64>),
    Date(NaiveDate),
}

/// A titled table.
#[derive(Clone, Debug)]
pub struct Sheet {
    pub title: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

/// A report ready to download.
#[derive(Clone, Debug)]
pub struct Export {
    pub file_stem: String,
    pub sheets: Vec<Sheet>,
    pub for_sharing: bool,
}

/// The format a report is asked for in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    #[default]
    Json,
    Csv,
    Xlsx,
}

/// A count as a sheet shows it: for sharing, 1 to 4 become "<5".
pub(crate) fn shown_count(n: i64, for_sharing: bool) -> Cell {
    if for_sharing && (1..=4).contains(&n) {
        Cell::Text("<5".into())
    } else {
        Cell::Count(n)
    }
}

impl Export {
    /// The monthly report: one row a month, outcomes per status and accumulated.
    pub fn monthly(report: &MonthlyReport, for_sharing: bool) -> Export {
        let t = texts_for(Language::Nb);
        let mut headers = vec![
            t.report_month.to_string(),
            t.report_new.to_string(),
            t.report_in_follow_up.to_string(),
            t.report_sessions_held.to_string(),
            t.report_attendance.to_string(),
        ];
        headers.extend(OutcomeStatus::ALL.iter().map(|&s| t.outcome(s).to_string()));
        headers.extend(
            OutcomeStatus::ALL
                .iter()
                .map(|&s| format!("{} – {}", t.report_accumulated, t.outcome(s))),
        );
        headers.push(t.report_listed_two.to_string());
        headers.push(t.report_unreachable.to_string());
        let count = |n: i64| shown_count(n, for_sharing);
        let rows = report
            .months
            .iter()
            .map(|m| {
                let mut row = vec![
                    Cell::Date(m.month.first_day()),
                    count(m.new_participants),
                    count(m.in_follow_up),
                    Cell::Count(m.sessions_held),
                    // A share of fewer than five marks would tell about one or two people.
                    Cell::Rate(if for_sharing && m.marks < 5 {
                        None
                    } else {
                        m.attendance_rate
                    }),
                ];
                row.extend(OutcomeStatus::ALL.iter().map(|&s| count(m.outcomes.get(s))));
                row.extend(
                    OutcomeStatus::ALL
                        .iter()
                        .map(|&s| count(m.accumulated.get(s))),
                );
                row.push(count(m.listed_two_months));
                row.push(count(m.unreachable));
                row
            })
            .collect();
        Export {
            file_stem: format!("samling-maanedsrapport-{}-{}", report.from, report.to),
            sheets: vec![Sheet {
                title: t.reports_title.to_string(),
                headers,
                rows,
            }],
            for_sharing,
        }
    }

    /// The course report: a summary, each session's attendance and (with names, unless for
    /// sharing) each participant's rate, completion and outcome.
    pub fn course(report: &CourseReport, for_sharing: bool) -> Export {
        let t = texts_for(Language::Nb);
        let count = |n: i64| shown_count(n, for_sharing);
        let mut summary = vec![
            vec![
                Cell::Text(t.report_participants.into()),
                count(report.participants_count),
            ],
            vec![
                Cell::Text(t.report_sessions_held.into()),
                Cell::Count(report.sessions_held),
            ],
            vec![
                Cell::Text(completion_heading(report.completion_percent)),
                count(report.completed),
            ],
            vec![Cell::Text(t.report_moved_on.into()), count(report.moved_on)],
        ];
        summary.extend(OutcomeStatus::ALL.iter().map(|&s| {
            vec![
                Cell::Text(t.outcome(s).into()),
                count(report.outcomes.get(s)),
            ]
        }));
        summary.push(vec![
            Cell::Text(t.report_without_outcome.into()),
            count(report.without_outcome),
        ]);
        if let Some(ends) = report.outcome_window_ends {
            summary.push(vec![
                Cell::Text(i18n::format(
                    Language::Nb,
                    "report-window",
                    None,
                    &i18n::args([("date", i18n::arg(""))]),
                )),
                Cell::Date(ends),
            ]);
        }
        let sessions = report
            .sessions
            .iter()
            .filter(|s| s.held)
            .map(|s| {
                vec![
                    Cell::Count(s.number),
                    Cell::Text(s.title.clone()),
                    Cell::Date(s.date),
                    count(s.present),
                    count(s.late),
                    count(s.absent),
                    count(s.excused),
                    count(s.unmarked),
                ]
            })
            .collect();
        let mut sheets = vec![
            Sheet {
                title: t.report_summary.into(),
                headers: vec![report.title.clone(), report.programme.clone()],
                rows: summary,
            },
            Sheet {
                title: t.report_sessions.into(),
                headers: [
                    "#",
                    t.session_title,
                    t.outcome_date,
                    t.present,
                    t.late,
                    t.absent,
                    t.excused,
                    t.not_marked,
                ]
                .map(String::from)
                .to_vec(),
                rows: sessions,
            },
        ];
        if !for_sharing {
            sheets.push(Sheet {
                title: t.report_participants.into(),
                headers: [
                    t.report_participants,
                    t.report_attended,
                    t.report_attendance,
                    &completion_heading(report.completion_percent),
                    t.outcome_status,
                ]
                .map(String::from)
                .to_vec(),
                rows: report
                    .participants
                    .iter()
                    .map(|p| {
                        vec![
                            Cell::Text(p.name.clone()),
                            Cell::Count(p.attended),
                            Cell::Rate(p.rate),
                            Cell::Text(
                                if p.completed {
                                    t.report_yes
                                } else {
                                    t.report_no
                                }
                                .into(),
                            ),
                            Cell::Text(
                                p.outcome
                                    .as_deref()
                                    .and_then(OutcomeStatus::parse)
                                    .map(|s| t.outcome(s))
                                    .unwrap_or("")
                                    .into(),
                            ),
                        ]
                    })
                    .collect(),
            });
        }
        Export {
            file_stem: format!("samling-kursrapport-{}", report.course_id),
            sheets,
            for_sharing,
        }
    }

    /// The download in the asked format (never JSON here).
    pub fn into_response(self, format: Format) -> Response {
        let (bytes, content_type, ext) = match format {
            Format::Xlsx => match xlsx_file::write(&self) {
                Ok(bytes) => (
                    bytes,
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    "xlsx",
                ),
                Err(e) => {
                    tracing::error!(error = %e, "writing the workbook failed");
                    return app::error::AppError::Internal.into_response();
                }
            },
            _ => (csv_file::write(&self), "text/csv; charset=utf-8", "csv"),
        };
        let disposition = format!("attachment; filename=\"{}.{ext}\"", self.file_stem);
        (
            [
                (http::header::CONTENT_TYPE, content_type.to_string()),
                (http::header::CONTENT_DISPOSITION, disposition),
                (http::header::CACHE_CONTROL, "no-store".to_string()),
            ],
            bytes,
        )
            .into_response()
    }
}
