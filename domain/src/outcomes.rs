//! What happened to a participant afterwards (an outcome with a date), the attempts to reach
//! them, and the end of their follow-up: the records the steering group's reports count.

use crate::problem::{Code, Problem};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

code_enum! {
    /// A participant's status: moved on (work, education, work training, a course or NAV
    /// measure), still on benefits, moved away, something else, or not known.
    OutcomeStatus {
        Work => "work",
        Education => "education",
        WorkTraining => "work_training",
        Course => "course",
        Benefits => "benefits",
        Moved => "moved",
        Other => "other",
        Unknown => "unknown",
    }
}

impl OutcomeStatus {
    /// Work, education, work training or a course: "moved on" in the sources' sense.
    pub fn is_moved_on(self) -> bool {
        matches!(
            self,
            OutcomeStatus::Work
                | OutcomeStatus::Education
                | OutcomeStatus::WorkTraining
                | OutcomeStatus::Course
        )
    }

    /// Still on the coordination list's concern: on benefits, not known, or (with `None`) no
    /// outcome at all.
    pub fn keeps_listed(status: Option<OutcomeStatus>) -> bool {
        matches!(
            status,
            None | Some(OutcomeStatus::Benefits) | Some(OutcomeStatus::Unknown)
        )
    }
}

code_enum! {
    /// How staff tried to reach a participant.
    ContactChannel {
        Phone => "phone",
        Sms => "sms",
        Email => "email",
        Letter => "letter",
        Visit => "visit",
        Other => "other",
    }
}

/// One recorded outcome, with the status it replaced.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "sql", derive(sqlx::FromRow))]
pub struct Outcome {
    pub id: i64,
    pub participant_id: i64,
    pub status: String,
    pub date: NaiveDate,
    pub note: String,
    /// The participant's outcome before this one was recorded (none for the first).
    pub previous_status: Option<String>,
    pub recorded_by: Option<i64>,
    pub recorded_by_name: Option<String>,
    pub recorded_at: chrono::DateTime<chrono::Utc>,
}

/// A new outcome, as `POST /api/v1/participants/{id}/outcomes` sends it.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct OutcomeInput {
    pub status: String,
    /// YYYY-MM-DD: the day it took effect.
    pub date: String,
    #[serde(default)]
    pub note: Option<String>,
}

/// One attempt to reach a participant.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "sql", derive(sqlx::FromRow))]
pub struct ContactAttempt {
    pub id: i64,
    pub participant_id: i64,
    pub date: NaiveDate,
    pub channel: String,
    pub reached: bool,
    pub note: String,
    pub recorded_by: Option<i64>,
    pub recorded_by_name: Option<String>,
    pub recorded_at: chrono::DateTime<chrono::Utc>,
}

/// A new contact attempt, as `POST /api/v1/participants/{id}/contact-attempts` sends it.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct ContactAttemptInput {
    /// YYYY-MM-DD.
    pub date: String,
    pub channel: String,
    pub reached: bool,
    #[serde(default)]
    pub note: Option<String>,
}

/// Where a participant's follow-up stands.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUpState {
    pub participant_id: i64,
    /// The day follow-up began (registration).
    pub since: NaiveDate,
    /// The day it was closed, while it is closed.
    pub closed_on: Option<NaiveDate>,
    /// The latest outcome, if any.
    pub outcome: Option<Outcome>,
}

/// Why an outcome or attempt was refused: the field and the problem with it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Invalid {
    pub field: &'static str,
    pub problem: Problem,
}

fn invalid(field: &'static str, problem: impl Into<Problem>) -> Invalid {
    Invalid {
        field,
        problem: problem.into(),
    }
}

/// A day given as YYYY-MM-DD, not after `today` and not before 2000.
pub fn parse_day(field: &'static str, text: &str, today: NaiveDate) -> Result<NaiveDate, Invalid> {
    let day = NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| invalid(field, Code::DateAsIso))?;
    if day > today {
        return Err(invalid(field, Code::DateInFuture));
    }
    if day < NaiveDate::from_ymd_opt(2000, 1, 1).expect("valid date") {
        return Err(invalid(field, Code::DateBefore2000));
    }
    Ok(day)
}

fn note(text: &Option<String>) -> Result<String, Invalid> {
    let text = text.as_deref().unwrap_or_default().trim();
    if text.chars().count() > 2_000 {
        return Err(invalid("note", Code::NoteTooLong.with("max", 2000)));
    }
    Ok(text.to_string())
}

/// A checked outcome: status, day and note.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckedOutcome {
    pub status: OutcomeStatus,
    pub date: NaiveDate,
    pub note: String,
}

impl OutcomeInput {
    pub fn check(&self, today: NaiveDate) -> Result<CheckedOutcome, Invalid> {
        let status = OutcomeStatus::parse(&self.status)
            .ok_or_else(|| invalid("status", Code::OutcomeChoice))?;
        Ok(CheckedOutcome {
            status,
            date: parse_day("date", &self.date, today)?,
            note: note(&self.note)?,
        })
    }
}

/// A checked contact attempt.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckedAttempt {
    pub date: NaiveDate,
    pub channel: ContactChannel,
    pub reached: bool,
    pub note: String,
}

impl ContactAttemptInput {
    pub fn check(&self, today: NaiveDate) -> Result<CheckedAttempt, Invalid> {
        let channel = ContactChannel::parse(&self.channel)
            .ok_or_else(|| invalid("channel", Code::ContactChannelChoice))?;
        Ok(CheckedAttempt {
            date: parse_day("date", &self.date, today)?,
            channel,
            reached: self.reached,
            note: note(&self.note)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn an_outcome_needs_a_known_status_and_a_past_day() {
        let today = day("2026-03-10");
        let ok = OutcomeInput {
            status: "work_training".into(),
            date: "2026-03-10".into(),
            note: Some("  praksis i butikk ".into()),
        }
        .check(today)
        .unwrap();
        assert_eq!(ok.status, OutcomeStatus::WorkTraining);
        assert_eq!(ok.note, "praksis i butikk");
        let bad = OutcomeInput {
            status: "job".into(),
            date: "2026-03-10".into(),
            note: None,
        };
        assert_eq!(bad.check(today).unwrap_err().field, "status");
        let future = OutcomeInput {
            status: "work".into(),
            date: "2026-03-11".into(),
            note: None,
        };
        assert_eq!(future.check(today).unwrap_err().field, "date");
        let garbled = OutcomeInput {
            status: "work".into(),
            date: "10.03.2026".into(),
            note: None,
        };
        assert_eq!(garbled.check(today).unwrap_err().field, "date");
    }

    #[test]
    fn moved_on_and_still_listed_are_the_sources_groups() {
        let moved: Vec<_> = OutcomeStatus::ALL
            .iter()
            .filter(|s| s.is_moved_on())
            .map(|s| s.code())
            .collect();
        assert_eq!(moved, ["work", "education", "work_training", "course"]);
        assert!(OutcomeStatus::keeps_listed(None));
        assert!(OutcomeStatus::keeps_listed(Some(OutcomeStatus::Benefits)));
        assert!(OutcomeStatus::keeps_listed(Some(OutcomeStatus::Unknown)));
        assert!(!OutcomeStatus::keeps_listed(Some(OutcomeStatus::Moved)));
    }

    #[test]
    fn an_attempt_names_its_channel() {
        let today = day("2026-03-10");
        let a = ContactAttemptInput {
            date: "2026-03-01".into(),
            channel: "phone".into(),
            reached: false,
            note: None,
        }
        .check(today)
        .unwrap();
        assert_eq!(a.channel, ContactChannel::Phone);
        let bad = ContactAttemptInput {
            date: "2026-03-01".into(),
            channel: "pigeon".into(),
            reached: false,
            note: None,
        };
        assert_eq!(bad.check(today).unwrap_err().field, "channel");
    }
}
