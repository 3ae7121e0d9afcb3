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
