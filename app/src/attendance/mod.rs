//! Attendance: the roll call a leader takes on a phone in the group room, one tap per mark.

use serde::{Deserialize, Serialize};

pub mod pages;
#[cfg(feature = "ssr")]
pub mod store;

/// One participant's mark for one session.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct AttendanceMark {
    pub session_id: i64,
    pub participant_id: i64,
    pub status: String,
    pub note: String,
    /// Empty when the mark came from the participant's SMS reply ("NEI").
    pub marked_by: Option<i64>,
    pub marked_by_name: String,
    pub marked_at: String,
    /// "staff" or "sms_reply".
    pub via: String,
}

/// A row of the roll call: everyone enrolled in the session's course, marked or not.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct RollCallRow {
    pub participant_id: i64,
    pub first_name: String,
    pub last_name: String,
    pub status: Option<String>,
    pub note: Option<String>,
    pub marked_by_name: Option<String>,
    pub marked_at: Option<String>,
    /// The current buddy (or buddies, in a trio).
    #[cfg_attr(feature = "ssr", sqlx(default))]
    pub buddy: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RollCall {
    pub session: crate::courses::Session,
    pub course_title: String,
    pub rows: Vec<RollCallRow>,
    pub can_mark: bool,
}

/// The course grid: participants × held sessions, with totals and each one's rate.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttendanceGrid {
    pub sessions: Vec<GridSession>,
    pub rows: Vec<GridRow>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GridSession {
    pub id: i64,
    pub number: i64,
    pub date: String,
    pub cancelled: bool,
    /// How many were present, absent, excused and late.
    pub present: i64,
    pub absent: i64,
    pub excused: i64,
    pub late: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GridRow {
    pub participant_id: i64,
    pub name: String,
    /// One entry per session in `sessions`, None where no mark was set.
    pub marks: Vec<Option<String>>,
    /// Present or late among marked sessions, in percent.
    pub rate: Option<u8>,
}

/// One mark in a participant's history across courses.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct HistoryMark {
    pub course_id: i64,
    pub course_title: String,
    pub session_id: i64,
    pub session_number: i64,
    pub starts_at: String,
    pub status: String,
    pub note: String,
}

/// A mark as the API takes it.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct MarkInput {
    pub status: String,
    #[serde(default)]
    pub note: Option<String>,
}
