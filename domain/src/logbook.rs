//! Logbooks (loggbok): entries per participant, optionally tied to a session and its
//! reflection task. Staff write only with the participant's permission; edits keep the
//! earlier text. Leaders of the participant's courses and the primary contact read it; a
//! school counsellor does not.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "sql", derive(sqlx::FromRow))]
pub struct LogbookEntry {
    pub id: i64,
    pub participant_id: i64,
    pub session_id: Option<i64>,
    pub session_title: Option<String>,
    pub reflection_task: Option<String>,
    /// participant or staff
    pub author_kind: String,
    pub author_name: String,
    pub text: String,
    #[cfg_attr(feature = "sql", sqlx(try_from = "crate::sql_text::InstantText"))]
    pub created_at: String,
    #[cfg_attr(feature = "sql", sqlx(try_from = "crate::sql_text::InstantText"))]
    pub updated_at: String,
    /// How many earlier versions the entry has.
    pub versions: i64,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct NewLogbookEntry {
    pub text: String,
    #[serde(default)]
    pub session_id: Option<i64>,
    /// Staff must confirm the participant agreed to the entry being written for them.
    #[serde(default)]
    pub with_permission: bool,
}
