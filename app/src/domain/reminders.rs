//! Reminder planning: which messages a course needs, when, as a pure function of its sessions,
//! enrolments, rules and now; and how the outbox must change to match (idempotent).

use super::messages::{Channel, MessageKind, MessageState};
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

/// Where a participant can be reached, and why not elsewhere.
#[derive(Clone, Debug, Default)]
pub struct Reachability {
    /// "sms", "email" or "both".
    pub preferred: String,
    pub has_phone: bool,
    pub has_email: bool,
    pub sms_opted_out: bool,
    /// Under 18 with no consent recorded for SMS.
    pub minor_without_sms_consent: bool,
}

impl Reachability {
    /// The channels to use and, for each channel not used, why. When the preferred
    /// channel cannot be used, the other one stands in if it can.
    pub fn channels(&self) -> (Vec<Channel>, Vec<(Channel, &'static str)>) {
        let sms_block = if !self.has_phone {
            Some("no mobile number")
        } else if self.sms_opted_out {
            Some("opted out of SMS")
        } else if self.minor_without_sms_consent {
            Some("no consent for SMS to a minor")
        } else {
            None
        };
        let email_block = (!self.has_email).then_some("no e-mail address");
        let want_sms = matches!(self.preferred.as_str(), "sms" | "both");
        let want_email = matches!(self.preferred.as_str(), "email" | "both");
        let mut use_sms = want_sms && sms_block.is_none();
        let mut use_email = want_email && email_block.is_none();
        if !use_sms && !use_email {
            use_sms = sms_block.is_none();
            use_email = !use_sms && email_block.is_none();
        }
        let mut used = Vec::new();
        let mut not_used = Vec::new();
        for (channel, on, block) in [
            (Channel::Sms, use_sms, sms_block),
            (Channel::Email, use_email, email_block),
        ] {
            if on {
                used.push(channel);
            } else {
                not_used.push((channel, block.unwrap_or("not the preferred channel")));
            }
        }
        (used, not_used)
    }
}

#[derive(Clone, Debug)]
pub struct PlanEnrolment {
    pub participant_id: i64,
    /// Enrolled now (not waitlisted, not withdrawn).
    pub active: bool,
    /// When the place was given (enrolment or promotion from the waitlist).
    pub enrolled_at: DateTime<Utc>,
    pub reach: Reachability,
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
        let (channels, blocked) = e.reach.channels();
        let block_reason = |channel: Channel| -> Option<String> {
            if !e.active {
                return Some("no longer enrolled".into());
            }
            blocked
                .iter()
                .find(|(c, _)| *c == channel)
                .map(|(_, why)| why.to_string())
                .or_else(|| (!channels.contains(&channel)).then(|| "channel not in use".into()))
        };
        for channel in [Channel::Sms, Channel::Email] {
            let blocked = block_reason(channel);
            // Welcome on enrolment.
            let welcome_due = e.enrolled_at;
            out.push(Wanted {
                key: outbox_key(
                    MessageKind::Welcome,
                    &format!("c{}", plan.course_id),
                    e.participant_id,
                    "enrolment",
                    channel,
                ),
                kind: MessageKind::Welcome,
                channel,
                participant_id: e.participant_id,
                user_id: None,
                session_id: None,
                rule_key: "enrolment".into(),
                nominal_due: welcome_due,
                outcome: match &blocked {
                    Some(why) => Outcome::Cancel(why.clone()),
                    None if !future_sessions => {
                        Outcome::Skip("the course has no sessions left".into())
                    }
                    None if plan.now - welcome_due > Duration::hours(WELCOME_STALE_HOURS) => {
                        Outcome::Skip("enrolled too long ago for a welcome".into())
                    }
                    None => Outcome::Send(plan.quiet(welcome_due.max(plan.now))),
                },
            });
            for (session, timetable) in plan
                .sessions
                .iter()
                .zip(&timetables[channel_index(channel)])
            {
                plan_session(
                    plan,
                    e,
                    session,
                    channel,
                    timetable,
                    blocked.as_deref(),
                    &mut out,
                );
            }
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
    blocked: Option<&str>,
    out: &mut Vec<Wanted>,
) {
    let session_scope = format!("s{}", session.id);
    // Why nothing about this session may go to them, apart from its being cancelled.
    let not_for_them = plan
        .declined
        .contains(&(session.id, e.participant_id))
        .then_some("said they cannot come")
        .or(blocked);
    let not_wanted = if session.cancelled {
        Some("session cancelled")
    } else {
        not_for_them
    };
    let mut next_reminder: Option<DateTime<Utc>> = None;
    for r in timetable {
        let outcome = match (not_wanted, &r.outcome) {
            // A session that has started is past; its reminders are history either way.
            (Some(why), o) if !matches!(o, Outcome::Cancel(_)) => Outcome::Cancel(why.to_string()),
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
            not_wanted: not_for_them,
        };
        out.extend(session_notice(plan, &notice));
    }

    // A word after an absence without a reason. A message planned for a mark later changed
    // is not named any more, and reconciliation cancels it ("no longer marked absent").
    if !plan.absences.contains(&(session.id, e.participant_id)) {
        return;
    }
    let due = session.ends_at + Duration::hours(ABSENCE_DELAY_HOURS);
    let outcome = if let Some(why) = blocked {
        Outcome::Cancel(why.to_string())
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

/// What a "cancelled" or "new time" message is worked out from.
struct SessionNews<'a> {
    participant_id: i64,
    session: &'a PlanSession,
    channel: Channel,
    /// What the last message that went out about the session told.
    told: Told,
    /// The first reminder of the session still to go on this channel.
    next_reminder: Option<DateTime<Utc>>,
    /// Why nothing may go to them about this session (withdrawn, channel blocked, declined).
    not_wanted: Option<&'a str>,
}

/// "The session is cancelled" or "the session has a new time" when what they were last told
/// no longer holds: as soon as quiet hours allow, never after the start.
fn session_notice(plan: &CoursePlan<'_>, news: &SessionNews<'_>) -> Option<Wanted> {
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

/// A reminder due in the future: at its time (moved out of quiet hours), unless that lands
/// at or after the session's start.
fn on_time(session: &PlanSession, at: DateTime<Utc>) -> Outcome {
    if at >= session.starts_at {
        Outcome::Skip("too late: quiet hours until the session".into())
    } else {
        Outcome::Send(at)
    }
}

/// An outbox row as planning sees it.
#[derive(Clone, Debug)]
pub struct Existing {
    pub id: i64,
    pub key: String,
    pub state: MessageState,
    pub nominal_due: DateTime<Utc>,
    pub due: DateTime<Utc>,
}

/// How the outbox must change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    /// A new row: planned at `due`, or skipped with a reason.
    Insert { wanted: Wanted },
    /// A planned row whose time changed (moved session, rule change).
    Move {
        id: i64,
        nominal_due: DateTime<Utc>,
        due: DateTime<Utc>,
    },
    /// A cancelled (or skipped) row that is wanted again: planned anew.
    Revive {
        id: i64,
        nominal_due: DateTime<Utc>,
        due: DateTime<Utc>,
    },
    /// A planned row that must not go out.
    Cancel { id: i64, reason: String },
    /// A planned row whose new time is too late.
    Skip { id: i64, reason: String },
}

/// The changes that bring the outbox in line with what planning wants. Only planned rows
/// change; sent, failed, skipped, cancelled and uncertain rows are history and stay, so
/// running this twice changes nothing the second time. A planned row of this course that
/// planning no longer names at all (a rule removed) is cancelled.
pub fn reconcile(existing: &[Existing], wanted: &[Wanted]) -> Vec<Change> {
    let by_key: HashMap<&str, &Existing> = existing.iter().map(|e| (e.key.as_str(), e)).collect();
    let mut named = HashSet::new();
    let mut changes = Vec::new();
    for w in wanted {
        named.insert(w.key.as_str());
        match (by_key.get(w.key.as_str()), &w.outcome) {
            (None, Outcome::Send(_)) | (None, Outcome::Skip(_)) => {
                changes.push(Change::Insert { wanted: w.clone() })
            }
            (None, Outcome::Cancel(_)) => {}
            // Wanted again after it was called off: a session restored, a participant
            // enrolled again, or (for a skipped one) a session moved to a later time.
            (Some(row), Outcome::Send(due))
                if row.state == MessageState::Cancelled
                    || (row.state == MessageState::Skipped && row.nominal_due != w.nominal_due) =>
            {
                changes.push(Change::Revive {
                    id: row.id,
                    nominal_due: w.nominal_due,
                    due: *due,
                })
            }
            (Some(row), _) if row.state != MessageState::Planned => {}
            (Some(row), Outcome::Cancel(reason)) => changes.push(Change::Cancel {
                id: row.id,
                reason: reason.clone(),
            }),
            (Some(row), _) if row.nominal_due == w.nominal_due => {}
            (Some(row), Outcome::Send(due)) => changes.push(Change::Move {
                id: row.id,
                nominal_due: w.nominal_due,
                due: *due,
            }),
            (Some(row), Outcome::Skip(reason)) => changes.push(Change::Skip {
                id: row.id,
                reason: reason.clone(),
            }),
        }
    }
    for row in existing {
        if row.state == MessageState::Planned && !named.contains(row.key.as_str()) {
            // Absence messages are named only while the mark stands.
            let reason = if row.key.starts_with(MessageKind::AbsenceFollowUp.code()) {
                "no longer marked absent"
            } else if row.key.starts_with(MessageKind::LeaderAlert.code()) {
                "the alert was followed up or cleared"
            } else if row.key.starts_with(MessageKind::SessionChanged.code())
                || row.key.starts_with(MessageKind::SessionCancelled.code())
            {
                "not needed any more: what they were told holds again"
            } else {
                "the reminder rule was removed"
            };
            changes.push(Change::Cancel {
                id: row.id,
                reason: reason.into(),
            });
        }
    }
    changes
}

/// What the dispatcher knows about a participant's message at send time.
#[derive(Clone, Debug, Default)]
pub struct SendFacts {
    pub kind: Option<MessageKind>,
    pub channel: Option<Channel>,
    pub enrolment_status: Option<String>,
    pub session_cancelled: bool,
    /// The participant's mark for the session, for absence messages.
    pub mark: Option<String>,
    /// Said they cannot come to this session.
    pub declined: bool,
    pub has_phone: bool,
    pub has_email: bool,
    pub sms_opted_out: bool,
    pub minor_without_sms_consent: bool,
}

/// Is the message still wanted? Planning ran on the last change, but a withdrawal, a
/// cancellation or a STOP may have come in since; this is checked again just before sending.
pub fn still_wanted(f: &SendFacts) -> Result<(), &'static str> {
    if f.enrolment_status.as_deref() != Some("enrolled") {
        return Err("no longer enrolled");
    }
    // The one message about a cancelled session is the one that says so.
    match (f.kind, f.session_cancelled) {
        (Some(MessageKind::SessionCancelled), false) => return Err("the session is on after all"),
        (Some(MessageKind::SessionCancelled), true) => {}
        (_, true) => return Err("session cancelled"),
        (_, false) => {}
    }
    if f.declined && f.kind != Some(MessageKind::AbsenceFollowUp) {
        return Err("said they cannot come");
    }
    if f.kind == Some(MessageKind::AbsenceFollowUp) && f.mark.as_deref() != Some("absent") {
        return Err("no longer marked absent");
    }
    match f.channel {
        Some(Channel::Sms) if !f.has_phone => Err("no mobile number"),
        Some(Channel::Sms) if f.sms_opted_out => Err("opted out of SMS"),
        Some(Channel::Sms) if f.minor_without_sms_consent => Err("no consent for SMS to a minor"),
        Some(Channel::Email) if !f.has_email => Err("no e-mail address"),
        None => Err("unknown channel"),
        _ => Ok(()),
    }
}

/// A message not sent within this many hours of its time is skipped.
pub const STALE_AFTER_HOURS: i64 = 3;

/// What the dispatcher does with a claimed message at send time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SendCheck {
    Send,
    /// In quiet hours: try again at this instant.
    Defer(DateTime<Utc>),
    /// Too late to be of use.
    Skip(String),
}

/// The last check before sending: quiet hours, and never a reminder after its session
/// started (or within its minimum lead when it was held back).
pub fn check_at_send(
    now: DateTime<Utc>,
    due: DateTime<Utc>,
    session_starts_at: Option<DateTime<Utc>>,
    quiet_hours: Option<QuietHours>,
    tz: Tz,
) -> SendCheck {
    if let Some(start) = session_starts_at {
        if now >= start {
            return SendCheck::Skip("too late: the session has started".into());
        }
    }
    // A worker that was stopped for hours must not empty a backlog of stale reminders
    // on people (the next reminder, if any, is on its way).
    if now - due > Duration::hours(STALE_AFTER_HOURS) {
        return SendCheck::Skip(format!(
            "too late: more than {STALE_AFTER_HOURS} h after its time"
        ));
    }
    let allowed = match quiet_hours {
        Some(q) => q.next_allowed(now, tz),
        None => now,
    };
    if allowed == now {
        return SendCheck::Send;
    }
    match session_starts_at {
        Some(start) if allowed >= start => {
            SendCheck::Skip("too late: quiet hours until the session".into())
        }
        _ => SendCheck::Defer(allowed),
    }
}

/// When to try a transiently failed message again: 1, 2, 4, 8 … minutes, capped at an hour;
/// `None` when the attempts are used up.
pub fn retry_after(attempts: i64) -> Option<Duration> {
    const MAX_ATTEMPTS: i64 = 6;
    (attempts < MAX_ATTEMPTS)
        .then(|| Duration::minutes((1i64 << (attempts - 1).clamp(0, 6)).min(60)))
}

#[cfg(test)]
mod tests {
    use super::*;
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
                    row.nominal_due = *nominal_due;
                    row.due = *due;
                }
                Change::Cancel { id, .. } => {
                    rows.iter_mut().find(|r| r.id == *id).unwrap().state = MessageState::Cancelled
                }
                Change::Skip { id, .. } => {
                    rows.iter_mut().find(|r| r.id == *id).unwrap().state = MessageState::Skipped
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
        let (used, not_used) = p.reach.channels();
        assert_eq!(used, vec![Channel::Email]);
        assert_eq!(not_used, vec![(Channel::Sms, "opted out of SMS")]);
        p.reach.has_email = false;
        assert!(p.reach.channels().0.is_empty());
        let minor = Reachability {
            preferred: "sms".into(),
            has_phone: true,
            minor_without_sms_consent: true,
            ..Default::default()
        };
        assert_eq!(
            minor.channels().1,
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
        assert!(changes.iter().all(
            |c| matches!(c, Change::Cancel { reason, .. } if reason == "said they cannot come")
        ));
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
}
