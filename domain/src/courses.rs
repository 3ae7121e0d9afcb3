//! Courses: one run of a programme with its leaders, place, capacity and generated schedule of
//! sessions, each of which can later be moved, cancelled or added.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Course {
    pub id: i64,
    pub programme_id: i64,
    pub programme_name: String,
    pub title: String,
    pub public_name: String,
    pub location: String,
    pub capacity: Option<i64>,
    pub start_date: String,
    pub weekdays: Vec<String>,
    pub start_time: String,
    pub end_time: String,
    pub time_zone: String,
    pub closed_dates: Vec<String>,
    /// Guardians of pupils under 18 get copies of the session reminders too.
    pub guardian_reminders: bool,
    pub leaders: Vec<Leader>,
    pub enrolled: i64,
    pub waitlisted: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "sql", derive(sqlx::FromRow))]
pub struct Leader {
    pub id: i64,
    pub name: String,
}

/// A session as pages and the API show it: instants in the course's time zone.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    pub id: i64,
    pub course_id: i64,
    pub number: i64,
    pub kind: String,
    pub title: String,
    pub theme: String,
    pub status: String,
    /// RFC 3339 with the local offset, e.g. 2027-03-30T12:00:00+02:00.
    pub starts_at: String,
    pub ends_at: String,
    pub location: String,
    /// Local calendar date, weekday code and times, for display.
    pub date: String,
    pub weekday: String,
    pub start_local: String,
    pub end_local: String,
}

/// The fields of a new course (JSON in the API; the same names in the form).
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct CourseInput {
    pub programme_id: i64,
    pub title: String,
    #[serde(default)]
    pub public_name: String,
    #[serde(default)]
    pub location: String,
    #[serde(default)]
    pub capacity: Option<i64>,
    pub start_date: String,
    #[serde(default)]
    pub weekdays: Vec<String>,
    pub start_time: String,
    pub end_time: String,
    #[serde(default)]
    pub time_zone: Option<String>,
    #[serde(default)]
    pub closed_dates: Vec<String>,
    #[serde(default)]
    pub leader_ids: Option<Vec<i64>>,
    /// Copy the session reminders to pupils' guardians too (off by default; the welcome and
    /// follow-up invitations are always copied).
    #[serde(default)]
    pub guardian_reminders: Option<bool>,
}

/// One row of the preview shown before a course is saved.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreviewSession {
    pub number: i64,
    pub kind: String,
    pub title: String,
    pub date: String,
    pub weekday: String,
    pub start_local: String,
    pub end_local: String,
}

/// A course weekday that was passed over, and why (holiday name or "closed").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkippedDay {
    pub date: String,
    pub reason: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SchedulePreview {
    pub sessions: Vec<PreviewSession>,
    pub skipped: Vec<SkippedDay>,
}

/// A change to one session; absent fields stay as they are.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct SessionPatch {
    #[serde(default)]
    pub starts_at: Option<String>,
    #[serde(default)]
    pub ends_at: Option<String>,
    #[serde(default)]
    pub location: Option<String>,
    #[serde(default)]
    pub status: Option<String>,
}

/// An extra session: a local date and times in the course's time zone.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct NewSession {
    pub date: String,
    pub start_time: String,
    pub end_time: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub follow_up: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CourseWithSessions {
    #[serde(flatten)]
    pub course: Course,
    pub sessions: Vec<Session>,
}
