//! Who gets what: late and old enrolments, follow-up invitations, the word after an absence,
//! STOPP, a "no" to a session, and a restored session.

use super::*;
use crate::messages::MessageState;

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
