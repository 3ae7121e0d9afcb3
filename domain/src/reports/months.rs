//! Calendar months ("2026-03") and the local day an instant falls on in the organisation's
//! time zone: month boundaries are Norwegian midnights, not UTC ones.

use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Serialize};
use std::fmt;

/// One calendar month.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct YearMonth {
    first: NaiveDate,
}

impl YearMonth {
    /// The first month a report may cover: outcomes and attempts are dated 2000 or later, and
    /// a default period reaching further back would soon name years before 0001.
    pub fn earliest() -> YearMonth {
        YearMonth::of(NaiveDate::from_ymd_opt(2000, 1, 1).expect("a date"))
    }

    pub fn of(day: NaiveDate) -> YearMonth {
        YearMonth {
            first: day.with_day(1).expect("every month has a first day"),
        }
    }

    /// Parses "YYYY-MM".
    pub fn parse(text: &str) -> Option<YearMonth> {
        let (y, m) = text.trim().split_once('-')?;
        if y.len() != 4 || m.len() != 2 {
            return None;
        }
        let first = NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, 1)?;
        Some(YearMonth { first })
    }

    pub fn first_day(self) -> NaiveDate {
        self.first
    }

    pub fn last_day(self) -> NaiveDate {
        self.next()
            .first
            .pred_opt()
            .expect("a day before every first")
    }

    pub fn next(self) -> YearMonth {
        YearMonth {
            first: self.first + Months::new(1),
        }
    }

    pub fn previous(self) -> YearMonth {
        YearMonth {
            first: self.first - Months::new(1),
        }
    }

    pub fn contains(self, day: NaiveDate) -> bool {
        YearMonth::of(day) == self
    }

    /// The months from `self` to `last`, both included.
    pub fn through(self, last: YearMonth) -> impl Iterator<Item = YearMonth> {
        std::iter::successors(Some(self).filter(|m| *m <= last), move |m| {
            Some(m.next()).filter(|n| *n <= last)
        })
    }

    /// How many months from `self` to `last`, both included (0 when `last` is earlier).
    pub fn count_through(self, last: YearMonth) -> i64 {
        if last < self {
            return 0;
        }
        let y = i64::from(last.first.year() - self.first.year());
        y * 12 + i64::from(last.first.month()) - i64::from(self.first.month()) + 1
    }
}

impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.first.format("%Y-%m"))
    }
}

impl From<YearMonth> for String {
    fn from(m: YearMonth) -> String {
        m.to_string()
    }
}

impl TryFrom<String> for YearMonth {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        YearMonth::parse(&s).ok_or_else(|| format!("\"{s}\" is not a month like 2026-03"))
    }
}

/// The period a report asks for, from optional "YYYY-MM" texts: by default the twelve months
/// up to `today`'s. A text that is no month names its field.
pub fn period(
    from: Option<&str>,
    to: Option<&str>,
    today: NaiveDate,
) -> Result<(YearMonth, YearMonth), &'static str> {
    fn given(text: Option<&str>) -> Option<&str> {
        text.map(str::trim).filter(|t| !t.is_empty())
    }
    let to = match given(to) {
        None => YearMonth::of(today),
        Some(t) => YearMonth::parse(t).ok_or("to")?,
    };
    let from = match given(from) {
        None => YearMonth::of(to.first_day() - Months::new(11)).max(YearMonth::earliest()),
        Some(t) => YearMonth::parse(t).ok_or("from")?,
    };
    Ok((from, to))
}

/// The day an instant falls on in the time zone (where month boundaries are drawn).
#[cfg(feature = "tz")]
pub fn local_day(at: chrono::DateTime<chrono::Utc>, tz: chrono_tz::Tz) -> NaiveDate {
    at.with_timezone(&tz).date_naive()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_parse_step_and_count() {
        let jan = YearMonth::parse("2026-01").unwrap();
        assert_eq!(jan.to_string(), "2026-01");
        assert_eq!(jan.previous().to_string(), "2025-12");
        assert_eq!(jan.next().next().last_day().to_string(), "2026-03-31");
        assert_eq!(
            YearMonth::parse("2024-02").unwrap().last_day().to_string(),
            "2024-02-29"
        );
        let dec = YearMonth::parse("2026-12").unwrap();
        assert_eq!(jan.through(dec).count(), 12);
        assert_eq!(jan.count_through(dec), 12);
        assert_eq!(dec.count_through(jan), 0);
        assert_eq!(jan.through(jan).count(), 1);
        for bad in ["2026-13", "2026-1", "26-01", "januar", "2026-00"] {
            assert!(YearMonth::parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn the_default_period_is_the_last_twelve_months() {
        let today: NaiveDate = "2026-03-15".parse().unwrap();
        let (from, to) = period(None, Some(""), today).unwrap();
        assert_eq!(
            (from.to_string(), to.to_string()),
            ("2025-04".into(), "2026-03".into())
        );
        let (from, _) = period(None, Some("2025-12"), today).unwrap();
        assert_eq!(from.to_string(), "2025-01");
        assert_eq!(period(Some("2025-13"), None, today), Err("from"));
        assert_eq!(period(None, Some("x"), today), Err("to"));
    }

    #[cfg(feature = "tz")]
    #[test]
    fn month_boundaries_are_oslo_midnights() {
        use chrono::{TimeZone, Utc};
        let oslo = chrono_tz::Europe::Oslo;
        // 31 January 23:30 UTC is already 1 February in Oslo (UTC+1 in winter).
        let late = Utc.with_ymd_and_hms(2026, 1, 31, 23, 30, 0).unwrap();
        assert_eq!(YearMonth::of(local_day(late, oslo)).to_string(), "2026-02");
        // 31 May 22:30 UTC is 1 June 00:30 in Oslo (UTC+2 in summer) …
        let summer = Utc.with_ymd_and_hms(2026, 5, 31, 22, 30, 0).unwrap();
        assert_eq!(
            YearMonth::of(local_day(summer, oslo)).to_string(),
            "2026-06"
        );
        // … while 31 May 21:30 UTC is still 23:30 on 31 May.
        let before = Utc.with_ymd_and_hms(2026, 5, 31, 21, 30, 0).unwrap();
        assert_eq!(
            YearMonth::of(local_day(before, oslo)).to_string(),
            "2026-05"
        );
    }
}
