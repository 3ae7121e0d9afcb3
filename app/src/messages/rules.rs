//! Reminder rules per programme and per course: reading the rules in force (and where they
//! come from), replacing them, and the section on the course and programme pages. A course
//! with rules of its own uses only those; otherwise its programme's; otherwise the defaults.
//! Saving rules queues the affected courses for planning (a database trigger), so pending
//! reminders follow at once.

use crate::components::ActionOutcome;
use crate::error::AppError;
use crate::i18n::use_texts;
pub use domain::messages::{RuleScope, RuleView, RulesInForce};
#[cfg(feature = "ssr")]
use domain::problem::Code;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[server(endpoint = "reminder_rules/get")]
pub async fn get_reminder_rules(scope_kind: String, id: i64) -> Result<RulesInForce, AppError> {
    let staff = crate::auth::session::current_staff().await?;
    let scope = RuleScope::from_parts(&scope_kind, id);
    store::messages::rules::in_force(&crate::db::db()?, &staff, scope)
        .await
        .map_err(AppError::from)
}

/// One row of the form: a channel (empty: no rule) and whole hours before the session.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct RuleRow {
    pub channel: String,
    pub hours: String,
}

#[server(endpoint = "reminder_rules/save")]
pub async fn save_reminder_rules(
    scope_kind: String,
    id: i64,
    rules: Option<Vec<RuleRow>>,
) -> Result<(), AppError> {
    let result = async {
        let staff = crate::auth::session::current_staff().await?;
        let scope = RuleScope::from_parts(&scope_kind, id);
        let mut input = Vec::new();
        for row in rules.unwrap_or_default() {
            if row.channel.trim().is_empty() {
                continue;
            }
            let hours: i64 = row
                .hours
                .trim()
                .parse()
                .map_err(|_| AppError::invalid("rules", Code::HoursBeforeWhole))?;
            input.push(domain::reminder_rules::RuleInput {
                channel: row.channel,
                offset_minutes: hours.saturating_mul(60),
                min_lead_minutes: None,
            });
        }
        store::messages::rules::replace(&crate::db::db()?, &staff, scope, &input, crate::db::now())
            .await
            .map_err(AppError::from)
            .map(|_| ())
    }
    .await;
    crate::forms::plain_form(result)
}

/// "SMS 24 t før", "E-post 2 d før".
fn rule_text(t: &crate::i18n::Texts, r: &RuleView) -> String {
    let channel = if r.channel == "email" {
        t.channel_email
    } else {
        t.channel_sms
    };
    let minutes = r.offset_minutes;
    let before = if minutes % 60 == 0 {
        format!("{} {}", minutes / 60, t.hours_before)
    } else {
        format!("{minutes} {}", t.minutes_before)
    };
    format!("{channel} · {before}")
}

/// The reminders section of a course or programme page. Put it outside any view that waits
/// for another resource: it has a resource of its own.
#[component]
pub fn ReminderRulesSection(#[prop(into)] scope: Signal<RuleScope>) -> impl IntoView {
    let t = use_texts();
    let save = ServerAction::<SaveReminderRules>::new();
    let data = Resource::new(
        move || (scope.get(), save.version().get()),
        |(scope, _)| {
            let (kind, id) = scope.parts();
            get_reminder_rules(kind.to_string(), id)
        },
    );
    view! {
        <section class="card reminder-rules" aria-labelledby="rules-title">
            <h2 id="rules-title">{t.reminders}</h2>
            {crate::components::loaded(data, move |r| {
                let (kind, id) = r.scope.parts();
                let source = match (r.source.as_str(), kind) {
                    ("course", _) => t.rules_from_course,
                    ("programme", "course") => t.rules_from_programme,
                    ("programme", _) => t.rules_of_programme,
                    _ => t.rules_default,
                };
                let rows: Vec<Option<RuleView>> = (0..4).map(|i| r.rules.get(i).cloned()).collect();
                let inherited = r.source != kind;
                view! {
                    <p class="muted">{source}</p>
                    <ul class="rules">
                        {r.rules.iter().map(|rule| view! { <li>{rule_text(t, rule)}</li> }).collect_view()}
                    </ul>
                    {r.can_edit.then(|| view! {
                        <details>
                            <summary>{t.change_reminders}</summary>
                            <ActionForm action=save attr:class="stack">
                                <input type="hidden" name="scope_kind" value=kind/>
                                <input type="hidden" name="id" value=id/>
                                {rows.into_iter().enumerate().map(|(i, rule)| {
                                    let channel = rule.as_ref().map(|r| r.channel.clone()).unwrap_or_default();
                                    let hours = rule.map(|r| (r.offset_minutes / 60).to_string()).unwrap_or_default();
                                    view! {
                                        <div class="row">
                                            <label>{t.channel}
                                                <select name=format!("rules[{i}][channel]")>
                                                    <option value="" selected=channel.is_empty()>"–"</option>
                                                    <option value="sms" selected=channel == "sms">{t.channel_sms}</option>
                                                    <option value="email" selected=channel == "email">{t.channel_email}</option>
                                                </select>
                                            </label>
                                            <label>{t.hours_before_label}
                                                <input type="number" min="1" max="336" inputmode="numeric"
                                                    name=format!("rules[{i}][hours]") value=hours/>
                                            </label>
                                        </div>
                                    }
                                }).collect_view()}
                                <p class="muted">{if inherited { t.rules_save_own } else { t.rules_clear_hint }}</p>
                                <button type="submit" class="primary">{t.save}</button>
                            </ActionForm>
                        </details>
                    })}
                }.into_any()
            })}
            <ActionOutcome value=save.value()/>
        </section>
    }
}
