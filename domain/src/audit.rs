//! The audit log's words: which administrative records are audited, what was done to one,
//! and an entry as admins read it (who, when, the values before and after).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

code_enum! {
    /// The kinds of record whose changes are audited.
    AuditEntity {
        User => "user",
        School => "school",
        ClosedPeriod => "closed_period",
        Course => "course",
        Programme => "programme",
        ReminderRule => "reminder_rule",
        Template => "template",
        CalendarFeed => "calendar_feed",
    }
}

code_enum! {
    AuditAction { Create => "create", Update => "update", Delete => "delete" }
}

/// One change as `GET /api/v1/audit` and the audit page show it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub id: i64,
    pub at: DateTime<Utc>,
    /// The staff member who made the change; none for the command line.
    pub actor_id: Option<i64>,
    pub actor_name: String,
    pub entity: String,
    pub entity_id: String,
    pub action: String,
    /// The record's values before and after, as the API shows the record; none before a
    /// creation and after a deletion.
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
}

/// The names of the fields whose values differ between before and after (for the page's
/// one-line summary); every field for a creation or a deletion.
pub fn changed_fields(
    before: Option<&serde_json::Value>,
    after: Option<&serde_json::Value>,
) -> Vec<String> {
    let empty = serde_json::Map::new();
    let b = before.and_then(|v| v.as_object()).unwrap_or(&empty);
    let a = after.and_then(|v| v.as_object()).unwrap_or(&empty);
    let mut names: Vec<String> = b
        .keys()
        .chain(a.keys())
        .filter(|k| b.get(*k) != a.get(*k))
        .cloned()
        .collect();
    names.sort();
    names.dedup();
    names
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn only_fields_that_differ_are_named() {
        let before = json!({"name": "Kari", "role": "leader", "active": true});
        let after = json!({"name": "Kari", "role": "admin", "active": false});
        assert_eq!(
            changed_fields(Some(&before), Some(&after)),
            vec!["active".to_string(), "role".to_string()]
        );
        assert_eq!(
            changed_fields(None, Some(&json!({"name": "X"}))),
            vec!["name".to_string()]
        );
        assert!(changed_fields(Some(&before), Some(&before)).is_empty());
    }
}
