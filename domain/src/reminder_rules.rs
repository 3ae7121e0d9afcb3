//! Checking reminder rules someone sets for a programme or a course: which channel, how long
//! before the session, and the least time before the session a late reminder may still go.

use super::messages::Channel;
use super::reminders::{ReminderRule, DEFAULT_MIN_LEAD_MINUTES};
use serde::{Deserialize, Serialize};

/// More reminders than this per session would be noise for the participant.
pub const MAX_RULES: usize = 6;
/// The earliest reminder: two weeks before the session.
pub const MAX_OFFSET_MINUTES: i64 = 14 * 24 * 60;
/// A held-back reminder may be required to go at least this long before the session.
pub const MAX_MIN_LEAD_MINUTES: i64 = 24 * 60;

/// A rule as it arrives from a form or the API.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleInput {
    pub channel: String,
    pub offset_minutes: i64,
    #[serde(default)]
    pub min_lead_minutes: Option<i64>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RuleError {
    Channel,
    Offset,
    MinLead,
    Duplicate,
    TooMany,
}

impl From<RuleError> for crate::problem::Problem {
    fn from(e: RuleError) -> Self {
        use crate::problem::Code;
        match e {
            RuleError::Channel => Code::ReminderChannel,
            RuleError::Offset => Code::ReminderLead,
            RuleError::MinLead => Code::LeastLeadRange,
            RuleError::Duplicate => Code::ReminderTwice,
            RuleError::TooMany => Code::TooManyReminders,
        }
        .into()
    }
}

impl std::fmt::Display for RuleError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        crate::problem::Problem::from(self.clone()).fmt(f)
    }
}

impl std::error::Error for RuleError {}

/// The rules to store, earliest first, or why they cannot be used.
pub fn check_rules(input: &[RuleInput]) -> Result<Vec<ReminderRule>, RuleError> {
    if input.len() > MAX_RULES {
        return Err(RuleError::TooMany);
    }
    let mut rules: Vec<ReminderRule> = Vec::with_capacity(input.len());
    for r in input {
        let channel = Channel::parse(r.channel.trim()).ok_or(RuleError::Channel)?;
        if !(1..=MAX_OFFSET_MINUTES).contains(&r.offset_minutes) {
            return Err(RuleError::Offset);
        }
        let min_lead_minutes = r.min_lead_minutes.unwrap_or(DEFAULT_MIN_LEAD_MINUTES);
        if !(0..=MAX_MIN_LEAD_MINUTES).contains(&min_lead_minutes) {
            return Err(RuleError::MinLead);
        }
        if rules
            .iter()
            .any(|o| o.channel == channel && o.offset_minutes == r.offset_minutes)
        {
            return Err(RuleError::Duplicate);
        }
        rules.push(ReminderRule {
            channel,
            offset_minutes: r.offset_minutes,
            min_lead_minutes,
        });
    }
    rules.sort_by_key(|r| std::cmp::Reverse(r.offset_minutes));
    Ok(rules)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(channel: &str, offset_minutes: i64, min_lead: Option<i64>) -> RuleInput {
        RuleInput {
            channel: channel.into(),
            offset_minutes,
            min_lead_minutes: min_lead,
        }
    }

    #[test]
    fn good_rules_come_back_earliest_first_with_the_default_lead() {
        let rules = check_rules(&[rule("sms", 120, None), rule("email", 2880, Some(0))]).unwrap();
        assert_eq!(rules[0].channel, Channel::Email);
        assert_eq!(rules[0].min_lead_minutes, 0);
        assert_eq!(rules[1].offset_minutes, 120);
        assert_eq!(rules[1].min_lead_minutes, DEFAULT_MIN_LEAD_MINUTES);
        assert_eq!(check_rules(&[]), Ok(vec![]));
    }

    #[test]
    fn bad_rules_say_what_is_wrong() {
        assert_eq!(
            check_rules(&[rule("pigeon", 60, None)]),
            Err(RuleError::Channel)
        );
        assert_eq!(check_rules(&[rule("sms", 0, None)]), Err(RuleError::Offset));
        assert_eq!(
            check_rules(&[rule("sms", MAX_OFFSET_MINUTES + 1, None)]),
            Err(RuleError::Offset)
        );
        assert_eq!(
            check_rules(&[rule("sms", 60, Some(-1))]),
            Err(RuleError::MinLead)
        );
        assert_eq!(
            check_rules(&[rule("sms", 60, None), rule("sms", 60, Some(0))]),
            Err(RuleError::Duplicate)
        );
        // The same time by another channel is a different reminder.
        assert!(check_rules(&[rule("sms", 60, None), rule("email", 60, None)]).is_ok());
        let seven: Vec<_> = (1..=7).map(|h| rule("sms", h * 60, None)).collect();
        assert_eq!(check_rules(&seven), Err(RuleError::TooMany));
    }
}
