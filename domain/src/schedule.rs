//! The schedule generator: places a programme's sessions on a course's weekdays, skipping
//! public holidays and closed dates, then adds the follow-up sessions. Pure; no clock.

use super::holidays::is_public_holiday;
use chrono::{
    DateTime, Datelike, Duration, LocalResult, Months, NaiveDate, NaiveTime, TimeZone, Utc, Weekday,
};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

/// How far ahead the generator looks for free days before giving up (all days closed).
const SEARCH_LIMIT_DAYS: i64 = 3 * 366;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SessionKind {
    Regular,
    FollowUp,
}

impl SessionKind {
    pub fn code(self) -> &'static str {
        match self {
            SessionKind::Regular => "regular",
            SessionKind::FollowUp => "follow_up",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "regular" => Some(Self::Regular),
            "follow_up" => Some(Self::FollowUp),
            _ => None,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PeriodUnit {
    Weeks,
    Months,
}

impl PeriodUnit {
    pub fn code(self) -> &'static str {
        match self {
            PeriodUnit::Weeks => "weeks",
            PeriodUnit::Months => "months",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "weeks" | "week" | "uker" => Some(Self::Weeks),
            "months" | "month" | "måneder" => Some(Self::Months),
            _ => None,
        }
    }
    /// `date` moved `amount` of this unit forward; month ends clamp (31 Jan + 1 month = 28/29 Feb).
    pub fn add(self, date: NaiveDate, amount: u32) -> NaiveDate {
        match self {
            PeriodUnit::Weeks => date + Duration::weeks(amount as i64),
            PeriodUnit::Months => date.checked_add_months(Months::new(amount)).unwrap_or(date),
        }
    }
}

/// Follow-up rules of a programme: the first follow-up a period after the last regular
/// session, then `more` further ones, each `every` after the previous.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUpRule {
    pub first_after: u32,
    pub first_unit: PeriodUnit,
    pub more: u32,
    pub every: u32,
    pub every_unit: PeriodUnit,
}

#[derive(Clone, Debug)]
pub struct ScheduleRequest<'a> {
    pub start_date: NaiveDate,
    pub weekdays: &'a [Weekday],
    pub start_time: NaiveTime,
    pub end_time: NaiveTime,
    pub time_zone: Tz,
    pub regular_sessions: u32,
    pub closed_dates: &'a [NaiveDate],
    pub follow_up: Option<FollowUpRule>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlannedSession {
    /// 1-based; follow-ups continue the numbering after the regular sessions.
    pub number: u32,
    pub kind: SessionKind,
    pub date: NaiveDate,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ScheduleError {
    NoWeekdays,
    EndBeforeStart,
    NoSessions,
    NoOpenDays,
}

impl From<ScheduleError> for crate::problem::Problem {
    fn from(e: ScheduleError) -> Self {
        use crate::problem::Code;
        match e {
            ScheduleError::NoWeekdays => Code::ChooseWeekday,
            ScheduleError::EndBeforeStart => Code::EndTimeBeforeStart,
            ScheduleError::NoSessions => Code::NeedsOneSession,
            ScheduleError::NoOpenDays => Code::NoOpenDay,
        }
        .into()
    }
}

impl std::fmt::Display for ScheduleError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        crate::problem::Problem::from(self.clone()).fmt(f)
    }
}

impl std::error::Error for ScheduleError {}

/// Why a date cannot hold a session, if it cannot.
pub fn is_closed(date: NaiveDate, closed_dates: &[NaiveDate]) -> bool {
    is_public_holiday(date) || closed_dates.contains(&date)
}

/// The UTC instant of a local wall-clock time. In the spring-forward gap (e.g. 02:30 on the
/// last Sunday of March) the time is moved forward by the gap; in the autumn overlap the
/// first (summer-time) occurrence is used.
pub fn local_instant(tz: Tz, date: NaiveDate, time: NaiveTime) -> DateTime<Utc> {
    let naive = date.and_time(time);
    match tz.from_local_datetime(&naive) {
        LocalResult::Single(t) => t.with_timezone(&Utc),
        LocalResult::Ambiguous(first, _) => first.with_timezone(&Utc),
        LocalResult::None => {
            // Walk forward minute by minute to the first time that exists (gaps are ≤ 2 h).
            let mut probe = naive;
            for _ in 0..180 {
                probe += Duration::minutes(1);
                if let Some(t) = tz.from_local_datetime(&probe).earliest() {
                    return t.with_timezone(&Utc);
                }
            }
            Utc.from_utc_datetime(&naive)
        }
    }
}

/// Generates the schedule. Regular sessions fall on the chosen weekdays from the start date on,
/// in order, skipping closed days. Each follow-up is placed on the first open course weekday on
/// or after its target date, so the group meets on its usual day.
pub fn generate_schedule(req: &ScheduleRequest<'_>) -> Result<Vec<PlannedSession>, ScheduleError> {
    if req.weekdays.is_empty() {
        return Err(ScheduleError::NoWeekdays);
    }
    if req.end_time <= req.start_time {
        return Err(ScheduleError::EndBeforeStart);
    }
    if req.regular_sessions == 0 {
        return Err(ScheduleError::NoSessions);
    }
    let make = |number, kind, date| PlannedSession {
        number,
        kind,
        date,
        starts_at: local_instant(req.time_zone, date, req.start_time),
        ends_at: local_instant(req.time_zone, date, req.end_time),
    };

    let mut sessions = Vec::new();
    let mut date = req.start_date;
    let last_allowed = req.start_date + Duration::days(SEARCH_LIMIT_DAYS);
    while sessions.len() < req.regular_sessions as usize {
        if date > last_allowed {
            return Err(ScheduleError::NoOpenDays);
        }
        if req.weekdays.contains(&date.weekday()) && !is_closed(date, req.closed_dates) {
            let number = sessions.len() as u32 + 1;
            sessions.push(make(number, SessionKind::Regular, date));
        }
        date = date.succ_opt().ok_or(ScheduleError::NoOpenDays)?;
    }

    if let Some(rule) = req.follow_up {
        let mut anchor = sessions
            .last()
            .map(|s| s.date)
            .expect("at least one session");
        let follow_ups = if rule.first_after == 0 {
            0
        } else {
            1 + rule.more
        };
        for i in 0..follow_ups {
            let target = if i == 0 {
                rule.first_unit.add(anchor, rule.first_after)
            } else {
                rule.every_unit.add(anchor, rule.every.max(1))
            };
            let date = next_open_weekday(target, req.weekdays, req.closed_dates)
                .ok_or(ScheduleError::NoOpenDays)?;
            let number = sessions.len() as u32 + 1;
            sessions.push(make(number, SessionKind::FollowUp, date));
            anchor = date;
        }
    }
    Ok(sessions)
}

fn next_open_weekday(
    from: NaiveDate,
    weekdays: &[Weekday],
    closed: &[NaiveDate],
) -> Option<NaiveDate> {
    let mut date = from;
    for _ in 0..SEARCH_LIMIT_DAYS {
        if weekdays.contains(&date.weekday()) && !is_closed(date, closed) {
            return Some(date);
        }
        date = date.succ_opt()?;
    }
    None
}

/// An instant as the course's local date and time, "12.01.2027 17:00" (an unknown zone
/// name falls back to Europe/Oslo, the default of every course).
pub fn local_date_time(at: DateTime<Utc>, time_zone: &str) -> String {
    let tz: Tz = time_zone.parse().unwrap_or(chrono_tz::Europe::Oslo);
    at.with_timezone(&tz).format("%d.%m.%Y %H:%M").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Timelike;
    use chrono_tz::Europe::Oslo;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }
    fn t(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }
    const TUE_THU: [Weekday; 2] = [Weekday::Tue, Weekday::Thu];
    const ONE_MONTH: FollowUpRule = FollowUpRule {
        first_after: 1,
        first_unit: PeriodUnit::Months,
        more: 0,
        every: 1,
        every_unit: PeriodUnit::Months,
    };

    fn request<'a>(start: NaiveDate, closed: &'a [NaiveDate]) -> ScheduleRequest<'a> {
        ScheduleRequest {
            start_date: start,
            weekdays: &TUE_THU,
            start_time: t(12, 0),
            end_time: t(14, 0),
            time_zone: Oslo,
            regular_sessions: 8,
            closed_dates: closed,
            follow_up: Some(ONE_MONTH),
        }
    }

    fn dates(s: &[PlannedSession]) -> Vec<NaiveDate> {
        s.iter().map(|s| s.date).collect()
    }

    #[test]
    fn two_weekdays_for_four_weeks_give_eight_sessions_then_a_follow_up() {
        let s = generate_schedule(&request(d(2027, 1, 12), &[])).unwrap();
        let regular: Vec<_> = s
            .iter()
            .filter(|s| s.kind == SessionKind::Regular)
            .collect();
        assert_eq!(regular.len(), 8);
        assert_eq!(regular[0].date, d(2027, 1, 12));
        assert_eq!(regular[7].date, d(2027, 2, 4));
        let follow = s.last().unwrap();
        assert_eq!(follow.kind, SessionKind::FollowUp);
        assert_eq!(follow.number, 9);
        // 4 March 2027 is a Thursday: exactly one month after the last session.
        assert_eq!(follow.date, d(2027, 3, 4));
        assert_eq!(
            s.iter().map(|s| s.number).collect::<Vec<_>>(),
            (1..=9).collect::<Vec<_>>()
        );
    }

    #[test]
    fn easter_2027_is_skipped() {
        // Tue 16 March 2027 on: Thu 25 March (Maundy Thursday) is a holiday.
        let s = generate_schedule(&request(d(2027, 3, 16), &[])).unwrap();
        assert_eq!(
            dates(&s[..8]),
            vec![
                d(2027, 3, 16),
                d(2027, 3, 18),
                d(2027, 3, 23),
                d(2027, 3, 30),
                d(2027, 4, 1),
                d(2027, 4, 6),
                d(2027, 4, 8),
                d(2027, 4, 13),
            ]
        );
        assert!(!dates(&s).contains(&d(2027, 3, 25)));
    }

    #[test]
    fn seventeenth_of_may_and_ascension_are_skipped() {
        // Mondays and Thursdays in May 2027: Thu 6 May is Ascension, Mon 17 May Constitution
        // (and Whit) Monday.
        let days = [Weekday::Mon, Weekday::Thu];
        let req = ScheduleRequest {
            weekdays: &days,
            ..request(d(2027, 5, 3), &[])
        };
        let s = generate_schedule(&req).unwrap();
        assert_eq!(
            dates(&s[..8]),
            vec![
                d(2027, 5, 3),
                d(2027, 5, 10),
                d(2027, 5, 13),
                d(2027, 5, 20),
                d(2027, 5, 24),
                d(2027, 5, 27),
                d(2027, 5, 31),
                d(2027, 6, 3),
            ]
        );
    }

    #[test]
    fn closed_dates_are_skipped() {
        let winter_break = [d(2027, 2, 23), d(2027, 2, 25)];
        let s = generate_schedule(&request(d(2027, 2, 16), &winter_break)).unwrap();
        assert_eq!(
            dates(&s[..4]),
            vec![d(2027, 2, 16), d(2027, 2, 18), d(2027, 3, 2), d(2027, 3, 4)]
        );
    }

    #[test]
    fn wall_clock_time_holds_across_the_spring_dst_change() {
        // Summer time starts Sunday 28 March 2027 in Oslo (and Easter Monday is the 29th).
        let s = generate_schedule(&request(d(2027, 3, 16), &[])).unwrap();
        for session in &s {
            let local = session.starts_at.with_timezone(&Oslo);
            assert_eq!((local.hour(), local.minute()), (12, 0), "{}", session.date);
        }
        assert_eq!(s[0].starts_at.hour(), 11, "CET: 12:00 local is 11:00 UTC");
        assert_eq!(s[3].starts_at.hour(), 10, "CEST: 12:00 local is 10:00 UTC");
    }

    #[test]
    fn wall_clock_time_holds_across_the_autumn_dst_change() {
        // Winter time returns Sunday 31 October 2027.
        let s = generate_schedule(&request(d(2027, 10, 19), &[])).unwrap();
        let before = s.iter().find(|s| s.date == d(2027, 10, 28)).unwrap();
        let after = s.iter().find(|s| s.date == d(2027, 11, 2)).unwrap();
        assert_eq!(before.starts_at.hour(), 10);
        assert_eq!(after.starts_at.hour(), 11);
        assert_eq!(after.starts_at.with_timezone(&Oslo).hour(), 12);
    }

    #[test]
    fn times_in_the_dst_gap_and_overlap_resolve_sensibly() {
        let gap = local_instant(Oslo, d(2027, 3, 28), t(2, 30));
        assert_eq!(gap.with_timezone(&Oslo).hour(), 3);
        let overlap = local_instant(Oslo, d(2027, 10, 31), t(2, 30));
        assert_eq!(overlap.hour(), 0, "the first 02:30 is CEST, 00:30 UTC");
    }

    #[test]
    fn follow_up_moves_off_a_holiday_to_the_next_course_day() {
        // Last regular session Thu 25 Nov 2027 → target Sat 25 Dec → Tue 28 Dec.
        let req = ScheduleRequest {
            regular_sessions: 1,
            ..request(d(2027, 11, 25), &[])
        };
        let s = generate_schedule(&req).unwrap();
        assert_eq!(s[1].date, d(2027, 12, 28));
    }

    #[test]
    fn more_follow_ups_repeat_at_the_interval() {
        let rule = FollowUpRule {
            more: 2,
            ..ONE_MONTH
        };
        let req = ScheduleRequest {
            follow_up: Some(rule),
            ..request(d(2027, 1, 12), &[])
        };
        let s = generate_schedule(&req).unwrap();
        assert_eq!(s.len(), 11);
        assert_eq!(
            dates(&s[8..]),
            vec![d(2027, 3, 4), d(2027, 4, 6), d(2027, 5, 11)]
        );
    }

    #[test]
    fn invalid_requests_are_refused() {
        let mut req = request(d(2027, 1, 12), &[]);
        req.end_time = t(11, 0);
        assert_eq!(generate_schedule(&req), Err(ScheduleError::EndBeforeStart));
        let req = ScheduleRequest {
            weekdays: &[],
            ..request(d(2027, 1, 12), &[])
        };
        assert_eq!(generate_schedule(&req), Err(ScheduleError::NoWeekdays));
    }
}
