//! Reminder rules as admins edit them: the rules in force for a programme or course, and
//! replacing them (audited).

use crate::actor::Actor;
use crate::audit::Change;
use crate::error::{StoreError, StoreResult};
use crate::sql::{query, query_as, query_scalar};
use crate::sql::{Db, Exec};
use domain::audit::AuditEntity;
use domain::messages::{RuleScope, RuleView, RulesInForce};
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

async fn stored<'e>(
    exec: impl Into<Exec<'e>>,
    column: &str,
    id: i64,
) -> StoreResult<Vec<ReminderRule>> {
    let sql = format!(
        "SELECT channel, offset_minutes, min_lead_minutes FROM reminder_rules
         WHERE {column} = $1 ORDER BY offset_minutes DESC, channel"
    );
    let rows: Vec<(String, i64, i64)> = query_as(&sql).bind(id).fetch_all(exec).await?;
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
async fn may_edit(db: &Db, staff: &Actor, scope: RuleScope) -> StoreResult<bool> {
    Ok(match scope {
        RuleScope::Programme(_) => staff.is_admin(),
        RuleScope::Course(id) => crate::courses::require_manage(db, staff, id).await.is_ok(),
    })
}

pub async fn in_force(db: &Db, staff: &Actor, scope: RuleScope) -> StoreResult<RulesInForce> {
    let programme_id = match scope {
        RuleScope::Programme(id) => {
            crate::programmes::get_programme(db, id).await?;
            id
        }
        RuleScope::Course(id) => {
            crate::courses::require_view(db, staff, id).await?;
            let own = stored(db, "course_id", id).await?;
            if !own.is_empty() {
                return Ok(RulesInForce {
                    scope,
                    source: "course".into(),
                    rules: view(own),
                    can_edit: may_edit(db, staff, scope).await?,
                });
            }
            query_scalar("SELECT programme_id FROM courses WHERE id = $1")
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
    staff: &Actor,
    scope: RuleScope,
    input: &[RuleInput],
    now: chrono::DateTime<chrono::Utc>,
) -> StoreResult<RulesInForce> {
    // Reading first also answers 404 for a course or programme that does not exist.
    if !in_force(db, staff, scope).await?.can_edit {
        return Err(StoreError::Forbidden);
    }
    let rules = check_rules(input).map_err(|e| StoreError::invalid("rules", e))?;
    let (column, id) = match scope {
        RuleScope::Programme(id) => ("programme_id", id),
        RuleScope::Course(id) => ("course_id", id),
    };
    let mut tx = db.begin_write().await?;
    let before = view(stored(&mut tx, column, id).await?);
    query(&format!("DELETE FROM reminder_rules WHERE {column} = $1"))
        .bind(id)
        .execute(&mut tx)
        .await?;
    for r in &rules {
        query(&format!(
            "INSERT INTO reminder_rules ({column}, channel, offset_minutes, min_lead_minutes) VALUES ($1, $2, $3, $4)"
        ))
        .bind(id)
        .bind(r.channel.code())
        .bind(r.offset_minutes)
        .bind(r.min_lead_minutes)
        .execute(&mut tx)
        .await?;
    }
    // The scope's own rules before and after; none means it follows the programme's (or
    // the defaults).
    let after = view(rules);
    let scope_id = format!("{}:{id}", column.trim_end_matches("_id"));
    let change = Change::updated(AuditEntity::ReminderRule, scope_id, &before, &after);
    crate::audit::record(&mut tx, staff, change, now).await?;
    tx.commit().await?;
    in_force(db, staff, scope).await
}
