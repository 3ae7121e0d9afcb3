//! Weekday codes as the API and forms write them ("mon".."sun"), with Norwegian aliases.

use chrono::Weekday;

pub const ALL_WEEKDAYS: [Weekday; 7] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];

/// Parses "tue", "Tuesday", "tir", "tirsdag" (any case) into a weekday.
pub fn parse_weekday(input: &str) -> Option<Weekday> {
    let s = input.trim().to_lowercase();
    let day = match s.as_str() {
        "mon" | "monday" | "man" | "mandag" => Weekday::Mon,
        "tue" | "tuesday" | "tir" | "tirsdag" => Weekday::Tue,
        "wed" | "wednesday" | "ons" | "onsdag" => Weekday::Wed,
        "thu" | "thursday" | "tor" | "torsdag" => Weekday::Thu,
        "fri" | "friday" | "fre" | "fredag" => Weekday::Fri,
        "sat" | "saturday" | "lør" | "lørdag" => Weekday::Sat,
        "sun" | "sunday" | "søn" | "søndag" => Weekday::Sun,
        _ => return None,
    };
    Some(day)
}

/// The stable code used in the API and in the database.
pub fn weekday_code(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "mon",
        Weekday::Tue => "tue",
        Weekday::Wed => "wed",
        Weekday::Thu => "thu",
        Weekday::Fri => "fri",
        Weekday::Sat => "sat",
        Weekday::Sun => "sun",
    }
}

/// Parses a comma-separated list of codes ("tue,thu"), sorted Monday first, without repeats.
/// Returns the first piece that is not a weekday as the error.
pub fn parse_weekday_list(input: &str) -> Result<Vec<Weekday>, String> {
    let mut days = Vec::new();
    for piece in input.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        days.push(parse_weekday(piece).ok_or_else(|| piece.to_string())?);
    }
    Ok(normalise_weekdays(days))
}

pub fn normalise_weekdays(mut days: Vec<Weekday>) -> Vec<Weekday> {
    days.sort_by_key(|d| d.num_days_from_monday());
    days.dedup();
    days
}

pub fn weekday_list_code(days: &[Weekday]) -> String {
    days.iter()
        .map(|d| weekday_code(*d))
        .collect::<Vec<_>>()
        .join(",")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_codes_and_norwegian_names() {
        assert_eq!(parse_weekday("tue"), Some(Weekday::Tue));
        assert_eq!(parse_weekday(" Torsdag "), Some(Weekday::Thu));
        assert_eq!(parse_weekday("lør"), Some(Weekday::Sat));
        assert_eq!(parse_weekday("tirsdagx"), None);
    }

    #[test]
    fn lists_are_sorted_and_deduplicated() {
        assert_eq!(
            parse_weekday_list("thu, tue,thu"),
            Ok(vec![Weekday::Tue, Weekday::Thu])
        );
        assert_eq!(parse_weekday_list("tue,funday"), Err("funday".to_string()));
        assert_eq!(weekday_list_code(&[Weekday::Tue, Weekday::Thu]), "tue,thu");
    }
}
