//! Retention: when a participant's data is due for erasure. The clock starts at their last
//! activity — registration, a session of a course they were on, a follow-up closed or
//! reopened, a contact attempt, an outcome, a reply — and runs for the configured months;
//! an admin can keep someone longer, to a date, with a reason.

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

/// The default retention: three years after the last activity.
pub const DEFAULT_MONTHS: u32 = 36;

/// How far ahead the admins' list of those due looks.
pub const NOTICE_DAYS: i64 = 30;

/// The day a participant is due for erasure: `months` after the last activity, or the day
/// after an extension runs out when that is later.
pub fn erase_on(last_activity: NaiveDate, months: u32, kept_until: Option<NaiveDate>) -> NaiveDate {
    let by_retention = last_activity
        .checked_add_months(Months::new(months))
        .unwrap_or(NaiveDate::MAX);
    match kept_until.and_then(|d| d.succ_opt()) {
        Some(after) if after > by_retention => after,
        _ => by_retention,
    }
}

/// One participant on the admins' list of those due within the notice period.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RetentionDue {
    pub participant_id: i64,
    pub name: String,
    pub last_activity: NaiveDate,
    pub erase_on: NaiveDate,
    pub kept_until: Option<NaiveDate>,
}

/// An admin's request to keep a participant past the retention.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct ExtensionInput {
    /// `YYYY-MM-DD`, in the future.
    pub keep_until: String,
    pub reason: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn three_years_after_the_last_activity() {
        assert_eq!(erase_on(day("2023-12-05"), 36, None), day("2026-12-05"));
        // The end of a longer month lands on the last day of the shorter one.
        assert_eq!(erase_on(day("2024-01-31"), 1, None), day("2024-02-29"));
    }

    #[test]
    fn an_extension_keeps_them_to_its_date() {
        let last = day("2023-12-05");
        assert_eq!(
            erase_on(last, 36, Some(day("2027-06-30"))),
            day("2027-07-01")
        );
        // An extension that ends before the retention does not shorten it.
        assert_eq!(
            erase_on(last, 36, Some(day("2025-01-01"))),
            day("2026-12-05")
        );
    }
}
