//! Attendance marks and the absence rule: two unexplained absences in a row call for
//! follow-up.

use serde::{Deserialize, Serialize};

code_enum!(
    /// How a participant attended one session.
    AttendanceStatus { Present => "present", Absent => "absent", Excused => "excused", Late => "late" }
);

/// Whether a participant's latest marks show two unexplained absences in a row. `marks` are
/// the participant's marks for the course's held, non-cancelled sessions in order; `None` is
/// a session nobody marked. Sessions after the last marked one are still to be marked and do
/// not count; an unmarked session between marks breaks a run (we do not guess).
pub fn two_absences_in_a_row(marks: &[Option<AttendanceStatus>]) -> bool {
    let last_marked = marks.iter().rposition(Option::is_some).map_or(0, |i| i + 1);
    matches!(
        &marks[..last_marked],
        [
            ..,
            Some(AttendanceStatus::Absent),
            Some(AttendanceStatus::Absent)
        ]
    )
}

/// Where an open alert stands: the index of the latest marked session when the marks end in
/// two absences in a row and nobody has recorded what was done about that session. The
/// overview and the alert e-mails both go by this.
pub fn open_alert_at(
    marks: &[Option<AttendanceStatus>],
    followed_up: impl Fn(usize) -> bool,
) -> Option<usize> {
    let latest = marks.iter().rposition(Option::is_some)?;
    (two_absences_in_a_row(marks) && !followed_up(latest)).then_some(latest)
}

/// The share of held sessions attended (present or late), in whole percent; `None` before
/// any session has been marked.
pub fn attendance_rate(marks: &[Option<AttendanceStatus>]) -> Option<u8> {
    let marked: Vec<AttendanceStatus> = marks.iter().flatten().copied().collect();
    if marked.is_empty() {
        return None;
    }
    let came = marked
        .iter()
        .filter(|m| matches!(m, AttendanceStatus::Present | AttendanceStatus::Late))
        .count();
    Some(((came * 100 + marked.len() / 2) / marked.len()) as u8)
}

#[cfg(test)]
mod tests {
    use super::AttendanceStatus::*;
    use super::*;

    #[test]
    fn an_alert_stands_on_the_latest_mark_until_it_is_followed_up() {
        let marks = [Some(Present), Some(Absent), Some(Absent), None];
        assert_eq!(open_alert_at(&marks, |_| false), Some(2));
        assert_eq!(open_alert_at(&marks, |i| i == 2), None);
        assert_eq!(
            open_alert_at(&marks, |i| i == 1),
            Some(2),
            "an earlier follow-up does not clear it"
        );
        assert_eq!(open_alert_at(&[Some(Absent), Some(Late)], |_| false), None);
        assert_eq!(open_alert_at(&[None, None], |_| false), None);
    }

    #[test]
    fn two_unexplained_absences_in_a_row_alert() {
        assert!(two_absences_in_a_row(&[
            Some(Present),
            Some(Absent),
            Some(Absent)
        ]));
        assert!(two_absences_in_a_row(&[Some(Absent), Some(Absent)]));
        // Sessions held since but not marked yet do not hide the alert.
        assert!(two_absences_in_a_row(&[
            Some(Absent),
            Some(Absent),
            None,
            None
        ]));
    }

    #[test]
    fn excused_late_unmarked_or_older_absences_do_not() {
        assert!(!two_absences_in_a_row(&[Some(Absent), Some(Excused)]));
        assert!(!two_absences_in_a_row(&[Some(Excused), Some(Absent)]));
        assert!(!two_absences_in_a_row(&[Some(Absent), None, Some(Absent)]));
        assert!(!two_absences_in_a_row(&[
            Some(Absent),
            Some(Absent),
            Some(Present)
        ]));
        assert!(!two_absences_in_a_row(&[Some(Absent), Some(Late)]));
        assert!(!two_absences_in_a_row(&[Some(Absent)]));
        assert!(!two_absences_in_a_row(&[]));
    }

    #[test]
    fn rate_counts_present_and_late_among_marked_sessions() {
        assert_eq!(attendance_rate(&[]), None);
        assert_eq!(attendance_rate(&[None, None]), None);
        assert_eq!(
            attendance_rate(&[Some(Present), Some(Late), Some(Absent), None]),
            Some(67)
        );
        assert_eq!(attendance_rate(&[Some(Excused), Some(Present)]), Some(50));
    }
}

// Records shared by the store, the pages and the API.

/// One participant's mark for one session.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "sql", derive(sqlx::FromRow))]
pub struct AttendanceMark {
    pub session_id: i64,
    pub participant_id: i64,
    pub status: String,
    pub note: String,
    /// Empty when the mark came from the participant's SMS reply ("NEI").
    pub marked_by: Option<i64>,
    pub marked_by_name: String,
    #[cfg_attr(feature = "sql", sqlx(try_from = "crate::sql_text::InstantText"))]
    pub marked_at: String,
    /// "staff" or "sms_reply".
    pub via: String,
}

/// A row of the roll call: everyone enrolled in the session's course, marked or not.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "sql", derive(sqlx::FromRow))]
pub struct RollCallRow {
    pub participant_id: i64,
    pub first_name: String,
    pub last_name: String,
    pub status: Option<String>,
    pub note: Option<String>,
    pub marked_by_name: Option<String>,
    #[cfg_attr(feature = "sql", sqlx(try_from = "crate::sql_text::InstantText"))]
    pub marked_at: Option<String>,
    /// The current buddy (or buddies, in a trio).
    #[cfg_attr(feature = "sql", sqlx(default))]
    pub buddy: Option<String>,
    /// What the participant answered before the session ("yes" or "no"), by text, link or
    /// their own page.
    pub answer: Option<String>,
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
#[cfg_attr(feature = "sql", derive(sqlx::FromRow))]
pub struct HistoryMark {
    pub course_id: i64,
    pub course_title: String,
    pub session_id: i64,
    pub session_number: i64,
    #[cfg_attr(feature = "sql", sqlx(try_from = "crate::sql_text::InstantText"))]
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
