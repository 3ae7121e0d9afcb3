//! Calendar feeds: subscribable iCalendar (RFC 5545) feeds of sessions, per participant, per
//! course and per leader ("my sessions"), behind unguessable tokens. Here are the feeds as the
//! pages list them and, on the server (feature `calendar`), the feed's text, built with the
//! `icalendar` crate.
//!
//! A feed says only what a text message may say: the course's neutral public name, the place
//! and the times. No participant's name, no session title or theme (a theme can tell what a
//! course is about), so a feed shared with a family calendar or a calendar service gives
//! nothing sensitive away.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

code_enum! {
    /// Whose sessions a feed lists: the courses a participant is enrolled in, one course, or
    /// the courses a staff member leads.
    FeedKind { Participant => "participant", Course => "course", Leader => "leader" }
}

/// Whose feed it is: the participant, course or staff member its sessions belong to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FeedOwner {
    Participant(i64),
    Course(i64),
    Leader(i64),
}

impl FeedOwner {
    pub fn kind(self) -> FeedKind {
        match self {
            FeedOwner::Participant(_) => FeedKind::Participant,
            FeedOwner::Course(_) => FeedKind::Course,
            FeedOwner::Leader(_) => FeedKind::Leader,
        }
    }

    /// The owner a feed row names: its kind and the one id that kind sets.
    pub fn of(
        kind: &str,
        participant_id: Option<i64>,
        course_id: Option<i64>,
        user_id: Option<i64>,
    ) -> Option<FeedOwner> {
        match FeedKind::parse(kind)? {
            FeedKind::Participant => participant_id.map(FeedOwner::Participant),
            FeedKind::Course => course_id.map(FeedOwner::Course),
            FeedKind::Leader => user_id.map(FeedOwner::Leader),
        }
    }

    /// (participant_id, course_id, user_id), one of them set, as the table keeps them.
    pub fn columns(self) -> (Option<i64>, Option<i64>, Option<i64>) {
        match self {
            FeedOwner::Participant(id) => (Some(id), None, None),
            FeedOwner::Course(id) => (None, Some(id), None),
            FeedOwner::Leader(id) => (None, None, Some(id)),
        }
    }
}

/// A feed as the pages list it. The token itself is never shown again after it was made: only
/// its hash is kept.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "sql", derive(sqlx::FromRow))]
pub struct CalendarFeed {
    pub id: i64,
    pub kind: String,
    pub created_at: DateTime<Utc>,
    /// The staff member who made it; none when a participant made their own.
    pub created_by_name: Option<String>,
    pub revoked_at: Option<DateTime<Utc>>,
}

/// One session as a feed shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FeedSession {
    pub id: i64,
    /// The course's public name (the same as in messages).
    pub name: String,
    pub place: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub cancelled: bool,
    /// Raised each time the session is moved, relocated, cancelled or restored, so that
    /// calendars replace their copy (RFC 5545 3.8.7.4).
    pub sequence: i64,
    pub updated_at: DateTime<Utc>,
}

/// What a feed's token opens: its name and its sessions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FeedContent {
    pub name: String,
    pub sessions: Vec<FeedSession>,
}

/// How often calendar apps are asked to fetch the feed again.
pub const REFRESH_HOURS: i64 = 1;

/// The stable UID of a session: its id at the site's host. Moving or cancelling a session
/// keeps it, so calendars update the event instead of adding another.
pub fn session_uid(session_id: i64, host: &str) -> String {
    format!("session-{session_id}@{host}")
}

/// The feed's iCalendar text. `host` names the site in the UIDs, `now` is the DTSTAMP.
///
/// Times are written in UTC ("…Z"), which RFC 5545 allows and every calendar shows in its
/// own time zone: the `icalendar` crate writes no VTIMEZONE, and a TZID without its VTIMEZONE
/// would not be valid. A session's instants are stored in UTC anyway (the course's time zone
/// made them from local times), so nothing is lost.
#[cfg(feature = "calendar")]
pub fn ics(feed: &FeedContent, host: &str, now: DateTime<Utc>) -> String {
    use icalendar::{Calendar, Component, Event, EventLike, EventStatus};
    let mut calendar = Calendar::empty();
    calendar
        .append_property(("VERSION", "2.0"))
        .append_property(("PRODID", "-//Samling//Calendar feeds//NB"))
        .append_property(("CALSCALE", "GREGORIAN"))
        .append_property(("METHOD", "PUBLISH"))
        .name(&feed.name)
        .ttl(&chrono::Duration::hours(REFRESH_HOURS));
    for s in &feed.sessions {
        let mut event = Event::new();
        event
            .uid(&session_uid(s.id, host))
            .timestamp(now)
            .last_modified(s.updated_at)
            .sequence(u32::try_from(s.sequence).unwrap_or(0))
            .summary(&s.name)
            .starts(s.starts_at)
            .ends(s.ends_at)
            .status(if s.cancelled {
                EventStatus::Cancelled
            } else {
                EventStatus::Confirmed
            });
        if !s.place.trim().is_empty() {
            event.location(s.place.trim());
        }
        calendar.push(event.done());
    }
    calendar.to_string()
}

#[cfg(all(test, feature = "calendar"))]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use icalendar::{
        Calendar, CalendarComponent, CalendarDateTime, Component, DatePerhapsTime, EventStatus,
    };

    fn at(h: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2027, 3, 24, h, 0, 0).unwrap()
    }

    fn session(id: i64, start: u32) -> FeedSession {
        FeedSession {
            id,
            name: "Kurs for ungdom".into(),
            place: "Biblioteket, rom 2".into(),
            starts_at: at(start),
            ends_at: at(start + 2),
            cancelled: false,
            sequence: 0,
            updated_at: at(1),
        }
    }

    fn feed(sessions: Vec<FeedSession>) -> FeedContent {
        FeedContent {
            name: "Kurs for ungdom".into(),
            sessions,
        }
    }

    /// An event as read back: (uid, sequence, start, end, status).
    type Read = (String, u32, DateTime<Utc>, DateTime<Utc>, EventStatus);

    /// The feed read back by the crate's own parser.
    fn parsed(text: &str) -> Vec<Read> {
        let calendar: Calendar = text.parse().expect("the feed parses");
        calendar
            .components
            .iter()
            .filter_map(|c| match c {
                CalendarComponent::Event(e) => Some(e),
                _ => None,
            })
            .map(|e| {
                let utc = |d: Option<DatePerhapsTime>| match d {
                    Some(DatePerhapsTime::DateTime(CalendarDateTime::Utc(t))) => t,
                    other => panic!("not a UTC date-time: {other:?}"),
                };
                (
                    e.get_uid().unwrap().to_string(),
                    e.get_sequence().unwrap(),
                    utc(e.get_start()),
                    utc(e.get_end()),
                    e.get_status().unwrap(),
                )
            })
            .collect()
    }

    #[test]
    fn a_feed_is_valid_icalendar_with_one_event_per_session_in_utc() {
        let text = ics(
            &feed(vec![session(7, 15), session(8, 17)]),
            "samling.kommune.no",
            at(9),
        );
        assert!(text.starts_with("BEGIN:VCALENDAR\r\n"), "{text}");
        for line in [
            "VERSION:2.0",
            "METHOD:PUBLISH",
            "X-WR-CALNAME:Kurs for ungdom",
            "DTSTART:20270324T150000Z",
            "DTEND:20270324T170000Z",
            "DTSTAMP:20270324T090000Z",
            "LOCATION:Biblioteket\\, rom 2",
            "STATUS:CONFIRMED",
        ] {
            assert!(
                text.contains(&format!("\r\n{line}\r\n")),
                "{line} in {text}"
            );
        }
        assert!(text.contains("PRODID:"), "{text}");
        let events = parsed(&text);
        assert_eq!(events.len(), 2);
        assert_eq!(
            events[0],
            (
                "session-7@samling.kommune.no".to_string(),
                0,
                at(15),
                at(17),
                EventStatus::Confirmed
            )
        );
    }

    #[test]
    fn a_moved_session_keeps_its_uid_and_carries_a_higher_sequence() {
        let before = parsed(&ics(&feed(vec![session(7, 15)]), "h.example", at(9)));
        let mut moved = session(7, 18);
        moved.sequence = 1;
        let after = parsed(&ics(&feed(vec![moved]), "h.example", at(10)));
        assert_eq!(before[0].0, after[0].0, "the UID is stable");
        assert_eq!((before[0].1, after[0].1), (0, 1));
        assert_eq!((after[0].2, after[0].3), (at(18), at(20)));
        // The UID does not depend on anything that can change.
        assert_eq!(session_uid(7, "h.example"), "session-7@h.example");
    }

    #[test]
    fn a_cancelled_session_stays_in_the_feed_as_cancelled() {
        let mut cancelled = session(7, 15);
        cancelled.cancelled = true;
        cancelled.sequence = 2;
        let text = ics(&feed(vec![cancelled, session(8, 17)]), "h.example", at(9));
        let events = parsed(&text);
        assert_eq!(events.len(), 2);
        assert_eq!((events[0].1, events[0].4), (2, EventStatus::Cancelled));
        assert_eq!(events[1].4, EventStatus::Confirmed);
    }

    #[test]
    fn an_empty_feed_is_still_a_calendar() {
        let text = ics(&feed(vec![]), "h.example", at(9));
        assert!(parsed(&text).is_empty());
        assert!(text.contains("X-WR-CALNAME:Kurs for ungdom"));
    }
}
