//! An entry of the access log: who read or changed a participant's record, when, and how.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "sql", derive(sqlx::FromRow))]
pub struct AccessEntry {
    pub id: i64,
    #[cfg_attr(feature = "sql", sqlx(try_from = "crate::sql_text::InstantText"))]
    pub at: String,
    pub user_id: i64,
    pub user_name: String,
    pub participant_id: i64,
    /// read, change or export
    pub action: String,
    /// page, api or export
    pub via: String,
    pub what: String,
}
