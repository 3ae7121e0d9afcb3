//! Unit tests of reminder planning, reconciliation and the send-time checks.
use super::*;
use crate::messages::MessageState;
use chrono::TimeZone;
use chrono_tz::Europe::Oslo;

fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    Oslo.with_ymd_and_hms(y, m, d, h, min, 0)
        .earliest()
        .unwrap()
        .with_timezone(&Utc)
}

fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap()
}

fn session(id: i64, starts: DateTime<Utc>) -> PlanSession {
    PlanSession {
        id,
        kind: SessionKind::Regular,
        cancelled: false,
        starts_at: starts,
        ends_at: starts + Duration::minutes(150),
    }
}

fn sms_participant(id: i64, enrolled_at: DateTime<Utc>) -> PlanEnrolment {
    PlanEnrolment {
        participant_id: id,
        active: true,
        enrolled_at,
        reach: Reachability {
            preferred: "sms".into(),
            has_phone: true,
            has_email: true,
            ..Default::default()
        },
        guardian_channel: None,
    }
}

fn quiet() -> Option<QuietHours> {
    Some(QuietHours {
        from: NaiveTime::from_hms_opt(21, 0, 0).unwrap(),
        to: NaiveTime::from_hms_opt(8, 0, 0).unwrap(),
    })
}

struct Case {
    sessions: Vec<PlanSession>,
    enrolments: Vec<PlanEnrolment>,
    rules: Vec<ReminderRule>,
    absences: HashSet<(i64, i64)>,
    declined: HashSet<(i64, i64)>,
    told: ToldStarts,
    went_out: HashSet<String>,
    quiet: Option<QuietHours>,
    guardian_reminders: bool,
}

impl Case {
    fn new(sessions: Vec<PlanSession>, enrolments: Vec<PlanEnrolment>) -> Self {
        Case {
            sessions,
            enrolments,
            rules: default_rules(),
            absences: HashSet::new(),
            declined: HashSet::new(),
            told: ToldStarts::new(),
            went_out: HashSet::new(),
            quiet: quiet(),
            guardian_reminders: false,
        }
    }

    fn plan(&self, now: DateTime<Utc>) -> Vec<Wanted> {
        plan_course(&CoursePlan {
            course_id: 1,
            time_zone: Oslo,
            sessions: &self.sessions,
            enrolments: &self.enrolments,
            rules: &self.rules,
            absences: &self.absences,
            declined: &self.declined,
            told: &self.told,
            went_out: &self.went_out,
            quiet_hours: self.quiet,
            guardian_reminders: self.guardian_reminders,
            now,
        })
    }
}

fn find<'a>(
    w: &'a [Wanted],
    kind: MessageKind,
    session: i64,
    rule: &str,
    channel: Channel,
) -> &'a Wanted {
    w.iter()
        .find(|x| {
            x.kind == kind
                && x.session_id == Some(session)
                && x.rule_key == rule
                && x.channel == channel
        })
        .unwrap_or_else(|| panic!("no {kind:?} {rule} for session {session}"))
}

fn reminder(w: &[Wanted], session: i64, rule: &str, channel: Channel) -> Outcome {
    find(w, MessageKind::SessionReminder, session, rule, channel)
        .outcome
        .clone()
}

/// The outbox after applying the changes (what the database does, in memory).
fn apply(mut rows: Vec<Existing>, changes: &[Change]) -> Vec<Existing> {
    for c in changes {
        match c {
            Change::Insert { wanted } => {
                let (state, due) = match &wanted.outcome {
                    Outcome::Send(due) => (MessageState::Planned, *due),
                    _ => (MessageState::Skipped, wanted.nominal_due),
                };
                rows.push(Existing {
                    id: rows.len() as i64 + 1,
                    key: wanted.key.clone(),
                    state,
                    nominal_due: wanted.nominal_due,
                    due,
                    held: matches!(wanted.outcome, Outcome::Held(_)),
                });
            }
            Change::Move {
                id,
                nominal_due,
                due,
                ..
            } => {
                let row = rows.iter_mut().find(|r| r.id == *id).unwrap();
                row.nominal_due = *nominal_due;
                row.due = *due;
            }
            Change::Revive {
                id,
                nominal_due,
                due,
                ..
            } => {
                let row = rows.iter_mut().find(|r| r.id == *id).unwrap();
                row.state = MessageState::Planned;
                row.held = false;
                row.nominal_due = *nominal_due;
                row.due = *due;
            }
            Change::Cancel { id, .. } => {
                rows.iter_mut().find(|r| r.id == *id).unwrap().state = MessageState::Cancelled
            }
            Change::Skip { id, reason } => {
                let row = rows.iter_mut().find(|r| r.id == *id).unwrap();
                row.state = MessageState::Skipped;
                row.held = reason.starts_with(HELD_FOR_CONSENT);
            }
        }
    }
    rows
}

fn planned(rows: &[Existing]) -> Vec<(String, DateTime<Utc>)> {
    let mut v: Vec<_> = rows
        .iter()
        .filter(|r| r.state == MessageState::Planned)
        .map(|r| (r.key.clone(), r.due))
        .collect();
    v.sort();
    v
}

#[test]
fn each_session_gets_its_reminders_at_the_rule_times() {
    let s = at(2027, 1, 12, 12, 0);
    let case = Case::new(
        vec![session(10, s)],
        vec![sms_participant(7, at(2027, 1, 1, 10, 0))],
    );
    let w = case.plan(at(2027, 1, 2, 9, 0));
    assert_eq!(
        reminder(&w, 10, "sms-1440m", Channel::Sms),
        Outcome::Send(at(2027, 1, 11, 12, 0))
    );
    assert_eq!(
        reminder(&w, 10, "sms-120m", Channel::Sms),
        Outcome::Send(at(2027, 1, 12, 10, 0))
    );
    // The participant prefers SMS: the e-mail rule is not used for them.
    assert!(matches!(
        reminder(&w, 10, "email-2880m", Channel::Email),
        Outcome::Cancel(_)
    ));
    let rows = apply(vec![], &reconcile(&[], &w));
    // Welcome + two SMS reminders.
    assert_eq!(planned(&rows).len(), 3);
    // Planning again changes nothing.
    assert!(reconcile(&rows, &case.plan(at(2027, 1, 3, 9, 0))).is_empty());
}

#[test]
fn spring_forward_2027_keeps_the_day_before_at_the_same_local_time() {
    // Monday 29 March 2027, 12:00 CEST = 10:00 UTC; clocks went forward on Sunday 28 March.
    let s = at(2027, 3, 29, 12, 0);
    assert_eq!(s, utc(2027, 3, 29, 10, 0));
    let case = Case::new(
        vec![session(1, s)],
        vec![sms_participant(7, utc(2027, 3, 1, 0, 0))],
    );
    let w = case.plan(utc(2027, 3, 20, 0, 0));
    // Sunday 28 March 12:00 CEST.
    assert_eq!(
        reminder(&w, 1, "sms-1440m", Channel::Sms),
        Outcome::Send(utc(2027, 3, 28, 10, 0))
    );
    assert_eq!(
        reminder(&w, 1, "sms-120m", Channel::Sms),
        Outcome::Send(utc(2027, 3, 29, 8, 0))
    );
    // Saturday 27 March 12:00 CET (still winter time): 11:00 UTC.
    let mut both = case.enrolments.clone();
    both[0].reach.preferred = "both".into();
    let case = Case {
        enrolments: both,
        ..case
    };
    let w = case.plan(utc(2027, 3, 20, 0, 0));
    assert_eq!(
        reminder(&w, 1, "email-2880m", Channel::Email),
        Outcome::Send(utc(2027, 3, 27, 11, 0))
    );
}

#[test]
fn on_the_day_of_the_spring_change_a_day_is_23_hours() {
    // Sunday 28 March 2027 12:00 CEST; the day before at 12:00 was CET.
    let s = at(2027, 3, 28, 12, 0);
    let case = Case::new(
        vec![session(1, s)],
        vec![sms_participant(7, utc(2027, 3, 1, 0, 0))],
    );
    let w = case.plan(utc(2027, 3, 20, 0, 0));
    assert_eq!(
        reminder(&w, 1, "sms-1440m", Channel::Sms),
        Outcome::Send(utc(2027, 3, 27, 11, 0))
    );
    assert_eq!(s - utc(2027, 3, 27, 11, 0), Duration::hours(23));
}

#[test]
fn autumn_back_2027_and_quiet_hours_follow_local_time() {
    // Sunday 31 October 2027 12:00 CET = 11:00 UTC; Saturday 12:00 was CEST = 10:00 UTC.
    let s = at(2027, 10, 31, 12, 0);
    assert_eq!(s, utc(2027, 10, 31, 11, 0));
    let early = at(2027, 11, 1, 9, 0);
    let case = Case::new(
        vec![session(1, s), session(2, early)],
        vec![sms_participant(7, utc(2027, 10, 1, 0, 0))],
    );
    let w = case.plan(utc(2027, 10, 20, 0, 0));
    assert_eq!(
        reminder(&w, 1, "sms-1440m", Channel::Sms),
        Outcome::Send(utc(2027, 10, 30, 10, 0))
    );
    // 2 h before a 09:00 session is 07:00, inside quiet hours: moved to 08:00 CET.
    assert_eq!(
        reminder(&w, 2, "sms-120m", Channel::Sms),
        Outcome::Send(utc(2027, 11, 1, 7, 0))
    );
}

#[test]
fn quiet_hours_never_push_a_reminder_past_its_session() {
    let s = at(2027, 1, 12, 8, 0);
    let case = Case::new(
        vec![session(1, s)],
        vec![sms_participant(7, at(2027, 1, 1, 10, 0))],
    );
    let w = case.plan(at(2027, 1, 2, 9, 0));
    // 06:00 is quiet; 08:00 is the session itself.
    assert!(
        matches!(reminder(&w, 1, "sms-120m", Channel::Sms), Outcome::Skip(r) if r.contains("quiet"))
    );
    // Switched off, the same reminder goes at 06:00.
    let case = Case {
        quiet: None,
        ..case
    };
    let w = case.plan(at(2027, 1, 2, 9, 0));
    assert_eq!(
        reminder(&w, 1, "sms-120m", Channel::Sms),
        Outcome::Send(at(2027, 1, 12, 6, 0))
    );
}

#[test]
fn a_moved_session_moves_its_pending_reminders_only() {
    let enrolled = at(2027, 1, 1, 10, 0);
    let mut case = Case::new(
        vec![session(1, at(2027, 1, 12, 12, 0))],
        vec![sms_participant(7, enrolled)],
    );
    let now = at(2027, 1, 11, 13, 0); // the 24 h reminder has gone
    let rows = apply(vec![], &reconcile(&[], &case.plan(at(2027, 1, 2, 9, 0))));
    let mut rows = rows;
    for r in rows
        .iter_mut()
        .filter(|r| r.key.contains("sms-1440m") || r.key.contains("welcome"))
    {
        r.state = MessageState::Sent;
    }
    case.sessions[0].starts_at = at(2027, 1, 14, 15, 0);
    case.sessions[0].ends_at = at(2027, 1, 14, 17, 0);
    let changes = reconcile(&rows, &case.plan(now));
    assert_eq!(
        changes,
        vec![Change::Move {
            id: rows.iter().find(|r| r.key.contains("sms-120m")).unwrap().id,
            nominal_due: at(2027, 1, 14, 13, 0),
            due: at(2027, 1, 14, 13, 0),
        }],
        "the 2 h reminder follows; the sent 24 h one stays history"
    );
}

#[test]
fn cancelled_sessions_and_withdrawals_cancel_what_is_pending() {
    let mut case = Case::new(
        vec![
            session(1, at(2027, 1, 12, 12, 0)),
            session(2, at(2027, 1, 14, 12, 0)),
        ],
        vec![
            sms_participant(7, at(2027, 1, 1, 10, 0)),
            sms_participant(8, at(2027, 1, 1, 10, 0)),
        ],
    );
    let now = at(2027, 1, 2, 9, 0);
    let rows = apply(vec![], &reconcile(&[], &case.plan(now)));
    assert_eq!(planned(&rows).len(), 2 * (1 + 2 * 2));
    case.sessions[0].cancelled = true;
    case.enrolments[1].active = false;
    let changes = reconcile(&rows, &case.plan(now));
    let reasons: Vec<&str> = changes
        .iter()
        .map(|c| match c {
            Change::Cancel { reason, .. } => reason.as_str(),
            other => panic!("unexpected {other:?}"),
        })
        .collect();
    // Participant 8: welcome + 4 reminders; participant 7: the 2 of session 1.
    assert_eq!(reasons.len(), 7);
    assert_eq!(
        reasons
            .iter()
            .filter(|r| **r == "session cancelled")
            .count(),
        4,
        "a cancelled session's reminders say so for everyone"
    );
    assert_eq!(
        reasons
            .iter()
            .filter(|r| **r == "no longer enrolled")
            .count(),
        3
    );
    let rows = apply(rows, &changes);
    assert_eq!(planned(&rows).len(), 1 + 2);
    assert!(reconcile(&rows, &case.plan(now)).is_empty());
}

#[test]
fn removing_a_rule_cancels_its_pending_reminders() {
    let mut case = Case::new(
        vec![session(1, at(2027, 1, 12, 12, 0))],
        vec![sms_participant(7, at(2027, 1, 1, 10, 0))],
    );
    let now = at(2027, 1, 2, 9, 0);
    let rows = apply(vec![], &reconcile(&[], &case.plan(now)));
    case.rules.retain(|r| r.offset_minutes != 120);
    let changes = reconcile(&rows, &case.plan(now));
    assert!(
        matches!(&changes[..], [Change::Cancel { reason, .. }] if reason == "the reminder rule was removed")
    );
}

#[test]
fn the_send_time_check_holds_quiet_hours_and_lateness() {
    let start = at(2027, 1, 12, 12, 0);
    let check = |now, due| check_at_send(now, due, Some(start), quiet(), Oslo);
    assert_eq!(
        check(at(2027, 1, 12, 10, 0), at(2027, 1, 12, 10, 0)),
        SendCheck::Send
    );
    assert_eq!(
        check(at(2027, 1, 11, 22, 0), at(2027, 1, 11, 22, 0)),
        SendCheck::Defer(at(2027, 1, 12, 8, 0))
    );
    assert!(matches!(
        check(at(2027, 1, 12, 12, 1), at(2027, 1, 12, 10, 0)),
        SendCheck::Skip(_)
    ));
    assert!(
        matches!(check(at(2027, 1, 12, 11, 0), at(2027, 1, 12, 7, 0)), SendCheck::Skip(r) if r.contains("3 h"))
    );
    let late_night_start = at(2027, 1, 12, 7, 0);
    assert!(matches!(
        check_at_send(at(2027, 1, 12, 6, 0), at(2027, 1, 12, 6, 0), Some(late_night_start), quiet(), Oslo),
        SendCheck::Skip(r) if r.contains("quiet")
    ));
}

#[test]
fn an_outbox_key_names_its_kind_and_channel() {
    let key = outbox_key(
        MessageKind::SessionCancelled,
        "s4:after9",
        7,
        "cancelled",
        Channel::Email,
    );
    assert_eq!(
        key_kind_and_channel(&key),
        Some((MessageKind::SessionCancelled, Channel::Email))
    );
    assert_eq!(key_kind_and_channel("nonsense"), None);
}

#[test]
fn a_message_is_checked_again_at_send_time() {
    let ok = SendFacts {
        kind: Some(MessageKind::SessionReminder),
        channel: Some(Channel::Sms),
        enrolment_status: Some("enrolled".into()),
        has_phone: true,
        ..Default::default()
    };
    assert_eq!(still_wanted(&ok), Ok(()));
    let withdrawn = SendFacts {
        enrolment_status: Some("withdrawn".into()),
        ..ok.clone()
    };
    assert_eq!(still_wanted(&withdrawn), Err("no longer enrolled"));
    let cancelled = SendFacts {
        session_cancelled: true,
        ..ok.clone()
    };
    assert_eq!(still_wanted(&cancelled), Err("session cancelled"));
    let cancellation = SendFacts {
        kind: Some(MessageKind::SessionCancelled),
        ..cancelled.clone()
    };
    assert_eq!(still_wanted(&cancellation), Ok(()));
    let on_after_all = SendFacts {
        session_cancelled: false,
        ..cancellation.clone()
    };
    assert_eq!(
        still_wanted(&on_after_all),
        Err("the session is on after all")
    );
    let stopped = SendFacts {
        sms_opted_out: true,
        ..ok.clone()
    };
    assert_eq!(still_wanted(&stopped), Err("opted out of SMS"));
    let excused = SendFacts {
        kind: Some(MessageKind::AbsenceFollowUp),
        mark: Some("excused".into()),
        ..ok.clone()
    };
    assert_eq!(still_wanted(&excused), Err("no longer marked absent"));
}

#[test]
fn retries_back_off_and_stop() {
    let waits: Vec<i64> = (1..=6)
        .filter_map(retry_after)
        .map(|d| d.num_minutes())
        .collect();
    assert_eq!(waits, vec![1, 2, 4, 8, 16]);
    assert_eq!(retry_after(6), None);
}

mod consent;
mod enrolments;
mod notices;
