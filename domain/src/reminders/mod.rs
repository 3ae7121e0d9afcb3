//! Reminder planning: which messages a course needs, when, as a pure function of its sessions,
//! enrolments, rules and now; and how the outbox must change to match (idempotent).

use super::messages::{Channel, MessageKind};
use super::schedule::{local_instant, SessionKind};
use chrono::{DateTime, Duration, NaiveTime, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

/// One reminder rule: a message by `channel`, `offset` before each session; never sent at
/// the last moment: when it is planned late, it goes at once only while the session is more
/// than `min_lead` away.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReminderRule {
    pub channel: Channel,
    pub offset_minutes: i64,
    pub min_lead_minutes: i64,
}

impl ReminderRule {
    pub fn new(channel: Channel, offset_minutes: i64) -> Self {
        ReminderRule {
            channel,
            offset_minutes,
            min_lead_minutes: DEFAULT_MIN_LEAD_MINUTES,
        }
    }

    /// Stable name of the rule in the outbox key: the same rule on a programme and on a
    /// course is the same reminder, so overriding a rule never sends it twice.
    pub fn key(&self) -> String {
        format!("{}-{}m", self.channel.code(), self.offset_minutes)
    }
}

pub const DEFAULT_MIN_LEAD_MINUTES: i64 = 60;

/// The defaults when neither the programme nor the course sets rules: SMS 24 h and 2 h
/// before, e-mail 48 h before.
pub fn default_rules() -> Vec<ReminderRule> {
    vec![
        ReminderRule::new(Channel::Sms, 24 * 60),
        ReminderRule::new(Channel::Sms, 2 * 60),
        ReminderRule::new(Channel::Email, 48 * 60),
    ]
}

/// Follow-up invitations go this many days before each follow-up session.
pub const INVITATION_DAYS: [i64; 2] = [7, 1];
/// The absence message goes this long after the session ends.
pub const ABSENCE_DELAY_HOURS: i64 = 2;
/// A welcome not sent within this long after the enrolment is not sent (an enrolment from
/// before the reminder engine ran, or a worker stopped for a day).
pub const WELCOME_STALE_HOURS: i64 = 24;
/// An absence marked later than this after the session gets no message any more.
pub const ABSENCE_STALE_HOURS: i64 = 48;

/// Quiet hours in the course's time zone, e.g. 21:00–08:00 (may wrap midnight).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct QuietHours {
    pub from: NaiveTime,
    pub to: NaiveTime,
}

impl QuietHours {
    fn contains(&self, t: NaiveTime) -> bool {
        if self.from <= self.to {
            t >= self.from && t < self.to
        } else {
            t >= self.from || t < self.to
        }
    }

    /// The first instant at or after `at` outside the quiet hours, in `tz`.
    pub fn next_allowed(&self, at: DateTime<Utc>, tz: Tz) -> DateTime<Utc> {
        let local = at.with_timezone(&tz);
        if !self.contains(local.time()) {
            return at;
        }
        // The quiet period ends at `to` today if we are before it, else tomorrow.
        let date = if local.time() < self.to {
            local.date_naive()
        } else {
            local.date_naive() + Duration::days(1)
        };
        local_instant(tz, date, self.to)
    }
}

#[derive(Clone, Debug)]
pub struct PlanSession {
    pub id: i64,
    pub kind: SessionKind,
    pub cancelled: bool,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
}

#[derive(Clone, Debug)]
pub struct PlanEnrolment {
    pub participant_id: i64,
    /// Enrolled now (not waitlisted, not withdrawn).
    pub active: bool,
    /// When the place was given (enrolment or promotion from the waitlist).
    pub enrolled_at: DateTime<Utc>,
    pub reach: Reachability,
    /// How the guardian gets copies: SMS to their mobile (unless they said STOPP), else
    /// e-mail; none without either. Copies go only while the pupil is a minor with consent.
    pub guardian_channel: Option<Channel>,
}

/// What a participant was last told of a session on a channel: the start time, or that it
/// was cancelled, by which sent message (its outbox id).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Told {
    pub starts_at: DateTime<Utc>,
    pub cancelled: bool,
    pub by_message: i64,
}

/// (session, participant, channel) → what the last message sent about the session told.
pub type ToldStarts = HashMap<(i64, i64, Channel), Told>;

/// A reminder that tells the new time within this long of when a "new time" message would
/// go makes that message unnecessary: one text, not two.
pub const CHANGE_NOTICE_GRACE_MINUTES: i64 = 60;

/// Everything planning needs about one course.
#[derive(Clone, Debug)]
pub struct CoursePlan<'a> {
    pub course_id: i64,
    pub time_zone: Tz,
    pub sessions: &'a [PlanSession],
    pub enrolments: &'a [PlanEnrolment],
    pub rules: &'a [ReminderRule],
    /// (session, participant) marked absent without a reason.
    pub absences: &'a HashSet<(i64, i64)>,
    /// (session, participant) who said they cannot come (a reply "NEI", an excused mark):
    /// no more reminders for that session.
    pub declined: &'a HashSet<(i64, i64)>,
    /// What each participant was last told of a session on a channel (its start, or that it
    /// is cancelled), by the latest reminder, invitation or notice that went out.
    pub told: &'a ToldStarts,
    /// Outbox keys of the messages that went out (sent or delivered).
    pub went_out: &'a HashSet<String>,
    pub quiet_hours: Option<QuietHours>,
    /// Guardians get copies of the session reminders too (a course setting).
    pub guardian_reminders: bool,
    pub now: DateTime<Utc>,
}

/// What planning wants for one outbox key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Send at this instant.
    Send(DateTime<Utc>),
    /// Record as skipped, with the reason (only when the row is new or its time changed).
    Skip(String),
    /// Must not be sent: cancel a planned row (nothing is recorded when there is none).
    Cancel(String),
    /// Held back until something changes (a minor's guardian has not consented to the
    /// channel): recorded as skipped with the reason, also when it was planned before, so
    /// the ledger shows it; planned again when the consent comes.
    Held(String),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Wanted {
    pub key: String,
    pub kind: MessageKind,
    pub channel: Channel,
    pub participant_id: i64,
    /// The staff user a message to staff goes to (a leader alert); none for participants.
    pub user_id: Option<i64>,
    pub session_id: Option<i64>,
    pub rule_key: String,
    /// When the rule says, before quiet hours or lateness are applied; a planned row whose
    /// nominal time is unchanged is left alone.
    pub nominal_due: DateTime<Utc>,
    pub outcome: Outcome,
}

pub fn outbox_key(
    kind: MessageKind,
    scope: &str,
    participant_id: i64,
    rule_key: &str,
    channel: Channel,
) -> String {
    format!(
        "{}:{scope}:p{participant_id}:{rule_key}:{}",
        kind.code(),
        channel.code()
    )
}

/// The kind and channel an outbox key names (its first and last parts).
pub fn key_kind_and_channel(key: &str) -> Option<(MessageKind, Channel)> {
    let kind = MessageKind::parse(key.split(':').next()?)?;
    let channel = Channel::parse(key.rsplit(':').next()?)?;
    Some((kind, channel))
}

fn channel_index(channel: Channel) -> usize {
    match channel {
        Channel::Sms => 0,
        Channel::Email => 1,
    }
}

/// Every message the course needs, and every message it must no longer send.
pub fn plan_course(plan: &CoursePlan<'_>) -> Vec<Wanted> {
    let mut out = Vec::new();
    let future_sessions = plan
        .sessions
        .iter()
        .any(|s| !s.cancelled && s.starts_at > plan.now);
    let timetables: Vec<Vec<Vec<SessionReminder>>> = [Channel::Sms, Channel::Email]
        .iter()
        .map(|&channel| {
            plan.sessions
                .iter()
                .map(|session| session_timetable(plan, session, channel))
                .collect()
        })
        .collect();
    for e in plan.enrolments {
        // Worked out once for "while a minor" and once for "after", since per message it
        // would cost planning a tenth of its time; each message takes the one for its time.
        let as_minor = e.reach.channels(true);
        let as_adult = e.reach.channels(false);
        let block_reason = |channel: Channel,
                            (used, not_used): &(Vec<Channel>, Vec<(Channel, &'static str)>)|
         -> Option<&'static str> {
            if !e.active {
                return Some("no longer enrolled");
            }
            not_used
                .iter()
                .find(|(c, _)| *c == channel)
                .map(|(_, why)| *why)
                .or_else(|| (!used.contains(&channel)).then_some("channel not in use"))
        };
        for channel in [Channel::Sms, Channel::Email] {
            let blocks = Blocks {
                as_minor: block_reason(channel, &as_minor),
                as_adult: block_reason(channel, &as_adult),
                minor_until: e.reach.minor_until,
            };
            // Welcome on enrolment.
            out.push(welcome(
                plan,
                e,
                MessageKind::Welcome,
                channel,
                blocks.at(e.enrolled_at.max(plan.now)),
                future_sessions,
            ));
            for (session, timetable) in plan
                .sessions
                .iter()
                .zip(&timetables[channel_index(channel)])
            {
                plan_session(plan, e, session, channel, timetable, blocks, &mut out);
            }
        }
        if let Some(channel) = e.guardian_channel {
            guardian::plan_copies(
                plan,
                e,
                channel,
                &timetables[channel_index(channel)],
                future_sessions,
                &mut out,
            );
        }
    }
    out
}

impl CoursePlan<'_> {
    fn quiet(&self, at: DateTime<Utc>) -> DateTime<Utc> {
        match self.quiet_hours {
            Some(q) => q.next_allowed(at, self.time_zone),
            None => at,
        }
    }

    /// An instant `days` calendar days before `at`, at the same local wall-clock time, so
    /// "the day before at 12:00" stays 12:00 across a DST change.
    fn days_before(&self, at: DateTime<Utc>, days: i64) -> DateTime<Utc> {
        let local = at.with_timezone(&self.time_zone);
        local_instant(
            self.time_zone,
            local.date_naive() - Duration::days(days),
            local.time(),
        )
    }

    /// Whole days go by the calendar (wall clock), the rest by the clock.
    fn before(&self, at: DateTime<Utc>, minutes: i64) -> DateTime<Utc> {
        let days = minutes / (24 * 60);
        let rest = minutes % (24 * 60);
        self.days_before(at, days) - Duration::minutes(rest)
    }
}

/// One reminder of a session on a channel, as it would go to anyone who wants it: the times
/// depend on the session and the rules, not on the participant, so they are worked out once.
#[derive(Clone, Debug)]
struct SessionReminder {
    kind: MessageKind,
    rule_key: String,
    nominal_due: DateTime<Utc>,
    outcome: Outcome,
}

/// The reminders (or invitations) of one session on one channel.
fn session_timetable(
    plan: &CoursePlan<'_>,
    session: &PlanSession,
    channel: Channel,
) -> Vec<SessionReminder> {
    // (kind, rule key, nominal due, min lead) for each reminder of this session.
    let mut reminders: Vec<(MessageKind, String, DateTime<Utc>, Duration)> = Vec::new();
    let rules = plan.rules.iter().filter(|r| r.channel == channel);
    match session.kind {
        SessionKind::Regular => {
            for r in rules {
                reminders.push((
                    MessageKind::SessionReminder,
                    r.key(),
                    plan.before(session.starts_at, r.offset_minutes),
                    Duration::minutes(r.min_lead_minutes),
                ));
            }
        }
        SessionKind::FollowUp => {
            for days in INVITATION_DAYS {
                reminders.push((
                    MessageKind::FollowUpInvitation,
                    format!("invite-{days}d"),
                    plan.days_before(session.starts_at, days),
                    Duration::minutes(DEFAULT_MIN_LEAD_MINUTES),
                ));
            }
            // Same-day reminders still apply; the day-before one is the invitation.
            for r in rules.filter(|r| r.offset_minutes < 24 * 60) {
                reminders.push((
                    MessageKind::SessionReminder,
                    r.key(),
                    plan.before(session.starts_at, r.offset_minutes),
                    Duration::minutes(r.min_lead_minutes),
                ));
            }
        }
    }
    // The latest reminder that is still to come on time; an overdue one before it is
    // skipped rather than sent at once, so a late enrolment gets one text, not two.
    let next_on_time = reminders
        .iter()
        .filter(|(_, _, due, _)| *due >= plan.now)
        .map(|(_, _, due, _)| *due)
        .min();
    let latest_overdue = reminders
        .iter()
        .filter(|(_, _, due, _)| *due < plan.now)
        .map(|(_, _, due, _)| *due)
        .max();
    reminders
        .into_iter()
        .map(|(kind, rule_key, due, min_lead)| {
            let outcome = if session.starts_at <= plan.now {
                Outcome::Cancel("the session has started".into())
            } else if due >= plan.now {
                on_time(session, plan.quiet(due))
            } else if next_on_time.is_some() {
                Outcome::Skip("a later reminder follows".into())
            } else if Some(due) != latest_overdue {
                Outcome::Skip("a later reminder is sent instead".into())
            } else if session.starts_at - plan.now > min_lead {
                // Planned late (late enrolment, moved session): at once, quiet hours allowing.
                let at = plan.quiet(plan.now);
                if session.starts_at - at > min_lead {
                    Outcome::Send(at)
                } else {
                    Outcome::Skip("too late: quiet hours until the session".into())
                }
            } else {
                Outcome::Skip(format!(
                    "too late: the session starts within {} min",
                    min_lead.num_minutes()
                ))
            };
            SessionReminder {
                kind,
                rule_key,
                nominal_due: due,
                outcome,
            }
        })
        .collect()
}

/// One participant's reminders of one session on one channel, and the word after an absence.
fn plan_session(
    plan: &CoursePlan<'_>,
    e: &PlanEnrolment,
    session: &PlanSession,
    channel: Channel,
    timetable: &[SessionReminder],
    blocks: Blocks<'_>,
    out: &mut Vec<Wanted>,
) {
    let session_scope = format!("s{}", session.id);
    let declined = plan.declined.contains(&(session.id, e.participant_id));
    // Why nothing about this session may go to them at `at`, apart from its being cancelled.
    let not_for_them = |at: DateTime<Utc>| {
        declined
            .then_some(("said they cannot come", false))
            .or(blocks.at(at))
    };
    let not_wanted = |at: DateTime<Utc>| {
        if session.cancelled {
            Some(("session cancelled", false))
        } else {
            not_for_them(at)
        }
    };
    let mut next_reminder: Option<DateTime<Utc>> = None;
    for r in timetable {
        let outcome = match (not_wanted(r.nominal_due), &r.outcome) {
            // A session that has started is past; its reminders are history either way.
            (Some(block), o) if !matches!(o, Outcome::Cancel(_)) => blocked(block),
            (_, o) => o.clone(),
        };
        let key = outbox_key(
            r.kind,
            &session_scope,
            e.participant_id,
            &r.rule_key,
            channel,
        );
        // The next reminder that will still go (one that went is history, whatever its time).
        if let Outcome::Send(at) = outcome {
            if !plan.went_out.contains(&key) {
                next_reminder = Some(next_reminder.map_or(at, |n| n.min(at)));
            }
        }
        out.push(Wanted {
            key,
            kind: r.kind,
            channel,
            participant_id: e.participant_id,
            user_id: None,
            session_id: Some(session.id),
            rule_key: r.rule_key.clone(),
            nominal_due: r.nominal_due,
            outcome,
        });
    }

    // The session moved or was cancelled after a message about it went out: the participant
    // is told, on the channel that carried the old news.
    if let Some(&told) = plan.told.get(&(session.id, e.participant_id, channel)) {
        let notice = SessionNews {
            participant_id: e.participant_id,
            session,
            channel,
            told,
            next_reminder,
            not_wanted: not_for_them(plan.now).map(|(why, _)| why),
        };
        out.extend(session_notice(plan, &notice));
    }

    // A word after an absence without a reason. A message planned for a mark later changed
    // is not named any more, and reconciliation cancels it ("no longer marked absent").
    if !plan.absences.contains(&(session.id, e.participant_id)) {
        return;
    }
    let due = session.ends_at + Duration::hours(ABSENCE_DELAY_HOURS);
    let outcome = if let Some(block) = blocks.at(due.max(plan.now)) {
        blocked(block)
    } else if plan.now > due + Duration::hours(ABSENCE_STALE_HOURS) {
        Outcome::Skip("marked absent too long after the session".into())
    } else {
        Outcome::Send(plan.quiet(due.max(plan.now)))
    };
    out.push(Wanted {
        key: outbox_key(
            MessageKind::AbsenceFollowUp,
            &session_scope,
            e.participant_id,
            "absence",
            channel,
        ),
        kind: MessageKind::AbsenceFollowUp,
        channel,
        participant_id: e.participant_id,
        user_id: None,
        session_id: Some(session.id),
        rule_key: "absence".into(),
        nominal_due: due,
        outcome,
    });
}

/// A reminder due in the future: at its time (moved out of quiet hours), unless that lands
/// at or after the session's start.
fn on_time(session: &PlanSession, at: DateTime<Utc>) -> Outcome {
    if at >= session.starts_at {
        Outcome::Skip("too late: quiet hours until the session".into())
    } else {
        Outcome::Send(at)
    }
}

mod guardian;
mod notice;
mod reach;
mod reconcile;
mod send_check;
#[cfg(test)]
mod tests;
mod welcome;

use notice::{session_notice, SessionNews};
use reach::{blocked, Block, Blocks};
pub use reach::{Reachability, HELD_FOR_CONSENT};
pub use reconcile::{reconcile, Change, Existing};
pub use send_check::{
    check_at_send, retry_after, still_wanted, SendCheck, SendFacts, STALE_AFTER_HOURS,
};
use welcome::{on_other_channel, welcome};
