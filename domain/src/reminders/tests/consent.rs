//! Planning for pupils under 18: nothing without a consent covering the channel, a consent
//! that arrives brings what is still ahead, withdrawal cancels, turning 18 ends the need, and
//! guardians get copies.

use super::*;
use crate::consent::ConsentChannels;
use crate::messages::MessageState;

const SMS_ONLY: ConsentChannels = ConsentChannels {
    sms: true,
    email: false,
};

fn pupil(id: i64, enrolled_at: DateTime<Utc>, consent: ConsentChannels) -> PlanEnrolment {
    let mut p = sms_participant(id, enrolled_at);
    p.reach.preferred = "both".into();
    // Turns 18 long after the course.
    p.reach.minor_until = Some(at(2029, 5, 1, 0, 0));
    p.reach.consent = consent;
    p.guardian_channel = Some(Channel::Sms);
    p
}

fn follow_up(id: i64, starts: DateTime<Utc>) -> PlanSession {
    PlanSession {
        kind: SessionKind::FollowUp,
        ..session(id, starts)
    }
}

fn of_kind(w: &[Wanted], kind: MessageKind) -> Vec<&Wanted> {
    w.iter().filter(|x| x.kind == kind).collect()
}

#[test]
fn nothing_goes_to_a_minor_without_consent_and_the_ledger_says_why() {
    let case = Case::new(
        vec![session(1, at(2027, 1, 12, 12, 0))],
        vec![pupil(7, at(2027, 1, 2, 9, 0), ConsentChannels::NONE)],
    );
    let w = case.plan(at(2027, 1, 2, 9, 0));
    // Held: the ledger shows them as skipped with the reason.
    assert_eq!(
        reminder(&w, 1, "sms-1440m", Channel::Sms),
        Outcome::Held("no consent for SMS to a minor".into())
    );
    assert_eq!(
        reminder(&w, 1, "email-2880m", Channel::Email),
        Outcome::Held("no consent for e-mail to a minor".into())
    );
    let welcomes = of_kind(&w, MessageKind::Welcome);
    assert!(welcomes
        .iter()
        .all(|x| matches!(&x.outcome, Outcome::Held(r) if r.starts_with("no consent"))));
    let rows = apply(Vec::new(), &reconcile(&[], &w));
    assert!(rows
        .iter()
        .all(|r| r.state == MessageState::Skipped && r.held));
    // Nor to the guardian: copies need the consent too.
    assert!(of_kind(&w, MessageKind::GuardianWelcome)
        .iter()
        .all(|x| x.outcome == Outcome::Cancel("no consent from the guardian".into())));
}

#[test]
fn a_consent_covers_only_its_channels() {
    let case = Case::new(
        vec![session(1, at(2027, 1, 12, 12, 0))],
        vec![pupil(7, at(2027, 1, 2, 9, 0), SMS_ONLY)],
    );
    let w = case.plan(at(2027, 1, 2, 9, 0));
    assert!(matches!(
        reminder(&w, 1, "sms-1440m", Channel::Sms),
        Outcome::Send(_)
    ));
    // Preferring both: e-mail would go if it were covered.
    assert_eq!(
        reminder(&w, 1, "email-2880m", Channel::Email),
        Outcome::Held("no consent for e-mail to a minor".into())
    );
}

#[test]
fn a_consent_arriving_late_brings_what_is_still_ahead_and_a_welcome() {
    let enrolled = at(2027, 1, 2, 9, 0);
    let sessions = vec![
        session(1, at(2027, 1, 12, 12, 0)),
        session(2, at(2027, 1, 19, 12, 0)),
    ];
    let without = Case::new(
        sessions.clone(),
        vec![pupil(7, enrolled, ConsentChannels::NONE)],
    );
    let mut rows = apply(Vec::new(), &reconcile(&[], &without.plan(enrolled)));
    assert!(planned(&rows).is_empty(), "nothing planned without consent");
    assert!(!rows.is_empty(), "held messages are in the ledger");
    // Consent on 13 January: session 1 is past, session 2 ahead.
    let later = at(2027, 1, 13, 15, 0);
    let with = Case::new(sessions.clone(), vec![pupil(7, enrolled, SMS_ONLY)]);
    let changes = reconcile(&rows, &with.plan(later));
    rows = apply(rows, &changes);
    let keys: Vec<String> = planned(&rows).into_iter().map(|(k, _)| k).collect();
    assert!(keys
        .iter()
        .any(|k| k.starts_with("session_reminder:s2:p7:sms-1440m")));
    assert!(
        !keys.iter().any(|k| k.contains(":s1:")),
        "nothing about a past session"
    );
    // The course has begun: no welcome any more.
    assert!(!keys.iter().any(|k| k.starts_with("welcome:")));

    // Consent on 8 January, before the course begins (a week after enrolling): the welcome
    // goes, to the pupil and as a copy to the guardian.
    let before = at(2027, 1, 8, 15, 0);
    let rows = apply(rows_without(&without, enrolled), &[]);
    let changes = reconcile(&rows, &with.plan(before));
    let rows = apply(rows, &changes);
    let keys: Vec<String> = planned(&rows).into_iter().map(|(k, _)| k).collect();
    assert!(keys.iter().any(|k| k == "welcome:c1:p7:enrolment:sms"));
    assert!(keys
        .iter()
        .any(|k| k == "guardian_welcome:c1:p7:enrolment:sms"));
    assert!(keys
        .iter()
        .any(|k| k.starts_with("session_reminder:s1:p7:sms-1440m")));
}

#[test]
fn withdrawing_consent_cancels_what_is_pending() {
    let now = at(2027, 1, 2, 9, 0);
    let sessions = vec![session(1, at(2027, 1, 12, 12, 0))];
    let given = Case::new(sessions.clone(), vec![pupil(7, now, SMS_ONLY)]);
    let rows = apply(Vec::new(), &reconcile(&[], &given.plan(now)));
    assert!(!planned(&rows).is_empty());
    let withdrawn = Case::new(sessions, vec![pupil(7, now, ConsentChannels::NONE)]);
    let changes = reconcile(&rows, &withdrawn.plan(now));
    let rows = apply(rows, &changes);
    assert!(planned(&rows).is_empty(), "everything pending is held back");
    assert!(rows
        .iter()
        .filter(|r| r.key.starts_with("session_reminder"))
        .all(|r| r.held));
}

/// The outbox as planning without consent leaves it.
fn rows_without(case: &Case, now: DateTime<Utc>) -> Vec<Existing> {
    apply(Vec::new(), &reconcile(&[], &case.plan(now)))
}

#[test]
fn turning_18_ends_the_need_for_consent_from_that_day() {
    let mut p = pupil(7, at(2027, 1, 2, 9, 0), ConsentChannels::NONE);
    // 18 on 10 January 2027: the reminder on the 9th is still a minor's, the one on the
    // 10th and after are an adult's.
    p.reach.minor_until = Some(at(2027, 1, 10, 0, 0));
    let case = Case::new(
        vec![
            session(1, at(2027, 1, 9, 12, 0) + Duration::days(1)),
            session(2, at(2027, 1, 14, 12, 0)),
        ],
        vec![p],
    );
    let w = case.plan(at(2027, 1, 2, 9, 0));
    // Session 1 is on the 10th: its 24 h reminder goes on the 9th (a minor), its 2 h one
    // on the 10th (an adult).
    assert_eq!(
        reminder(&w, 1, "sms-1440m", Channel::Sms),
        Outcome::Held("no consent for SMS to a minor".into())
    );
    assert!(matches!(
        reminder(&w, 1, "sms-120m", Channel::Sms),
        Outcome::Send(_)
    ));
    assert!(matches!(
        reminder(&w, 2, "sms-1440m", Channel::Sms),
        Outcome::Send(_)
    ));
    // And the guardian's copies end with it.
    let copy = of_kind(&w, MessageKind::GuardianReminder);
    assert!(copy
        .iter()
        .all(|x| matches!(&x.outcome, Outcome::Cancel(_))));
}

#[test]
fn guardians_get_the_welcome_and_invitations_and_reminders_only_when_the_course_says_so() {
    let now = at(2027, 1, 2, 9, 0);
    let mut case = Case::new(
        vec![
            session(1, at(2027, 1, 12, 12, 0)),
            follow_up(2, at(2027, 3, 9, 12, 0)),
        ],
        vec![pupil(7, now, SMS_ONLY)],
    );
    let w = case.plan(now);
    let welcome = of_kind(&w, MessageKind::GuardianWelcome);
    assert_eq!(welcome.len(), 1);
    assert_eq!(welcome[0].channel, Channel::Sms);
    assert_eq!(welcome[0].key, "guardian_welcome:c1:p7:enrolment:sms");
    assert!(matches!(welcome[0].outcome, Outcome::Send(_)));
    let invitations = of_kind(&w, MessageKind::GuardianInvitation);
    assert_eq!(
        invitations.len(),
        2,
        "7 days and 1 day before the follow-up"
    );
    assert!(invitations
        .iter()
        .all(|x| matches!(x.outcome, Outcome::Send(_))));
    // The copy goes when the pupil's invitation goes.
    let pupils = find(
        &w,
        MessageKind::FollowUpInvitation,
        2,
        "invite-7d",
        Channel::Sms,
    );
    let copy = find(
        &w,
        MessageKind::GuardianInvitation,
        2,
        "invite-7d",
        Channel::Sms,
    );
    assert_eq!(pupils.outcome, copy.outcome);
    assert!(of_kind(&w, MessageKind::GuardianReminder)
        .iter()
        .all(|x| x.outcome
            == Outcome::Cancel("the course sends guardians no copies of reminders".into())));
    case.guardian_reminders = true;
    let w = case.plan(now);
    let reminders = of_kind(&w, MessageKind::GuardianReminder);
    assert!(reminders
        .iter()
        .any(|x| matches!(x.outcome, Outcome::Send(_))));
    // Copies are keyed apart from the pupil's own messages: planning twice changes nothing.
    let rows = apply(Vec::new(), &reconcile(&[], &w));
    assert!(reconcile(&rows, &case.plan(now)).is_empty());
}

#[test]
fn guardian_copies_are_checked_again_at_send_time() {
    let copy = SendFacts {
        kind: Some(MessageKind::GuardianWelcome),
        channel: Some(Channel::Sms),
        enrolment_status: Some("enrolled".into()),
        minor: true,
        consent: SMS_ONLY,
        guardian_has_phone: true,
        ..Default::default()
    };
    assert_eq!(still_wanted(&copy), Ok(()));
    let adult = SendFacts {
        minor: false,
        ..copy.clone()
    };
    assert_eq!(
        still_wanted(&adult),
        Err("not under 18: no copies to the guardian")
    );
    let withdrawn = SendFacts {
        consent: ConsentChannels::NONE,
        ..copy.clone()
    };
    assert_eq!(
        still_wanted(&withdrawn),
        Err("no consent from the guardian")
    );
    let stopped = SendFacts {
        guardian_sms_opted_out: true,
        ..copy.clone()
    };
    assert_eq!(still_wanted(&stopped), Err("the guardian opted out of SMS"));
    // The pupil's own STOPP does not stop the guardian's copies.
    let pupil_stopped = SendFacts {
        sms_opted_out: true,
        ..copy.clone()
    };
    assert_eq!(still_wanted(&pupil_stopped), Ok(()));
    let reminder_copy = SendFacts {
        kind: Some(MessageKind::GuardianReminder),
        ..copy.clone()
    };
    assert_eq!(
        still_wanted(&reminder_copy),
        Err("the course sends guardians no copies of reminders")
    );
    // A minor's own e-mail needs e-mail consent.
    let email = SendFacts {
        kind: Some(MessageKind::SessionReminder),
        channel: Some(Channel::Email),
        has_email: true,
        ..copy.clone()
    };
    assert_eq!(
        still_wanted(&email),
        Err("no consent for e-mail to a minor")
    );
    // A consent request goes while it is open, whatever the consent.
    let request = SendFacts {
        kind: Some(MessageKind::ConsentRequest),
        enrolment_status: None,
        consent: ConsentChannels::NONE,
        request_open: true,
        ..copy.clone()
    };
    assert_eq!(still_wanted(&request), Ok(()));
    let answered = SendFacts {
        request_open: false,
        ..request
    };
    assert!(still_wanted(&answered).is_err());
}

#[test]
fn a_consent_for_the_other_channel_than_the_preferred_one_is_used() {
    // Prefers SMS, but the guardian consented to e-mail only: e-mail stands in.
    let mut p = pupil(
        7,
        at(2027, 1, 2, 9, 0),
        ConsentChannels {
            sms: false,
            email: true,
        },
    );
    p.reach.preferred = "sms".into();
    let mut q = pupil(8, at(2027, 1, 2, 9, 0), SMS_ONLY);
    q.reach.preferred = "email".into();
    let case = Case::new(vec![session(1, at(2027, 1, 12, 12, 0))], vec![p, q]);
    let w = case.plan(at(2027, 1, 2, 9, 0));
    let outcome = |pid: i64, rule: &str, channel: Channel| {
        w.iter()
            .find(|x| {
                x.participant_id == pid
                    && x.kind == MessageKind::SessionReminder
                    && x.rule_key == rule
                    && x.channel == channel
            })
            .unwrap()
            .outcome
            .clone()
    };
    assert!(matches!(
        outcome(7, "email-2880m", Channel::Email),
        Outcome::Send(_)
    ));
    assert_eq!(
        outcome(7, "sms-1440m", Channel::Sms),
        Outcome::Held("no consent for SMS to a minor".into())
    );
    assert!(matches!(
        outcome(8, "sms-1440m", Channel::Sms),
        Outcome::Send(_)
    ));
    assert_eq!(
        outcome(8, "email-2880m", Channel::Email),
        Outcome::Held("no consent for e-mail to a minor".into())
    );
}

#[test]
fn a_minor_is_welcomed_once_though_the_channel_changes() {
    let now = at(2027, 1, 2, 9, 0);
    let mut case = Case::new(
        vec![session(1, at(2027, 1, 12, 12, 0))],
        vec![pupil(7, now, SMS_ONLY)],
    );
    case.went_out.insert("welcome:c1:p7:enrolment:sms".into());
    case.went_out
        .insert("guardian_welcome:c1:p7:enrolment:sms".into());
    // The consent now covers e-mail only, and the guardian's copies go by e-mail.
    case.enrolments[0].reach.consent = ConsentChannels {
        sms: false,
        email: true,
    };
    case.enrolments[0].guardian_channel = Some(Channel::Email);
    let w = case.plan(now + Duration::days(2));
    for kind in [MessageKind::Welcome, MessageKind::GuardianWelcome] {
        let email = w
            .iter()
            .find(|x| x.kind == kind && x.channel == Channel::Email)
            .unwrap();
        assert!(
            matches!(email.outcome, Outcome::Skip(_)),
            "{kind:?}: {:?}",
            email.outcome
        );
    }
}
