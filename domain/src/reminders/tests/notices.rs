//! "New time" and "cancelled" notices: once per message whose news no longer holds, not when
//! a reminder with the new time goes anyway, and to those who had heard of a cancelled session.

use super::*;

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
