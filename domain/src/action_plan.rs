//! Action plans (handlingsplan): a participant's goals, each with measures, a due date, who is
//! responsible and a status; made in the last session and reviewed at the follow-ups.

use serde::{Deserialize, Serialize};

pub const STATUSES: [&str; 4] = ["open", "in_progress", "done", "dropped"];

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "sql", derive(sqlx::FromRow))]
pub struct Measure {
    pub id: i64,
    pub text: String,
    #[cfg_attr(feature = "sql", sqlx(try_from = "crate::sql_text::DateText"))]
    pub due_date: Option<String>,
    pub responsible: String,
    pub status: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Goal {
    pub id: i64,
    pub participant_id: i64,
    pub title: String,
    pub due_date: Option<String>,
    pub responsible: String,
    pub status: String,
    pub measures: Vec<Measure>,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct NewMeasure {
    pub text: String,
    #[serde(default)]
    pub due_date: Option<String>,
    #[serde(default)]
    pub responsible: Option<String>,
    #[serde(default)]
    pub status: Option<String>,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct NewGoal {
    pub title: String,
    #[serde(default)]
    pub due_date: Option<String>,
    #[serde(default)]
    pub responsible: Option<String>,
    #[serde(default)]
    pub status: Option<String>,
    #[serde(default)]
    pub measures: Vec<NewMeasure>,
}

/// One change of a participant's priority category.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "sql", derive(sqlx::FromRow))]
pub struct CategoryChange {
    pub from_category: Option<i64>,
    pub to_category: Option<i64>,
    pub reason: String,
    pub changed_by: i64,
    pub changed_by_name: String,
    #[cfg_attr(feature = "sql", sqlx(try_from = "crate::sql_text::InstantText"))]
    pub changed_at: String,
}
