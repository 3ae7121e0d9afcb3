//! Unit tests of reminder planning, reconciliation and the send-time checks.
use super::*;
use crate::domain::messages::MessageState;
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
                row.held = reason.starts_with("no consent for");
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

/// "New time" and "cancelled" messages.
fn notices(w: &[Wanted]) -> Vec<(&str, Outcome)> {
    w.iter()
        .filter(|x| {
            matches!(
                x.kind,
                MessageKind::SessionChanged | MessageKind::SessionCancelled
            )
        })
        .map(|x| (x.key.as_str(), x.outcome.clone()))
        .collect()
}

/// The changes that concern "new time" messages.
fn about_notices(rows: &[Existing], changes: &[Change]) -> Vec<Change> {
    let is_notice = |id: &i64| {
        rows.iter()
            .any(|r| r.id == *id && r.key.starts_with(MessageKind::SessionChanged.code()))
    };
    changes
        .iter()
        .filter(|c| match c {
            Change::Insert { wanted } => wanted.kind == MessageKind::SessionChanged,
            Change::Move { id, .. }
            | Change::Revive { id, .. }
            | Change::Cancel { id, .. }
            | Change::Skip { id, .. } => is_notice(id),
        })
        .cloned()
        .collect()
}

fn told(hour: u32, min: u32, by_message: i64) -> Told {
    Told {
        starts_at: at(2027, 1, 12, hour, min),
        cancelled: false,
        by_message,
    }
}

#[test]
fn a_session_moved_after_its_reminder_went_is_told_once_per_message_that_told_it() {
    let mut case = Case::new(
        vec![session(1, at(2027, 1, 12, 12, 0))],
        vec![sms_participant(7, at(2027, 1, 1, 10, 0))],
    );
    // Nothing went out yet: a move needs no word, the reminders follow it.
    case.sessions[0].starts_at = at(2027, 1, 12, 14, 0);
    assert!(notices(&case.plan(at(2027, 1, 5, 9, 0))).is_empty());

    // Message 100 (the 24 h text) told 14:00; then the session moves to 15:00.
    case.told.insert((1, 7, Channel::Sms), told(14, 0, 100));
    let now = at(2027, 1, 11, 16, 0);
    assert!(
        notices(&case.plan(now)).is_empty(),
        "unchanged: nothing to say"
    );
    case.sessions[0].starts_at = at(2027, 1, 12, 15, 0);
    let w = case.plan(now);
    assert_eq!(
        notices(&w),
        vec![(
            "session_changed:s1:after100:p7:moved:sms",
            Outcome::Send(now)
        )]
    );
    let rows = apply(vec![], &reconcile(&[], &w));
    assert!(
        reconcile(&rows, &case.plan(now + Duration::minutes(5))).is_empty(),
        "planning again leaves the notice alone"
    );

    // Moved again before the notice went: the same notice, written when it goes, tells
    // the latest time.
    case.sessions[0].starts_at = at(2027, 1, 12, 16, 0);
    let changes = reconcile(&rows, &case.plan(now + Duration::minutes(10)));
    assert!(about_notices(&rows, &changes).is_empty(), "{changes:?}");
    let rows = apply(rows, &changes);

    // Moved back to the time they were told: the notice is called off.
    case.sessions[0].starts_at = at(2027, 1, 12, 14, 0);
    let changes = reconcile(&rows, &case.plan(now + Duration::minutes(15)));
    assert!(
        matches!(&about_notices(&rows, &changes)[..], [Change::Cancel { reason, .. }]
            if reason == "not needed any more: what they were told holds again"),
        "{changes:?}"
    );
    let rows = apply(rows, &changes);

    // Then 16:00 after all, and notice 101 told it; back to 14:00, a time told before,
    // is news again.
    case.told.insert((1, 7, Channel::Sms), told(16, 0, 101));
    let changes = reconcile(&rows, &case.plan(now + Duration::minutes(20)));
    assert!(
        matches!(&about_notices(&rows, &changes)[..], [Change::Insert { wanted }]
            if wanted.key == "session_changed:s1:after101:p7:moved:sms"),
        "{changes:?}"
    );
}

#[test]
fn a_reminder_that_goes_now_with_the_new_time_is_enough() {
    let mut case = Case::new(
        vec![session(1, at(2027, 1, 12, 14, 15))],
        vec![sms_participant(7, at(2027, 1, 1, 10, 0))],
    );
    // The 24 h text told 14:00. At 12:30 the session moves to 14:15: the 2 h reminder
    // (12:15) is overdue and goes at once, telling 14:15.
    case.told.insert((1, 7, Channel::Sms), told(14, 0, 100));
    let now = at(2027, 1, 12, 12, 30);
    let w = case.plan(now);
    assert_eq!(
        reminder(&w, 1, "sms-120m", Channel::Sms),
        Outcome::Send(now)
    );
    assert_eq!(
        notices(&w)[0].1,
        Outcome::Cancel("a reminder with the new time goes now".into())
    );
    // Moved at 09:00 instead, the 2 h reminder is hours away: the notice goes.
    assert_eq!(
        notices(&case.plan(at(2027, 1, 12, 9, 0)))[0].1,
        Outcome::Send(at(2027, 1, 12, 9, 0))
    );
}

#[test]
fn a_reminder_that_already_went_does_not_stand_in_for_the_notice() {
    // The 24 h text went at 11 Jan 14:00 telling 12 Jan 14:00. At 14:05 the session moves
    // an hour later: the 24 h rule's new time (11 Jan 15:00) is within the hour, but that
    // text went already and will not go again.
    let mut case = Case::new(
        vec![session(1, at(2027, 1, 12, 15, 0))],
        vec![sms_participant(7, at(2027, 1, 1, 10, 0))],
    );
    case.told.insert((1, 7, Channel::Sms), told(14, 0, 100));
    case.went_out
        .insert("session_reminder:s1:p7:sms-1440m:sms".to_string());
    let now = at(2027, 1, 11, 14, 5);
    assert_eq!(notices(&case.plan(now))[0].1, Outcome::Send(now));
    // Had it not gone, it would carry the new time within the hour: no notice.
    case.went_out.clear();
    assert!(matches!(notices(&case.plan(now))[0].1, Outcome::Cancel(_)));
}

#[test]
fn no_change_notice_when_it_cannot_help() {
    let mut case = Case::new(
        vec![session(1, at(2027, 1, 12, 15, 0))],
        vec![sms_participant(7, at(2027, 1, 1, 10, 0))],
    );
    case.told.insert((1, 7, Channel::Sms), told(14, 0, 100));
    // Late in the evening: it waits for the morning.
    assert_eq!(
        notices(&case.plan(at(2027, 1, 11, 22, 30)))[0].1,
        Outcome::Send(at(2027, 1, 12, 8, 0))
    );
    // The session has started, was cancelled, or they said they cannot come: no word.
    assert!(matches!(
        notices(&case.plan(at(2027, 1, 12, 15, 5)))[0].1,
        Outcome::Cancel(_)
    ));
    case.declined.insert((1, 7));
    assert_eq!(
        notices(&case.plan(at(2027, 1, 11, 12, 0)))[0].1,
        Outcome::Cancel("said they cannot come".into())
    );
    case.declined.clear();
    // Moved to 01:00 at night, in quiet hours until it starts: recorded as too late.
    case.sessions[0].cancelled = false;
    case.sessions[0].starts_at = at(2027, 1, 13, 1, 0);
    assert!(matches!(
        notices(&case.plan(at(2027, 1, 12, 22, 0)))[0].1,
        Outcome::Skip(_)
    ));
}

#[test]
fn a_cancelled_session_is_told_to_those_who_heard_of_it() {
    let mut case = Case::new(
        vec![session(1, at(2027, 1, 12, 14, 0))],
        vec![sms_participant(7, at(2027, 1, 1, 10, 0))],
    );
    case.sessions[0].cancelled = true;
    let now = at(2027, 1, 11, 16, 0);
    // Nothing went out about it yet: its reminders are simply called off.
    assert!(notices(&case.plan(now)).is_empty());

    // The 24 h text (message 100) told 14:00.
    case.told.insert((1, 7, Channel::Sms), told(14, 0, 100));
    assert_eq!(
        notices(&case.plan(now)),
        vec![(
            "session_cancelled:s1:after100:p7:cancelled:sms",
            Outcome::Send(now)
        )]
    );
    // Not to someone who said they cannot come, nor after the start.
    case.declined.insert((1, 7));
    assert!(matches!(notices(&case.plan(now))[0].1, Outcome::Cancel(_)));
    case.declined.clear();
    assert!(matches!(
        notices(&case.plan(at(2027, 1, 12, 14, 5)))[0].1,
        Outcome::Cancel(_)
    ));

    // The cancellation (message 101) went; nothing more while it stands.
    let cancelled = Told {
        cancelled: true,
        ..told(14, 0, 101)
    };
    case.told.insert((1, 7, Channel::Sms), cancelled);
    assert!(notices(&case.plan(now)).is_empty());
    // On again after all: they hear it, with the time.
    case.sessions[0].cancelled = false;
    assert_eq!(
        notices(&case.plan(now)),
        vec![(
            "session_changed:s1:after101:p7:moved:sms",
            Outcome::Send(now)
        )]
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
fn a_late_enrolment_gets_one_timely_text_not_a_burst() {
    let s = at(2027, 1, 12, 12, 0);
    let case_at = |enrolled: DateTime<Utc>| {
        Case::new(vec![session(1, s)], vec![sms_participant(7, enrolled)]).plan(enrolled)
    };
    // 3 h before: the 24 h reminder is overdue, the 2 h one still comes.
    let w = case_at(at(2027, 1, 12, 9, 0));
    assert_eq!(
        reminder(&w, 1, "sms-1440m", Channel::Sms),
        Outcome::Skip("a later reminder follows".into())
    );
    assert_eq!(
        reminder(&w, 1, "sms-120m", Channel::Sms),
        Outcome::Send(at(2027, 1, 12, 10, 0))
    );
    // 90 min before: both overdue; the later one goes at once, the earlier is skipped.
    let now = at(2027, 1, 12, 10, 30);
    let w = case_at(now);
    assert_eq!(
        reminder(&w, 1, "sms-120m", Channel::Sms),
        Outcome::Send(now)
    );
    assert!(matches!(
        reminder(&w, 1, "sms-1440m", Channel::Sms),
        Outcome::Skip(_)
    ));
    // 30 min before: within the minimum lead, skipped with the reason.
    let w = case_at(at(2027, 1, 12, 11, 30));
    assert_eq!(
        reminder(&w, 1, "sms-120m", Channel::Sms),
        Outcome::Skip("too late: the session starts within 60 min".into())
    );
    let rows = apply(vec![], &reconcile(&[], &w));
    assert!(rows
        .iter()
        .any(|r| r.key.contains("sms-120m") && r.state == MessageState::Skipped));
}

#[test]
fn a_late_enrolment_at_night_waits_for_the_morning() {
    let s = at(2027, 1, 12, 12, 0);
    let now = at(2027, 1, 11, 23, 0);
    let w = Case::new(vec![session(1, s)], vec![sms_participant(7, now)]).plan(now);
    assert_eq!(
        reminder(&w, 1, "sms-1440m", Channel::Sms),
        Outcome::Skip("a later reminder follows".into())
    );
    let welcome = w
        .iter()
        .find(|x| x.kind == MessageKind::Welcome && x.channel == Channel::Sms)
        .unwrap();
    assert_eq!(welcome.outcome, Outcome::Send(at(2027, 1, 12, 8, 0)));
}

#[test]
fn follow_up_sessions_get_invitations_a_week_and_a_day_before() {
    let mut f = session(9, at(2027, 3, 30, 12, 0));
    f.kind = SessionKind::FollowUp;
    let case = Case::new(vec![f], vec![sms_participant(7, at(2027, 1, 1, 10, 0))]);
    let w = case.plan(at(2027, 3, 1, 9, 0));
    let invite = |rule| {
        find(&w, MessageKind::FollowUpInvitation, 9, rule, Channel::Sms)
            .outcome
            .clone()
    };
    // 23 March is winter time, 29 March summer time; both at 12:00 local.
    assert_eq!(invite("invite-7d"), Outcome::Send(utc(2027, 3, 23, 11, 0)));
    assert_eq!(invite("invite-1d"), Outcome::Send(utc(2027, 3, 29, 10, 0)));
    assert!(
        w.iter().all(|x| x.rule_key != "sms-1440m"),
        "the invitation is the day-before text"
    );
    assert_eq!(
        reminder(&w, 9, "sms-120m", Channel::Sms),
        Outcome::Send(at(2027, 3, 30, 10, 0))
    );
}

#[test]
fn an_absence_without_reason_gets_a_word_two_hours_after() {
    let s = session(1, at(2027, 1, 12, 18, 0)); // ends 20:30
    let mut case = Case::new(vec![s], vec![sms_participant(7, at(2027, 1, 1, 10, 0))]);
    case.absences.insert((1, 7));
    let now = at(2027, 1, 12, 20, 40);
    let w = case.plan(now);
    let absence = find(&w, MessageKind::AbsenceFollowUp, 1, "absence", Channel::Sms);
    // 22:30 is quiet: the next morning at 08:00.
    assert_eq!(absence.outcome, Outcome::Send(at(2027, 1, 13, 8, 0)));
    let rows = apply(vec![], &reconcile(&[], &w));
    // The mark is corrected to "excused": the message is cancelled.
    case.absences.clear();
    let changes = reconcile(&rows, &case.plan(now));
    assert!(changes.iter().any(
        |c| matches!(c, Change::Cancel { reason, .. } if reason == "no longer marked absent")
    ));
}

#[test]
fn opting_out_moves_a_participant_to_email_if_they_have_one() {
    let mut p = sms_participant(7, at(2027, 1, 1, 10, 0));
    p.reach.sms_opted_out = true;
    let (used, not_used) = p.reach.channels(false);
    assert_eq!(used, vec![Channel::Email]);
    assert_eq!(not_used, vec![(Channel::Sms, "opted out of SMS")]);
    p.reach.has_email = false;
    assert!(p.reach.channels(false).0.is_empty());
    let minor = Reachability {
        preferred: "sms".into(),
        has_phone: true,
        ..Default::default()
    };
    assert_eq!(
        minor.channels(true).1,
        vec![
            (Channel::Sms, "no consent for SMS to a minor"),
            (Channel::Email, "no e-mail address")
        ]
    );
    let case = Case::new(vec![session(1, at(2027, 1, 12, 12, 0))], vec![p]);
    let w = case.plan(at(2027, 1, 2, 9, 0));
    assert_eq!(
        reminder(&w, 1, "sms-1440m", Channel::Sms),
        Outcome::Cancel("opted out of SMS".into())
    );
}

#[test]
fn no_more_reminders_for_a_session_someone_said_no_to() {
    let mut case = Case::new(
        vec![
            session(1, at(2027, 1, 12, 12, 0)),
            session(2, at(2027, 1, 14, 12, 0)),
        ],
        vec![sms_participant(7, at(2027, 1, 1, 10, 0))],
    );
    let now = at(2027, 1, 2, 9, 0);
    let rows = apply(vec![], &reconcile(&[], &case.plan(now)));
    case.declined.insert((1, 7));
    let changes = reconcile(&rows, &case.plan(now));
    assert_eq!(
        changes.len(),
        2,
        "both reminders of session 1, none of session 2"
    );
    assert!(changes
        .iter()
        .all(|c| matches!(c, Change::Cancel { reason, .. } if reason == "said they cannot come")));
}

#[test]
fn a_restored_session_gets_its_reminders_back_but_a_sent_one_is_not_repeated() {
    let mut case = Case::new(
        vec![session(1, at(2027, 1, 12, 12, 0))],
        vec![sms_participant(7, at(2027, 1, 1, 10, 0))],
    );
    let now = at(2027, 1, 2, 9, 0);
    let mut rows = apply(vec![], &reconcile(&[], &case.plan(now)));
    rows.iter_mut()
        .filter(|r| r.key.contains("welcome"))
        .for_each(|r| r.state = MessageState::Sent);
    case.sessions[0].cancelled = true;
    let rows = apply(rows.clone(), &reconcile(&rows, &case.plan(now)));
    assert_eq!(planned(&rows).len(), 0);
    case.sessions[0].cancelled = false;
    let changes = reconcile(&rows, &case.plan(now));
    assert_eq!(changes.len(), 2, "{changes:?}");
    assert!(changes.iter().all(|c| matches!(c, Change::Revive { .. })));
    let rows = apply(rows, &changes);
    assert_eq!(planned(&rows).len(), 2);
    assert!(reconcile(&rows, &case.plan(now)).is_empty());
}

#[test]
fn an_old_enrolment_gets_no_late_welcome() {
    let case = Case::new(
        vec![session(1, at(2027, 1, 12, 12, 0))],
        vec![sms_participant(7, at(2027, 1, 1, 10, 0))],
    );
    let w = case.plan(at(2027, 1, 5, 10, 0));
    let welcome = w
        .iter()
        .find(|x| x.kind == MessageKind::Welcome && x.channel == Channel::Sms)
        .unwrap();
    assert_eq!(
        welcome.outcome,
        Outcome::Skip("enrolled too long ago for a welcome".into())
    );
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
