//! Alert messages to staff for two unexplained absences in a row: who hears about which
//! participant, and when. The alert itself (on the overview) is the follow-up rule in
//! `attendance`; these are the e-mails that tell the leaders, the primary contact and (for a
//! pupil) the school counsellor, until someone records what was done.

use super::attendance::{open_alert_at, AttendanceStatus};
use super::messages::{Channel, MessageKind};
use super::reminders::{outbox_key, Outcome, Wanted};
use chrono::{DateTime, Utc};

/// One held, scheduled session of the course, for one participant, in time order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HeldMark {
    pub session_id: i64,
    pub mark: Option<AttendanceStatus>,
    /// When the mark was set (the alert goes from the mark that completed the run).
    pub marked_at: Option<DateTime<Utc>>,
    /// Someone recorded what was done about this session's absence.
    pub followed_up: bool,
}

/// A participant of the course: their marks and the staff who should hear of an alert.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AlertSubject {
    pub participant_id: i64,
    pub held: Vec<HeldMark>,
    /// Leaders of the course, the primary contact, the school's counsellors; each once.
    pub recipients: Vec<i64>,
}

/// The alert e-mails wanted now: one per recipient for each participant whose latest marks
/// are two absences in a row not yet followed up. Its time is when the second absence was
/// marked, so planning again changes nothing; once followed up (or the mark changes) the
/// alert is no longer wanted and an unsent one is called off.
pub fn plan_leader_alerts(course_id: i64, subjects: &[AlertSubject]) -> Vec<Wanted> {
    let mut out = Vec::new();
    for s in subjects {
        let marks: Vec<Option<AttendanceStatus>> = s.held.iter().map(|h| h.mark).collect();
        let Some(latest) = open_alert_at(&marks, |i| s.held[i].followed_up).map(|i| &s.held[i])
        else {
            continue;
        };
        let Some(raised) = latest.marked_at else {
            continue;
        };
        let mut recipients = s.recipients.clone();
        recipients.sort_unstable();
        recipients.dedup();
        for user in recipients {
            let rule_key = format!("u{user}");
            out.push(Wanted {
                key: outbox_key(
                    MessageKind::LeaderAlert,
                    &format!("c{course_id}s{}", latest.session_id),
                    s.participant_id,
                    &rule_key,
                    Channel::Email,
                ),
                kind: MessageKind::LeaderAlert,
                channel: Channel::Email,
                participant_id: s.participant_id,
                user_id: Some(user),
                session_id: Some(latest.session_id),
                rule_key,
                nominal_due: raised,
                outcome: Outcome::Send(raised),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use AttendanceStatus::{Absent, Excused, Present};

    fn held(marks: &[Option<AttendanceStatus>], followed_up_last: bool) -> Vec<HeldMark> {
        let n = marks.len();
        marks
            .iter()
            .enumerate()
            .map(|(i, m)| HeldMark {
                session_id: 100 + i as i64,
                mark: *m,
                marked_at: m.map(|_| {
                    Utc.with_ymd_and_hms(2027, 1, 10 + i as u32, 18, 0, 0)
                        .unwrap()
                }),
                followed_up: followed_up_last && i + 1 == n,
            })
            .collect()
    }

    fn subject(marks: &[Option<AttendanceStatus>], followed_up: bool) -> AlertSubject {
        AlertSubject {
            participant_id: 7,
            held: held(marks, followed_up),
            recipients: vec![3, 1, 3],
        }
    }

    #[test]
    fn two_absences_in_a_row_alert_each_recipient_once_from_the_second_mark() {
        let wanted = plan_leader_alerts(
            5,
            &[subject(&[Some(Present), Some(Absent), Some(Absent)], false)],
        );
        assert_eq!(wanted.len(), 2, "recipients 1 and 3, once each");
        assert_eq!(wanted[0].user_id, Some(1));
        assert_eq!(wanted[1].user_id, Some(3));
        assert!(wanted
            .iter()
            .all(|w| w.session_id == Some(102) && w.kind == MessageKind::LeaderAlert));
        let raised = Utc.with_ymd_and_hms(2027, 1, 12, 18, 0, 0).unwrap();
        assert_eq!(wanted[0].outcome, Outcome::Send(raised));
        assert_ne!(wanted[0].key, wanted[1].key);
        // The same facts give the same keys: planning again changes nothing.
        let again = plan_leader_alerts(
            5,
            &[subject(&[Some(Present), Some(Absent), Some(Absent)], false)],
        );
        assert_eq!(again, wanted);
    }

    #[test]
    fn no_alert_when_followed_up_explained_or_broken_by_an_unmarked_session() {
        for (marks, followed_up) in [
            (vec![Some(Absent), Some(Absent)], true),
            (vec![Some(Absent), Some(Excused)], false),
            (vec![Some(Absent), None, Some(Absent)], false),
            (vec![Some(Absent), Some(Present)], false),
            (vec![Some(Absent)], false),
        ] {
            assert!(
                plan_leader_alerts(5, &[subject(&marks, followed_up)]).is_empty(),
                "{marks:?} followed up: {followed_up}"
            );
        }
    }

    #[test]
    fn a_later_session_not_yet_marked_keeps_the_alert_on_the_second_absence() {
        let wanted = plan_leader_alerts(5, &[subject(&[Some(Absent), Some(Absent), None], false)]);
        assert_eq!(wanted.len(), 2);
        assert_eq!(wanted[0].session_id, Some(101));
    }
}
