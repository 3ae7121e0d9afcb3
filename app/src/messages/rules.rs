//! Reminder rules per programme and per course: reading the rules in force (and where they
//! come from), replacing them, and the section on the course and programme pages. A course
//! with rules of its own uses only those; otherwise its programme's; otherwise the defaults.
//! Saving rules queues the affected courses for planning (a database trigger), so pending
//! reminders follow at once.

use crate::app::ActionOutcome;
use crate::error::AppError;
use crate::i18n::use_texts;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// One rule as pages and the API show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleView {
    pub channel: String,
    pub offset_minutes: i64,
    pub min_lead_minutes: i64,
}

/// The rules in force for a programme or course.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RulesInForce {
    pub scope: RuleScope,
    /// "course", "programme" or "default": whose rules these are.
    pub source: String,
    pub rules: Vec<RuleView>,
    /// Whether the caller may change them.
    pub can_edit: bool,
}

/// Which rules: a programme's or a course's.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RuleScope {
    Programme(i64),
    Course(i64),
}

#[cfg(feature = "ssr")]
pub mod store {
    use super::{RuleScope, RuleView, RulesInForce};
    use crate::auth::Staff;
    use crate::db::Db;
    use crate::error::{AppError, AppResult};
    use domain::reminder_rules::{check_rules, RuleInput};
    use domain::reminders::{default_rules, ReminderRule};

    fn view(rules: Vec<ReminderRule>) -> Vec<RuleView> {
        rules
            .into_iter()
            .map(|r| RuleView {
                channel: r.channel.code().to_string(),
                offset_minutes: r.offset_minutes,
                min_lead_minutes: r.min_lead_minutes,
            })
            .collect()
    }

    async fn stored(db: &Db, column: &str, id: i64) -> AppResult<Vec<ReminderRule>> {
        let sql = format!(
            "SELECT channel, offset_minutes, min_lead_minutes FROM reminder_rules
             WHERE {column} = ? ORDER BY offset_minutes DESC, channel"
        );
        let rows: Vec<(String, i64, i64)> = sqlx::query_as(&sql).bind(id).fetch_all(db).await?;
        Ok(rows
            .into_iter()
            .filter_map(|(channel, offset_minutes, min_lead_minutes)| {
                Some(ReminderRule {
                    channel: domain::messages::Channel::parse(&channel)?,
                    offset_minutes,
                    min_lead_minutes,
                })
            })
            .collect())
    }

    /// Programmes are the coordinators' (admins'); a course's rules are its leaders' too.
    async fn may_edit(db: &Db, staff: &Staff, scope: RuleScope) -> AppResult<bool> {
        Ok(match scope {
            RuleScope::Programme(_) => staff.is_admin(),
            RuleScope::Course(id) => crate::courses::store::require_manage(db, staff, id)
                .await
                .is_ok(),
        })
    }

    pub async fn in_force(db: &Db, staff: &Staff, scope: RuleScope) -> AppResult<RulesInForce> {
        let programme_id = match scope {
            RuleScope::Programme(id) => {
                crate::programmes::store::get_programme(db, id).await?;
                id
            }
            RuleScope::Course(id) => {
                crate::courses::store::require_view(db, staff, id).await?;
                let own = stored(db, "course_id", id).await?;
                if !own.is_empty() {
                    return Ok(RulesInForce {
                        scope,
                        source: "course".into(),
                        rules: view(own),
                        can_edit: may_edit(db, staff, scope).await?,
                    });
                }
                sqlx::query_scalar("SELECT programme_id FROM courses WHERE id = ?")
                    .bind(id)
                    .fetch_one(db)
                    .await?
            }
        };
        let programme = stored(db, "programme_id", programme_id).await?;
        let (source, rules) = if programme.is_empty() {
            ("default", default_rules())
        } else {
            ("programme", programme)
        };
        Ok(RulesInForce {
            scope,
            source: source.into(),
            rules: view(rules),
            can_edit: may_edit(db, staff, scope).await?,
        })
    }

    /// Replaces the rules; none means "as the programme" for a course and "the defaults"
    /// for a programme.
    pub async fn replace(
        db: &Db,
        staff: &Staff,
        scope: RuleScope,
        input: &[RuleInput],
    ) -> AppResult<RulesInForce> {
        // Reading first also answers 404 for a course or programme that does not exist.
        if !in_force(db, staff, scope).await?.can_edit {
            return Err(AppError::Forbidden);
        }
        let rules = check_rules(input).map_err(|e| AppError::invalid("rules", e.to_string()))?;
        let (column, id) = match scope {
            RuleScope::Programme(id) => ("programme_id", id),
            RuleScope::Course(id) => ("course_id", id),
        };
        let mut tx = crate::db::write_tx(db).await?;
        sqlx::query(&format!("DELETE FROM reminder_rules WHERE {column} = ?"))
            .bind(id)
            .execute(&mut *tx)
            .await?;
        for r in &rules {
            sqlx::query(&format!(
                "INSERT INTO reminder_rules ({column}, channel, offset_minutes, min_lead_minutes) VALUES (?, ?, ?, ?)"
            ))
            .bind(id)
            .bind(r.channel.code())
            .bind(r.offset_minutes)
            .bind(r.min_lead_minutes)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        in_force(db, staff, scope).await
    }
}

impl RuleScope {
    /// ("programme" | "course", id), as forms and server-function arguments carry it.
    pub fn parts(self) -> (&'static str, i64) {
        match self {
            RuleScope::Programme(id) => ("programme", id),
            RuleScope::Course(id) => ("course", id),
        }
    }

    pub fn from_parts(kind: &str, id: i64) -> Self {
        if kind == "programme" {
            RuleScope::Programme(id)
        } else {
            RuleScope::Course(id)
        }
    }
}

#[server(endpoint = "reminder_rules/get")]
pub async fn get_reminder_rules(scope_kind: String, id: i64) -> Result<RulesInForce, AppError> {
    let staff = crate::auth::store::current_staff().await?;
    let scope = RuleScope::from_parts(&scope_kind, id);
    store::in_force(&crate::db::db()?, &staff, scope).await
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
        let staff = crate::auth::store::current_staff().await?;
        let scope = RuleScope::from_parts(&scope_kind, id);
        let mut input = Vec::new();
        for row in rules.unwrap_or_default() {
            if row.channel.trim().is_empty() {
                continue;
            }
            let hours: i64 = row.hours.trim().parse().map_err(|_| {
                AppError::invalid("rules", "hours before: write a whole number of hours")
            })?;
            input.push(domain::reminder_rules::RuleInput {
                channel: row.channel,
                offset_minutes: hours.saturating_mul(60),
                min_lead_minutes: None,
            });
        }
        store::replace(&crate::db::db()?, &staff, scope, &input)
            .await
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
            {crate::app::loaded(data, move |r| {
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
