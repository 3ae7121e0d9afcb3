//! The organisation's closed periods (winter break, Easter week …): days on which no new
//! course meets, kept by the coordinator and skipped by the schedule generator.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A closed period as pages and the API show it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "sql", derive(sqlx::FromRow))]
pub struct ClosedPeriod {
    pub id: i64,
    pub name: String,
    /// First and last closed day, YYYY-MM-DD, both included.
    #[cfg_attr(feature = "sql", sqlx(try_from = "crate::sql_text::DateText"))]
    pub first_day: String,
    #[cfg_attr(feature = "sql", sqlx(try_from = "crate::sql_text::DateText"))]
    pub last_day: String,
    /// The one school it is for; none: for all of them.
    pub school_id: Option<i64>,
    pub school_name: Option<String>,
}

/// A new closed period, as the form and `POST /api/v1/closed-periods` send it.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct ClosedPeriodInput {
    pub name: String,
    pub first_day: String,
    pub last_day: String,
    #[serde(default)]
    pub school_id: Option<i64>,
}

/// The name of the period `day` falls in, if any (the earliest-starting one when several do).
pub fn closed_by(periods: &[(NaiveDate, NaiveDate, String)], day: NaiveDate) -> Option<&str> {
    periods
        .iter()
        .filter(|(first, last, _)| *first <= day && day <= *last)
        .min_by_key(|(first, _, _)| *first)
        .map(|(_, _, name)| name.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn a_day_is_closed_from_the_first_to_the_last_day_of_a_period() {
        let periods = vec![(d("2027-02-22"), d("2027-02-26"), "Vinterferie".to_string())];
        assert_eq!(closed_by(&periods, d("2027-02-21")), None);
        assert_eq!(closed_by(&periods, d("2027-02-22")), Some("Vinterferie"));
        assert_eq!(closed_by(&periods, d("2027-02-26")), Some("Vinterferie"));
        assert_eq!(closed_by(&periods, d("2027-02-27")), None);
    }

    #[test]
    fn overlapping_periods_name_the_one_that_began_first() {
        let periods = vec![
            (
                d("2027-03-24"),
                d("2027-03-24"),
                "Planleggingsdag".to_string(),
            ),
            (d("2027-03-22"), d("2027-03-29"), "Påskeferie".to_string()),
        ];
        assert_eq!(closed_by(&periods, d("2027-03-24")), Some("Påskeferie"));
    }
}
