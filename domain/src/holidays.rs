//! Norwegian public holidays (helligdager), computed for any year, and the closed-day check
//! the schedule generator uses.

use chrono::{Datelike, Duration, NaiveDate};

/// Easter Sunday in the Gregorian calendar (the anonymous Gregorian algorithm).
pub fn easter_sunday(year: i32) -> NaiveDate {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, month as u32, day as u32).expect("Easter is a valid date")
}

/// The public holidays of one year with their Norwegian names, in date order.
pub fn public_holidays(year: i32) -> Vec<(NaiveDate, &'static str)> {
    let fixed = |m, d| NaiveDate::from_ymd_opt(year, m, d).expect("fixed holiday is a valid date");
    let easter = easter_sunday(year);
    let rel = |days: i64| easter + Duration::days(days);
    let mut days = vec![
        (fixed(1, 1), "Første nyttårsdag"),
        (rel(-3), "Skjærtorsdag"),
        (rel(-2), "Langfredag"),
        (easter, "Første påskedag"),
        (rel(1), "Andre påskedag"),
        (fixed(5, 1), "Arbeidernes dag"),
        (fixed(5, 17), "Grunnlovsdag"),
        (rel(39), "Kristi himmelfartsdag"),
        (rel(49), "Første pinsedag"),
        (rel(50), "Andre pinsedag"),
        (fixed(12, 25), "Første juledag"),
        (fixed(12, 26), "Andre juledag"),
    ];
    days.sort_by_key(|(d, _)| *d);
    days
}

/// The name of the public holiday on `date`, if it is one.
pub fn holiday_name(date: NaiveDate) -> Option<&'static str> {
    public_holidays(date.year())
        .into_iter()
        .find(|(d, _)| *d == date)
        .map(|(_, name)| name)
}

pub fn is_public_holiday(date: NaiveDate) -> bool {
    holiday_name(date).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn easter_dates_match_the_almanac() {
        // Known Easter Sundays, including the earliest (22 March) and late ones.
        let known = [
            (2008, d(2008, 3, 23)),
            (2019, d(2019, 4, 21)),
            (2024, d(2024, 3, 31)),
            (2025, d(2025, 4, 20)),
            (2026, d(2026, 4, 5)),
            (2027, d(2027, 3, 28)),
            (2028, d(2028, 4, 16)),
            (2038, d(2038, 4, 25)),
            (2285, d(2285, 3, 22)),
        ];
        for (year, expected) in known {
            assert_eq!(easter_sunday(year), expected, "Easter {year}");
        }
    }

    #[test]
    fn the_2027_holidays_are_the_twelve_official_days() {
        let days: Vec<NaiveDate> = public_holidays(2027).into_iter().map(|(d, _)| d).collect();
        assert_eq!(
            days,
            vec![
                d(2027, 1, 1),
                d(2027, 3, 25),
                d(2027, 3, 26),
                d(2027, 3, 28),
                d(2027, 3, 29),
                d(2027, 5, 1),
                d(2027, 5, 6),
                d(2027, 5, 16),
                d(2027, 5, 17),
                d(2027, 5, 17),
                d(2027, 12, 25),
                d(2027, 12, 26),
            ]
        );
        // Whit Monday coincides with Constitution Day in 2027.
        assert!(is_public_holiday(d(2027, 5, 17)));
        assert_eq!(holiday_name(d(2027, 5, 6)), Some("Kristi himmelfartsdag"));
        assert_eq!(holiday_name(d(2027, 3, 25)), Some("Skjærtorsdag"));
    }

    #[test]
    fn holidays_for_several_years() {
        assert_eq!(holiday_name(d(2025, 4, 17)), Some("Skjærtorsdag"));
        assert_eq!(holiday_name(d(2025, 5, 29)), Some("Kristi himmelfartsdag"));
        assert_eq!(holiday_name(d(2025, 6, 9)), Some("Andre pinsedag"));
        assert_eq!(holiday_name(d(2026, 4, 3)), Some("Langfredag"));
        assert_eq!(holiday_name(d(2026, 5, 14)), Some("Kristi himmelfartsdag"));
        assert_eq!(holiday_name(d(2026, 5, 25)), Some("Andre pinsedag"));
        assert_eq!(holiday_name(d(2028, 4, 17)), Some("Andre påskedag"));
        assert_eq!(holiday_name(d(2028, 5, 25)), Some("Kristi himmelfartsdag"));
        for year in 1990..2100 {
            assert_eq!(public_holidays(year).len(), 12, "{year}");
            assert!(is_public_holiday(d(year, 12, 26)));
            assert!(
                !is_public_holiday(d(year, 12, 24)),
                "Christmas Eve is not a public holiday"
            );
        }
        assert!(!is_public_holiday(d(2027, 3, 24)));
    }
}
