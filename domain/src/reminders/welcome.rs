//! The welcome on enrolment (and the guardian's copy): at once, quiet hours allowing, once per
//! enrolment whatever channel it went by, and not when it would come too late to help.

use super::{
    blocked, outbox_key, Block, CoursePlan, Outcome, PlanEnrolment, Wanted, WELCOME_STALE_HOURS,
};
use crate::messages::{Channel, MessageKind};
use chrono::{DateTime, Duration, Utc};

/// The welcome on enrolment (or the guardian's copy of it), keyed by course.
pub(super) fn welcome(
    plan: &CoursePlan<'_>,
    e: &PlanEnrolment,
    kind: MessageKind,
    channel: Channel,
    block: Option<Block<'_>>,
    future_sessions: bool,
) -> Wanted {
    let key = outbox_key(
        kind,
        &format!("c{}", plan.course_id),
        e.participant_id,
        "enrolment",
        channel,
    );
    // One welcome: a change of channel later (new contact details, a consent for the other
    // channel, a STOPP) brings no second one. A planned one is left alone (a skip with an
    // unchanged time changes nothing), so "both" still gets both.
    let went_by_other_channel = plan.went_out.contains(&on_other_channel(&key, channel));
    Wanted {
        key,
        kind,
        channel,
        participant_id: e.participant_id,
        user_id: None,
        session_id: None,
        rule_key: "enrolment".into(),
        nominal_due: e.enrolled_at,
        outcome: welcome_outcome(
            plan,
            block,
            future_sessions,
            e.reach.minor_until,
            e.enrolled_at,
            went_by_other_channel,
        ),
    }
}

/// The same message's outbox key on the other channel (keys end with the channel).
pub(super) fn on_other_channel(key: &str, channel: Channel) -> String {
    let other = match channel {
        Channel::Sms => Channel::Email,
        Channel::Email => Channel::Sms,
    };
    format!(
        "{}{}",
        key.strip_suffix(channel.code()).unwrap_or(key),
        other.code()
    )
}

/// A welcome: at once on enrolment (quiet hours allowing), unless it may not go to them, the
/// course is over, or the enrolment is too old for a welcome to make sense.
fn welcome_outcome(
    plan: &CoursePlan<'_>,
    block: Option<Block<'_>>,
    future_sessions: bool,
    minor_until: Option<DateTime<Utc>>,
    due: DateTime<Utc>,
    went_by_other_channel: bool,
) -> Outcome {
    let course_started = || {
        plan.sessions
            .iter()
            .any(|s| !s.cancelled && s.starts_at <= plan.now)
    };
    match block {
        Some(block) => blocked(block),
        None if went_by_other_channel => {
            Outcome::Skip("the welcome went by the other channel".into())
        }
        None if !future_sessions => Outcome::Skip("the course has no sessions left".into()),
        // A pupil's welcome waits for the guardian's consent: it goes when that comes, as
        // long as the course has not begun.
        None if minor_until.is_some() && course_started() => {
            Outcome::Skip("the course began before the welcome could go".into())
        }
        None if minor_until.is_none() && plan.now - due > Duration::hours(WELCOME_STALE_HOURS) => {
            Outcome::Skip("enrolled too long ago for a welcome".into())
        }
        None => Outcome::Send(plan.quiet(due.max(plan.now))),
    }
}
