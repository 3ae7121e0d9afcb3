//! Where a participant can be reached, and why not on a channel: contact details, STOPP, the
//! preferred channel, and a guardian's consent while they are under 18 (answered for the
//! moment each message goes).

use super::Outcome;
use crate::consent::ConsentChannels;
use crate::messages::Channel;
use chrono::{DateTime, Utc};

/// Where a participant can be reached, and why not elsewhere.
#[derive(Clone, Debug, Default)]
pub struct Reachability {
    /// "sms", "email" or "both".
    pub preferred: String,
    pub has_phone: bool,
    pub has_email: bool,
    pub sms_opted_out: bool,
    /// A minor until this instant (their 18th birthday begins in the course's time zone);
    /// none for adults and for participants without a birth date.
    pub minor_until: Option<DateTime<Utc>>,
    /// What the guardian's consent in force covers; looked at only while they are a minor.
    pub consent: ConsentChannels,
}

impl Reachability {
    /// Under 18 at `at`: a message to them then needs the guardian's consent for its channel.
    pub fn minor_at(&self, at: DateTime<Utc>) -> bool {
        self.minor_until.is_some_and(|until| at < until)
    }

    /// The channels to use and, for each channel not used, why, for a message that goes
    /// while they are a minor (`minor`) or not. When the preferred channel cannot be used,
    /// the other one stands in if it can.
    pub fn channels(&self, minor: bool) -> (Vec<Channel>, Vec<(Channel, &'static str)>) {
        let sms_block = if !self.has_phone {
            Some("no mobile number")
        } else if self.sms_opted_out {
            Some("opted out of SMS")
        } else if minor && !self.consent.sms {
            Some("no consent for SMS to a minor")
        } else {
            None
        };
        let email_block = if !self.has_email {
            Some("no e-mail address")
        } else if minor && !self.consent.email {
            Some("no consent for e-mail to a minor")
        } else {
            None
        };
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

/// How the reasons of messages held back for a guardian's consent begin ("no consent for SMS
/// to a minor"): planning revives such rows, and the dispatcher skips rather than cancels.
pub const HELD_FOR_CONSENT: &str = "no consent for";

/// Why a channel may not carry messages to a participant: one answer while they are a minor
/// and one after, so a pupil who turns 18 during the course gets what goes from that day.
#[derive(Clone, Copy, Debug)]
pub(super) struct Blocks<'a> {
    pub(super) as_minor: Option<&'a str>,
    pub(super) as_adult: Option<&'a str>,
    pub(super) minor_until: Option<DateTime<Utc>>,
}

/// Why something may not go, and whether only a missing consent stands in the way (then it
/// is held, not cancelled: see [`Outcome::Held`]).
pub(super) type Block<'a> = (&'a str, bool);

impl<'a> Blocks<'a> {
    pub(super) fn at(&self, at: DateTime<Utc>) -> Option<Block<'a>> {
        if self.minor_until.is_none_or(|until| at >= until) {
            return self.as_adult.map(|why| (why, false));
        }
        match (self.as_minor, self.as_adult) {
            // As a minor it may go (the consent covers it, even where an adult's preferred
            // channel would have been the other one).
            (None, _) => None,
            // It would go to an adult: the consent is what is missing.
            (Some(why), None) => Some((why, true)),
            // It would not go to an adult either: that reason stands, and nothing is held.
            (Some(_), Some(adult)) => Some((adult, false)),
        }
    }
}

/// The outcome for a message that may not go.
pub(super) fn blocked(block: Block<'_>) -> Outcome {
    match block {
        (why, true) => Outcome::Held(why.to_string()),
        (why, false) => Outcome::Cancel(why.to_string()),
    }
}
