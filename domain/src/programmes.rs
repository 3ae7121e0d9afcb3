//! Programmes: templates for courses — the ordered session plan, the default cadence and the
//! follow-up rules. Coordinators (admins) define them; everyone on the staff reads them.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Programme {
    pub id: i64,
    pub name: String,
    pub description: String,
    pub sessions_per_week: i64,
    pub weeks: i64,
    pub weekdays: Vec<String>,
    pub start_time: String,
    pub end_time: String,
    pub follow_up: FollowUpSettings,
    pub sessions: Vec<PlanSession>,
    /// The share of a course's sessions (in %) a participant attends to have completed it.
    pub completion_percent: i64,
}

/// Follow-up rules as stored and shown: `first_after` 0 means the programme has none.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUpSettings {
    pub first_after: i64,
    pub first_unit: String,
    pub more: i64,
    pub every: i64,
    pub every_unit: String,
}

/// One entry of a programme's session plan.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "sql", derive(sqlx::FromRow))]
pub struct PlanSession {
    pub position: i64,
    pub title: String,
    pub theme: String,
    pub method: String,
    pub reflection_task: String,
}

/// What a client sends to create or update a programme. Text fields are checked by the store,
/// so that every mistake comes back naming its field.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct ProgrammeInput {
    pub name: String,
    #[serde(default)]
    pub description: String,
    pub sessions_per_week: i64,
    pub weeks: i64,
    #[serde(default)]
    pub weekdays: Vec<String>,
    pub start_time: String,
    pub end_time: String,
    #[serde(default)]
    pub follow_up: Option<FollowUpInput>,
    /// `None` keeps the current plan on update.
    #[serde(default)]
    pub sessions: Option<Vec<PlanSessionInput>>,
    /// 1–100; `None` keeps the current share on update (75 for a new programme).
    #[serde(default)]
    pub completion_percent: Option<i64>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct FollowUpInput {
    #[serde(default)]
    pub first_after: i64,
    #[serde(default = "months")]
    pub first_unit: String,
    #[serde(default)]
    pub more: i64,
    #[serde(default = "one")]
    pub every: i64,
    #[serde(default = "months")]
    pub every_unit: String,
}

impl Default for FollowUpInput {
    fn default() -> Self {
        Self {
            first_after: 0,
            first_unit: months(),
            more: 0,
            every: one(),
            every_unit: months(),
        }
    }
}

fn months() -> String {
    "months".into()
}
fn one() -> i64 {
    1
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct PlanSessionInput {
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub theme: String,
    #[serde(default)]
    pub method: String,
    #[serde(default)]
    pub reflection_task: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "sql", derive(sqlx::FromRow))]
pub struct ProgrammeSummary {
    pub id: i64,
    pub name: String,
    pub description: String,
    pub session_count: i64,
}
