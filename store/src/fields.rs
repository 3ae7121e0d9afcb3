//! Reading the fields forms and the API send that are stored as text: times of day
//! ("HH:MM") and weekday lists.

use crate::error::{StoreError, StoreResult};
use chrono::{NaiveTime, Weekday};
use domain::problem::Code;
use domain::weekday::{normalise_weekdays, parse_weekday};

/// "HH:MM" as forms and the API write times.
pub fn parse_hhmm(field: &str, input: &str) -> StoreResult<NaiveTime> {
    NaiveTime::parse_from_str(input.trim(), "%H:%M")
        .map_err(|_| StoreError::invalid(field, Code::TimeForm))
}

/// Weekday codes from a form or the API: at least one, each known ("tue", "tirsdag" …).
pub fn parse_weekdays(field: &str, input: &[String]) -> StoreResult<Vec<Weekday>> {
    let mut days = Vec::new();
    for w in input {
        days.push(
            parse_weekday(w).ok_or_else(|| {
                StoreError::invalid(field, Code::UnknownWeekday.with("weekday", w))
            })?,
        );
    }
    let days = normalise_weekdays(days);
    if days.is_empty() {
        return Err(StoreError::invalid(field, Code::ChooseWeekday));
    }
    Ok(days)
}

pub fn hhmm(t: NaiveTime) -> String {
    t.format("%H:%M").to_string()
}
