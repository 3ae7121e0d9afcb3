//! "The session is cancelled" and "the session has a new time": a word to participants when
//! what the last message about a session told them no longer holds.

use super::{
    on_time, outbox_key, CoursePlan, Outcome, PlanSession, Told, Wanted,
    CHANGE_NOTICE_GRACE_MINUTES,
};
use crate::messages::{Channel, MessageKind};
use chrono::{DateTime, Duration, Utc};

/// What a "cancelled" or "new time" message is worked out from.
pub(super) struct SessionNews<'a> {
    pub(super) participant_id: i64,
    pub(super) session: &'a PlanSession,
    pub(super) channel: Channel,
    /// What the last message that went out about the session told.
    pub(super) told: Told,
    /// The first reminder of the session still to go on this channel.
    pub(super) next_reminder: Option<DateTime<Utc>>,
    /// Why nothing may go to them about this session (withdrawn, channel blocked, declined).
    pub(super) not_wanted: Option<&'a str>,
}

/// "The session is cancelled" or "the session has a new time" when what they were last told
/// no longer holds: as soon as quiet hours allow, never after the start.
pub(super) fn session_notice(plan: &CoursePlan<'_>, news: &SessionNews<'_>) -> Option<Wanted> {
    let (session, told) = (news.session, news.told);
    let (kind, rule_key, redundant) = if session.cancelled {
        if told.cancelled {
            return None;
        }
        (MessageKind::SessionCancelled, "cancelled", None)
    } else {
        if !told.cancelled && told.starts_at == session.starts_at {
            return None;
        }
        // A reminder that goes about now tells the new time itself: one text, not two.
        let notice_at = plan.quiet(plan.now);
        let redundant = news
            .next_reminder
            .filter(|at| *at <= notice_at + Duration::minutes(CHANGE_NOTICE_GRACE_MINUTES))
            .map(|_| "a reminder with the new time goes now");
        (MessageKind::SessionChanged, "moved", redundant)
    };
    let outcome = if let Some(why) = news.not_wanted.or(redundant) {
        Outcome::Cancel(why.to_string())
    } else if session.starts_at <= plan.now {
        Outcome::Cancel("the session has started".into())
    } else {
        on_time(session, plan.quiet(plan.now))
    };
    Some(Wanted {
        // One per message whose news no longer holds. It is written when it goes, so a
        // session that moves again before then needs no second one; once it has gone it is
        // the message that told, and a later change makes a new key.
        key: outbox_key(
            kind,
            &format!("s{}:after{}", session.id, told.by_message),
            news.participant_id,
            rule_key,
            news.channel,
        ),
        kind,
        channel: news.channel,
        participant_id: news.participant_id,
        user_id: None,
        session_id: Some(session.id),
        rule_key: rule_key.into(),
        // What they were told: it stays put while the notice is wanted, so planning again
        // leaves a planned notice alone instead of pushing it to "now" each time.
        nominal_due: told.starts_at,
        outcome,
    })
}
