//! The course report: each session's attendance, each participant's rate, how many completed
//! (attended at least the programme's share of the regular sessions held — a follow-up
//! session a month later is not part of the course's attendance), and each participant's
//! latest outcome dated from the first session to three months after the last one (follow-ups
//! included) — the "all moved on" figure of the sources.

use super::{rate, OutcomeCounts};
use crate::outcomes::OutcomeStatus;
use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// How long after the last session an outcome still counts for the course.
pub const OUTCOME_WINDOW_MONTHS: u32 = 3;

/// One session as the course report gathers it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SessionFacts {
    pub session_id: i64,
    pub number: i64,
    pub title: String,
    pub date: NaiveDate,
    /// Not cancelled and already begun.
    pub held: bool,
    pub cancelled: bool,
    /// One of the programme's sessions (not a follow-up session after the course).
    pub regular: bool,
}

/// An enrolled participant.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Member {
    pub participant_id: i64,
    pub name: String,
}

/// A mark: (session, participant, status code).
pub type Mark = (i64, i64, String);

/// Everything the course report counts.
#[derive(Clone, Debug, Default)]
pub struct CourseFacts {
    pub course_id: i64,
    pub title: String,
    pub programme: String,
    pub completion_percent: i64,
    pub sessions: Vec<SessionFacts>,
    pub members: Vec<Member>,
    pub marks: Vec<Mark>,
    /// The members' outcomes as (participant, id, date, status).
    pub outcomes: Vec<(i64, i64, NaiveDate, OutcomeStatus)>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SessionAttendance {
    pub session_id: i64,
    pub number: i64,
    pub title: String,
    pub date: NaiveDate,
    pub held: bool,
    pub cancelled: bool,
    pub regular: bool,
    pub present: i64,
    pub late: i64,
    pub absent: i64,
    pub excused: i64,
    /// Members without a mark (for held sessions).
    pub unmarked: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ParticipantAttendance {
    pub participant_id: i64,
    pub name: String,
    /// Held sessions marked present or late.
    pub attended: i64,
    /// `attended` ÷ regular sessions held; null before the first session.
    pub rate: Option<f64>,
    pub completed: bool,
    /// The latest outcome within the window, if any.
    pub outcome: Option<String>,
}

/// `GET /api/v1/courses/{id}/report`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CourseReport {
    pub course_id: i64,
    pub title: String,
    pub programme: String,
    pub completion_percent: i64,
    pub first_session: Option<NaiveDate>,
    pub last_session: Option<NaiveDate>,
    /// Outcomes dated from the first session to this day count.
    pub outcome_window_ends: Option<NaiveDate>,
    pub sessions_held: i64,
    pub participants_count: i64,
    pub completed: i64,
    pub sessions: Vec<SessionAttendance>,
    pub participants: Vec<ParticipantAttendance>,
    pub outcomes: OutcomeCounts,
    /// Work, education, work training or a course.
    pub moved_on: i64,
    pub without_outcome: i64,
}

pub fn course_report(facts: &CourseFacts) -> CourseReport {
    let live: Vec<&SessionFacts> = facts.sessions.iter().filter(|s| !s.cancelled).collect();
    let first_session = live.iter().map(|s| s.date).min();
    let last_session = live.iter().map(|s| s.date).max();
    let window_ends = last_session.map(|d| d + Months::new(OUTCOME_WINDOW_MONTHS));
    // Attendance and completion count the regular sessions held so far.
    let held: HashMap<i64, &SessionFacts> = facts
        .sessions
        .iter()
        .filter(|s| s.held && s.regular)
        .map(|s| (s.session_id, s))
        .collect();
    let members: HashMap<i64, &Member> = facts
        .members
        .iter()
        .map(|m| (m.participant_id, m))
        .collect();
    let mut by_session: HashMap<i64, [i64; 4]> = HashMap::new();
    let mut attended: HashMap<i64, i64> = HashMap::new();
    for (session, participant, status) in &facts.marks {
        if !members.contains_key(participant) {
            continue;
        }
        let slot = match status.as_str() {
            "present" => 0,
            "late" => 1,
            "absent" => 2,
            _ => 3,
        };
        by_session.entry(*session).or_default()[slot] += 1;
        if slot <= 1 && held.contains_key(session) {
            *attended.entry(*participant).or_default() += 1;
        }
    }
    let sessions: Vec<SessionAttendance> = facts
        .sessions
        .iter()
        .map(|s| {
            let [present, late, absent, excused] =
                by_session.get(&s.session_id).copied().unwrap_or_default();
            let marked = present + late + absent + excused;
            SessionAttendance {
                session_id: s.session_id,
                number: s.number,
                title: s.title.clone(),
                date: s.date,
                held: s.held,
                cancelled: s.cancelled,
                regular: s.regular,
                present,
                late,
                absent,
                excused,
                unmarked: if s.held {
                    (facts.members.len() as i64 - marked).max(0)
                } else {
                    0
                },
            }
        })
        .collect();
    let sessions_held = held.len() as i64;

    let mut latest: HashMap<i64, (NaiveDate, i64, OutcomeStatus)> = HashMap::new();
    if let (Some(first), Some(ends)) = (first_session, window_ends) {
        for (participant, id, date, status) in &facts.outcomes {
            if *date < first || *date > ends || !members.contains_key(participant) {
                continue;
            }
            let candidate = (*date, *id, *status);
            let entry = latest.entry(*participant).or_insert(candidate);
            if (candidate.0, candidate.1) > (entry.0, entry.1) {
                *entry = candidate;
            }
        }
    }
    let mut outcomes = OutcomeCounts::default();
    for (_, _, status) in latest.values() {
        outcomes.add(*status);
    }
    let share = facts.completion_percent as f64 / 100.0;
    let participants: Vec<ParticipantAttendance> = facts
        .members
        .iter()
        .map(|m| {
            let attended = attended.get(&m.participant_id).copied().unwrap_or(0);
            let rate = rate(attended, sessions_held);
            ParticipantAttendance {
                participant_id: m.participant_id,
                name: m.name.clone(),
                attended,
                rate,
                // A small tolerance so that 6 of 8 is 75 % exactly.
                completed: rate.is_some_and(|r| r + 1e-9 >= share),
                outcome: latest
                    .get(&m.participant_id)
                    .map(|(_, _, s)| s.code().to_string()),
            }
        })
        .collect();
    CourseReport {
        course_id: facts.course_id,
        title: facts.title.clone(),
        programme: facts.programme.clone(),
        completion_percent: facts.completion_percent,
        first_session,
        last_session,
        outcome_window_ends: window_ends,
        sessions_held,
        participants_count: participants.len() as i64,
        completed: participants.iter().filter(|p| p.completed).count() as i64,
        moved_on: outcomes.moved_on(),
        without_outcome: participants.len() as i64 - outcomes.total(),
        sessions,
        participants,
        outcomes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn facts() -> CourseFacts {
        let sessions = (1..=4)
            .map(|n| SessionFacts {
                session_id: n,
                number: n,
                title: format!("Samling {n}"),
                date: day(&format!("2026-03-0{}", n + 1)),
                held: n <= 4,
                cancelled: false,
                regular: true,
            })
            .collect();
        let members = (1..=3)
            .map(|p| Member {
                participant_id: p,
                name: format!("Deltaker {p}"),
            })
            .collect();
        let mut marks = vec![];
        for s in 1..=4 {
            marks.push((s, 1, "present".to_string()));
            marks.push((s, 2, if s == 4 { "absent" } else { "late" }.to_string()));
            if s <= 2 {
                marks.push((s, 3, "excused".to_string()));
            }
        }
        CourseFacts {
            course_id: 7,
            title: "Kurs".into(),
            programme: "Klart jeg kan".into(),
            completion_percent: 75,
            sessions,
            members,
            marks,
            outcomes: vec![],
        }
    }

    #[test]
    fn completion_is_the_programmes_share_of_held_sessions() {
        let r = course_report(&facts());
        assert_eq!(r.sessions_held, 4);
        let rates: Vec<_> = r.participants.iter().map(|p| p.attended).collect();
        assert_eq!(rates, [4, 3, 0]);
        // 3 of 4 is exactly 75 %: completed.
        assert_eq!(r.completed, 2);
        assert_eq!(r.sessions[3].absent, 1);
        assert_eq!(r.sessions[3].unmarked, 1);
        let mut strict = facts();
        strict.completion_percent = 80;
        assert_eq!(course_report(&strict).completed, 1);
    }

    #[test]
    fn outcomes_count_within_three_months_after_the_last_session() {
        use OutcomeStatus::*;
        let mut f = facts();
        f.outcomes = vec![
            (1, 1, day("2026-04-01"), Benefits),
            (1, 2, day("2026-06-05"), WorkTraining), // last session 5 March + 3 months
            (2, 3, day("2026-06-06"), Work),         // a day too late
            (3, 4, day("2026-02-01"), Course),       // before the course
        ];
        let r = course_report(&f);
        assert_eq!(r.outcome_window_ends, Some(day("2026-06-05")));
        assert_eq!(r.outcomes.work_training, 1);
        assert_eq!(r.outcomes.total(), 1);
        assert_eq!(r.moved_on, 1);
        assert_eq!(r.without_outcome, 2);
        assert_eq!(r.participants[0].outcome.as_deref(), Some("work_training"));
    }

    #[test]
    fn a_follow_up_session_counts_for_the_window_not_for_completion() {
        let mut f = facts();
        f.sessions.push(SessionFacts {
            session_id: 5,
            number: 5,
            title: "Oppfølging".into(),
            date: day("2026-04-07"),
            held: true,
            cancelled: false,
            regular: false,
        });
        f.marks.push((5, 2, "present".to_string()));
        let r = course_report(&f);
        assert_eq!(r.sessions_held, 4);
        assert_eq!(r.completed, 2);
        assert_eq!(r.participants[1].attended, 3);
        assert_eq!(r.sessions[4].present, 1);
        assert_eq!(r.outcome_window_ends, Some(day("2026-07-07")));
    }

    #[test]
    fn sessions_not_yet_held_do_not_count() {
        let mut f = facts();
        f.sessions[3].held = false;
        let r = course_report(&f);
        assert_eq!(r.sessions_held, 3);
        assert_eq!(r.participants[1].attended, 3);
        assert_eq!(r.participants[1].rate, Some(1.0));
    }
}
