//! Absence follow-up: unexplained absences on the leader's dashboard, and an alert when a
//! participant has two in a row — to the course's leaders, the primary contact and, for a
//! pupil, their school counsellor — until someone records what was done.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenAbsence {
    pub participant_id: i64,
    pub participant_name: String,
    pub course_id: i64,
    pub course_title: String,
    pub session_id: i64,
    pub session_number: i64,
    pub date: String,
    /// Part of a run of two or more in a row.
    pub in_a_row: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct FollowUps {
    /// Unexplained absences nobody has followed up yet (leaders and admins).
    pub absences: Vec<OpenAbsence>,
    /// Two absences in a row, keyed by the latest one (also shown to counsellors and primary contacts).
    pub alerts: Vec<OpenAbsence>,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct NewFollowUp {
    pub participant_id: i64,
    pub session_id: i64,
    pub note: String,
}
