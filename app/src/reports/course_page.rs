//! `/courses/{id}/report`: one course's attendance per session and per participant, how many
//! completed, and the outcomes within three months after the last session; downloads as CSV
//! or .xlsx (for sharing: no names, small counts as "<5"). Reading it is in the access log.

use super::monthly_page::DownloadForm;
use super::{load_course_report, percent};
use crate::components::{display_date, loaded};
use crate::i18n::use_texts;
use domain::outcomes::OutcomeStatus;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn CourseReportPage() -> impl IntoView {
    let t = use_texts();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|v| v.parse::<i64>().ok()).unwrap_or(0));
    let data = Resource::new(id, load_course_report);
    view! {
        {loaded(data, move |r| {
            let completion = crate::i18n::format("report-completion", &crate::i18n::args([("percent", crate::i18n::number(r.completion_percent))]));
            view! {
                <p><a href=format!("/courses/{}", r.course_id)>{r.title.clone()}</a></p>
                <h1>{t.report_course_title} ": " {r.title.clone()}</h1>
                <p class="muted">{r.programme.clone()}</p>
                <dl class="facts" id="course-summary">
                    <dt>{t.report_participants}</dt><dd>{r.participants_count}</dd>
                    <dt>{t.report_sessions_held}</dt><dd>{r.sessions_held}</dd>
                    <dt>{completion.clone()}</dt><dd id="completed">{r.completed}</dd>
                    <dt>{t.report_moved_on}</dt><dd id="moved-on">{r.moved_on}</dd>
                    <dt>{t.report_without_outcome}</dt><dd>{r.without_outcome}</dd>
                </dl>
                <p class="hint">{t.report_completion_help}</p>
                {r.outcome_window_ends.map(|d| view! {
                    <p class="hint">{crate::i18n::format("report-window", &crate::i18n::args([("date", crate::i18n::arg(display_date(&d.to_string())))]))}</p>
                })}
                <ul class="history">
                    {OutcomeStatus::ALL.iter().filter(|s| r.outcomes.get(**s) > 0).map(|s| view! {
                        <li>{t.outcome(*s)} ": " {r.outcomes.get(*s)}</li>
                    }).collect_view()}
                </ul>
                <div class="scroll-x" tabindex="0" role="region" aria-labelledby="sessions-h">
                    <table class="grid">
                        <caption id="sessions-h">{t.report_sessions}</caption>
                        <thead><tr>
                            <th scope="col">"#"</th>
                            <th scope="col">{t.outcome_date}</th>
                            <th scope="col">{t.present}</th>
                            <th scope="col">{t.late}</th>
                            <th scope="col">{t.absent}</th>
                            <th scope="col">{t.excused}</th>
                            <th scope="col">{t.not_marked}</th>
                        </tr></thead>
                        <tbody>
                            {r.sessions.iter().filter(|s| s.held).map(|s| view! {
                                <tr>
                                    <th scope="row">{s.number}</th>
                                    <td>{display_date(&s.date.to_string())}</td>
                                    <td>{s.present}</td><td>{s.late}</td><td>{s.absent}</td>
                                    <td>{s.excused}</td><td>{s.unmarked}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
                <div class="scroll-x" tabindex="0" role="region" aria-labelledby="people-h">
                    <table class="grid">
                        <caption id="people-h">{t.report_participants}</caption>
                        <thead><tr>
                            <th scope="col">{t.report_participants}</th>
                            <th scope="col">{t.report_attended}</th>
                            <th scope="col">{t.report_attendance}</th>
                            <th scope="col">{completion}</th>
                            <th scope="col">{t.outcome_status}</th>
                        </tr></thead>
                        <tbody>
                            {r.participants.iter().map(|p| view! {
                                <tr>
                                    <th scope="row"><a href=format!("/participants/{}", p.participant_id)>{p.name.clone()}</a></th>
                                    <td>{p.attended}</td>
                                    <td>{percent(t, p.rate)}</td>
                                    <td>{if p.completed { t.report_yes } else { t.report_no }}</td>
                                    <td>{p.outcome.as_deref().and_then(OutcomeStatus::parse).map_or("–", |s| t.outcome(s))}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
                <DownloadForm action=format!("/courses/{}/report/download", r.course_id) hidden=vec![]/>
            }.into_any()
        })}
    }
}
