//! Messages: the outbox ledger, planning reminders from the database, rendering texts from
//! templates, and the pages that show them.

use serde::{Deserialize, Serialize};

pub mod confirm;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod planner;
#[cfg(feature = "ssr")]
pub mod render;
#[cfg(feature = "ssr")]
pub mod replies;
pub mod rules;
#[cfg(feature = "ssr")]
pub mod store;
pub mod templates;

/// One message in the ledger, whatever its state.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct LedgerEntry {
    pub id: i64,
    pub kind: String,
    pub channel: String,
    pub state: String,
    pub reason: Option<String>,
    pub participant_id: Option<i64>,
    pub participant_name: Option<String>,
    pub user_id: Option<i64>,
    pub course_id: Option<i64>,
    pub session_id: Option<i64>,
    pub rule_key: String,
    pub due_at: String,
    pub sent_at: Option<String>,
    pub delivered_at: Option<String>,
    pub recipient: Option<String>,
    pub subject: Option<String>,
    pub body: Option<String>,
    pub attempts: i64,
    pub last_error: Option<String>,
    pub provider: Option<String>,
    pub provider_id: Option<String>,
}

/// Filters for the ledger; all optional.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LedgerFilter {
    pub participant_id: Option<i64>,
    pub course_id: Option<i64>,
    pub state: Option<String>,
}

/// A reply from a participant that someone should read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct InboxItem {
    pub id: i64,
    pub participant_id: Option<i64>,
    pub participant_name: Option<String>,
    pub from_number: String,
    pub body: String,
    /// yes, no, stop or other.
    pub intent: String,
    pub received_at: String,
}
