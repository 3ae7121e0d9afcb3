//! `/reports`: month by month and accumulated for the caller's scope, filtered by programme,
//! course, school and period with a plain GET form; two charts, each followed by its numbers
//! in a table; downloads as CSV or .xlsx, optionally for sharing.

use super::{load_monthly_page, month_label, percent, MonthlyPage};
use crate::components::loaded;
use crate::i18n::{use_texts, Texts};
use domain::outcomes::OutcomeStatus;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The query's value for `key`, or "".
fn param(q: &leptos_router::params::ParamsMap, key: &str) -> String {
    q.get(key).unwrap_or_default()
}

#[component]
fn Choice(
    id: &'static str,
    label: &'static str,
    options: Vec<(i64, String)>,
    chosen: Option<i64>,
) -> impl IntoView {
    let t = use_texts();
    view! {
        <div>
            <label for=id>{label}</label>
            <select id=id name=id>
                <option value="">{t.report_all}</option>
                {options.into_iter().map(|(value, name)| view! {
                    <option value=value selected=chosen == Some(value)>{name}</option>
                }).collect_view()}
            </select>
        </div>
    }
}

/// The query string for the download link: the report's own period and filters.
fn download_query(p: &MonthlyPage) -> Vec<(&'static str, String)> {
    let r = &p.report;
    let mut q = vec![("from", r.from.to_string()), ("to", r.to.to_string())];
    for (key, value) in [
        ("programme_id", r.filter.programme_id),
        ("course_id", r.filter.course_id),
        ("school_id", r.filter.school_id),
    ] {
        if let Some(v) = value {
            q.push((key, v.to_string()));
        }
    }
    q
}

#[component]
fn MonthTable(p: MonthlyPage) -> impl IntoView {
    let t = use_texts();
    view! {
        <div class="scroll-x" tabindex="0" role="region" aria-labelledby="table-month-h">
            <table class="grid">
                <caption id="table-month-h">{t.report_table_month}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t.report_month}</th>
                        <th scope="col">{t.report_new}</th>
                        <th scope="col">{t.report_in_follow_up}</th>
                        <th scope="col">{t.report_sessions_held}</th>
                        <th scope="col">{t.report_attendance}</th>
                        {OutcomeStatus::ALL.iter().map(|s| view! { <th scope="col">{t.outcome(*s)}</th> }).collect_view()}
                        <th scope="col">{t.report_listed_two}</th>
                        <th scope="col">{t.report_unreachable}</th>
                    </tr>
                </thead>
                <tbody>
                    {p.report.months.iter().map(|m| view! {
                        <tr>
                            <th scope="row">{month_label(t, m.month)}</th>
                            <td>{m.new_participants}</td>
                            <td>{m.in_follow_up}</td>
                            <td>{m.sessions_held}</td>
                            <td>{percent(t, m.attendance_rate)}</td>
                            {OutcomeStatus::ALL.iter().map(|s| view! { <td>{m.outcomes.get(*s)}</td> }).collect_view()}
                            <td>{m.listed_two_months}</td>
                            <td>{m.unreachable}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[component]
fn AccumulatedTable(p: MonthlyPage) -> impl IntoView {
    let t = use_texts();
    view! {
        <div class="scroll-x" tabindex="0" role="region" aria-labelledby="table-acc-h">
            <table class="grid">
                <caption id="table-acc-h">{t.report_table_accumulated}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t.report_month}</th>
                        {OutcomeStatus::ALL.iter().map(|s| view! { <th scope="col">{t.outcome(*s)}</th> }).collect_view()}
                        <th scope="col">{t.report_moved_on}</th>
                    </tr>
                </thead>
                <tbody>
                    {p.report.months.iter().map(|m| view! {
                        <tr>
                            <th scope="row">{month_label(t, m.month)}</th>
                            {OutcomeStatus::ALL.iter().map(|s| view! { <td>{m.accumulated.get(*s)}</td> }).collect_view()}
                            <td>{m.accumulated.moved_on()}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// The download form: the report's filters as hidden fields, a box for sharing, and a button
/// per format (the pressed button's `format` goes with the form).
#[component]
pub fn DownloadForm(action: String, hidden: Vec<(&'static str, String)>) -> impl IntoView {
    let t: &Texts = use_texts();
    view! {
        <form method="get" action=action class="card stack downloads">
            <h2>{t.report_downloads}</h2>
            {hidden.into_iter().map(|(k, v)| view! { <input type="hidden" name=k value=v/> }).collect_view()}
            <label class="check">
                <input type="checkbox" name="for_sharing" value="true"/>
                " " {t.report_for_sharing}
            </label>
            <div class="row">
                <button type="submit" name="format" value="csv">{t.report_download_csv}</button>
                <button type="submit" name="format" value="xlsx">{t.report_download_xlsx}</button>
            </div>
        </form>
    }
}

#[component]
pub fn ReportsPage() -> impl IntoView {
    let t = use_texts();
    let query = use_query_map();
    let data = Resource::new(
        move || {
            query.with(|q| {
                (
                    param(q, "from"),
                    param(q, "to"),
                    param(q, "programme_id"),
                    param(q, "course_id"),
                    param(q, "school_id"),
                )
            })
        },
        |(from, to, programme, course, school)| {
            load_monthly_page(from, to, programme, course, school)
        },
    );
    view! {
        <h1>{t.reports_title}</h1>
        <p class="muted">{t.reports_help}</p>
        {loaded(data, move |p| {
            let r = p.report.clone();
            view! {
                <form method="get" action="/reports" class="card filters">
                    <div>
                        <label for="from">{t.report_from}</label>
                        <input id="from" name="from" type="month" value=r.from.to_string() pattern="[0-9]{4}-[0-9]{2}"/>
                    </div>
                    <div>
                        <label for="to">{t.report_to}</label>
                        <input id="to" name="to" type="month" value=r.to.to_string() pattern="[0-9]{4}-[0-9]{2}"/>
                    </div>
                    <Choice id="programme_id" label=t.report_programme options=p.programmes.clone() chosen=r.filter.programme_id/>
                    <Choice id="course_id" label=t.report_course options=p.courses.clone() chosen=r.filter.course_id/>
                    <Choice id="school_id" label=t.report_school options=p.schools.clone() chosen=r.filter.school_id/>
                    <button type="submit" class="primary">{t.report_show}</button>
                </form>
                <figure class="chart">
                    <figcaption>{t.report_chart_month}</figcaption>
                    <div inner_html=p.month_chart.clone()></div>
                </figure>
                <MonthTable p=p.clone()/>
                <figure class="chart">
                    <figcaption>{t.report_chart_accumulated}</figcaption>
                    <div inner_html=p.accumulated_chart.clone()></div>
                </figure>
                <AccumulatedTable p=p.clone()/>
                <DownloadForm action="/reports/download".to_string() hidden=download_query(&p)/>
            }.into_any()
        })}
    }
}
