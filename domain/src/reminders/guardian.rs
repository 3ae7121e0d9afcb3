//! Copies to a pupil's guardian: the welcome and every follow-up invitation, and the session
//! reminders where the course says so. A copy goes only while the pupil is under 18 and a
//! consent is in force; it keeps the times of the message it copies.

use super::{
    on_other_channel, outbox_key, welcome, CoursePlan, Outcome, PlanEnrolment, SessionReminder,
    Wanted,
};
use crate::messages::{Channel, MessageKind};
use chrono::{DateTime, Utc};

/// Why no copy may go to the guardian at `at`, if so.
fn no_copy(e: &PlanEnrolment, at: DateTime<Utc>) -> Option<&'static str> {
    if !e.active {
        Some("no longer enrolled")
    } else if !e.reach.minor_at(at) {
        Some("not under 18: no copies to the guardian")
    } else if e.reach.consent.is_empty() {
        Some("no consent from the guardian")
    } else {
        None
    }
}

/// The guardian's copies for one enrolment, on the guardian's channel; `timetables` holds
/// that channel's reminders of each session, in the order of `plan.sessions`.
pub(super) fn plan_copies(
    plan: &CoursePlan<'_>,
    e: &PlanEnrolment,
    channel: Channel,
    timetables: &[Vec<SessionReminder>],
    future_sessions: bool,
    out: &mut Vec<Wanted>,
) {
    out.push(welcome(
        plan,
        e,
        MessageKind::GuardianWelcome,
        channel,
        no_copy(e, e.enrolled_at.max(plan.now)).map(|why| (why, false)),
        future_sessions,
    ));
    for (session, timetable) in plan.sessions.iter().zip(timetables) {
        let declined = plan.declined.contains(&(session.id, e.participant_id));
        for r in timetable {
            let Some(kind) = r.kind.guardian_copy() else {
                continue;
            };
            let why = if session.cancelled {
                Some("session cancelled")
            } else if declined {
                Some("said they cannot come")
            } else if kind == MessageKind::GuardianReminder && !plan.guardian_reminders {
                Some("the course sends guardians no copies of reminders")
            } else {
                no_copy(e, r.nominal_due)
            };
            let key = outbox_key(
                kind,
                &format!("s{}", session.id),
                e.participant_id,
                &r.rule_key,
                channel,
            );
            let outcome = match (why, &r.outcome) {
                (Some(why), o) if !matches!(o, Outcome::Cancel(_)) => {
                    Outcome::Cancel(why.to_string())
                }
                // The guardian's channel changed after this copy went on the other one.
                (None, Outcome::Send(_))
                    if plan.went_out.contains(&on_other_channel(&key, channel)) =>
                {
                    Outcome::Skip("the copy went by the other channel".into())
                }
                (_, o) => o.clone(),
            };
            out.push(Wanted {
                key,
                kind,
                channel,
                participant_id: e.participant_id,
                user_id: None,
                session_id: Some(session.id),
                rule_key: r.rule_key.clone(),
                nominal_due: r.nominal_due,
                outcome,
            });
        }
    }
}
