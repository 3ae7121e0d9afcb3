//! The dispatcher's last checks before a message goes: still wanted (enrolled, not cancelled,
//! reachable, consent), quiet hours and lateness, and when to retry a transient failure.

use super::super::consent::ConsentChannels;
use super::super::messages::{Channel, MessageKind};
use super::QuietHours;
use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;

/// What the dispatcher knows about a participant's (or their guardian's) message at send time.
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
    /// Under 18 now, in the course's time zone.
    pub minor: bool,
    /// What the guardian's consent in force covers.
    pub consent: ConsentChannels,
    pub guardian_has_phone: bool,
    pub guardian_has_email: bool,
    /// The guardian answered STOPP (stops copies to them, nothing else).
    pub guardian_sms_opted_out: bool,
    /// The course copies session reminders to guardians.
    pub guardian_reminders: bool,
    /// For a consent request: not answered and not expired.
    pub request_open: bool,
}

/// Is the message still wanted? Planning ran on the last change, but a withdrawal, a
/// cancellation, a STOP or a birthday may have come since; this is checked again just
/// before sending.
pub fn still_wanted(f: &SendFacts) -> Result<(), &'static str> {
    if f.kind == Some(MessageKind::ConsentRequest) {
        if !f.request_open {
            return Err("the guardian has answered, or the request expired");
        }
        if !f.minor {
            return Err("not under 18: no consent needed");
        }
        return guardian_reachable(f);
    }
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
    if f.kind.is_some_and(MessageKind::to_guardian) {
        if !f.minor {
            return Err("not under 18: no copies to the guardian");
        }
        if f.consent.is_empty() {
            return Err("no consent from the guardian");
        }
        if f.kind == Some(MessageKind::GuardianReminder) && !f.guardian_reminders {
            return Err("the course sends guardians no copies of reminders");
        }
        return guardian_reachable(f);
    }
    match f.channel {
        Some(Channel::Sms) if !f.has_phone => Err("no mobile number"),
        Some(Channel::Sms) if f.sms_opted_out => Err("opted out of SMS"),
        Some(Channel::Sms) if f.minor && !f.consent.sms => Err("no consent for SMS to a minor"),
        Some(Channel::Email) if !f.has_email => Err("no e-mail address"),
        Some(Channel::Email) if f.minor && !f.consent.email => {
            Err("no consent for e-mail to a minor")
        }
        None => Err("unknown channel"),
        _ => Ok(()),
    }
}

/// Whether the guardian can be reached on the message's channel.
fn guardian_reachable(f: &SendFacts) -> Result<(), &'static str> {
    match f.channel {
        Some(Channel::Sms) if !f.guardian_has_phone => Err("no mobile number for the guardian"),
        Some(Channel::Sms) if f.guardian_sms_opted_out => Err("the guardian opted out of SMS"),
        Some(Channel::Email) if !f.guardian_has_email => Err("no e-mail address for the guardian"),
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
