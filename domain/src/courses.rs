//! Courses: one run of a programme with its leaders, place, capacity and generated schedule of
//! sessions, each of which can later be moved, cancelled or added.

use crate::problem::{Code, Problem};
use chrono::{DateTime, Utc};
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
    /// A note for the staff (never in messages).
    pub note: String,
    /// When the course was closed after it ended: it leaves the active lists but stays
    /// readable with its history.
    pub closed_at: Option<DateTime<Utc>>,
    /// The one school the course is for, if any.
    pub school_id: Option<i64>,
    pub school_name: Option<String>,
}

/// A change to a course after it was made; absent fields stay as they are. `capacity: null`
/// means no limit. Sessions without a place of their own follow a new `location`.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct CoursePatch {
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub public_name: Option<String>,
    #[serde(default)]
    pub location: Option<String>,
    #[serde(default, deserialize_with = "crate::present")]
    pub capacity: Option<Option<i64>>,
    #[serde(default)]
    pub leader_ids: Option<Vec<i64>>,
    #[serde(default)]
    pub note: Option<String>,
}

/// Why a new capacity is refused, if it is: it is below the number already enrolled (they
/// keep their places; withdraw someone first).
pub fn capacity_problem(capacity: Option<i64>, enrolled: i64) -> Option<Problem> {
    match capacity {
        Some(c) if c < 1 => Some(Code::CapacityAtLeastOne.into()),
        Some(c) if c < enrolled => Some(Code::CapacityBelowEnrolled.with("enrolled", enrolled)),
        _ => None,
    }
}

/// How many from the waitlist get a place under a new capacity, in the order they asked.
pub fn places_to_fill(capacity: Option<i64>, enrolled: i64, waitlisted: i64) -> i64 {
    match capacity {
        None => waitlisted,
        Some(c) => (c - enrolled).clamp(0, waitlisted),
    }
}

/// A course can be closed once its last session has ended (or when it has none left).
pub fn can_close(last_session_ends: Option<DateTime<Utc>>, now: DateTime<Utc>) -> bool {
    last_session_ends.is_none_or(|end| end <= now)
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
    /// The one school the course is for, if any: its own closed periods are skipped too.
    #[serde(default)]
    pub school_id: Option<i64>,
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

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn a_capacity_below_the_enrolled_is_refused_saying_how_many_are_enrolled() {
        assert_eq!(capacity_problem(Some(10), 10), None);
        assert_eq!(capacity_problem(None, 30), None);
        assert_eq!(
            capacity_problem(Some(7), 9)
                .map(|p| p.to_string())
                .as_deref(),
            Some("the capacity cannot be lower than the number enrolled: 9")
        );
        assert!(capacity_problem(Some(0), 0).is_some());
    }

    #[test]
    fn a_raised_capacity_fills_places_from_the_waitlist() {
        assert_eq!(places_to_fill(Some(12), 10, 5), 2);
        assert_eq!(places_to_fill(Some(12), 10, 1), 1);
        assert_eq!(places_to_fill(Some(10), 10, 5), 0);
        assert_eq!(places_to_fill(None, 10, 5), 5);
    }

    #[test]
    fn a_course_closes_only_after_its_last_session() {
        let end = Utc.with_ymd_and_hms(2027, 3, 4, 13, 30, 0).unwrap();
        assert!(!can_close(Some(end), end - chrono::Duration::minutes(1)));
        assert!(can_close(Some(end), end));
        assert!(can_close(None, end));
    }
}
