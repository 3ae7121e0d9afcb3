//! The monthly report: per calendar month, new participants, those in follow-up at the month's
//! end, sessions held and attendance, outcomes (each participant's latest outcome dated that
//! month) and their running sum, those listed two months in a row, and those nobody reached.

use super::months::YearMonth;
use super::{rate, OutcomeCounts};
use crate::outcomes::OutcomeStatus;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

/// A follow-up closed on `closed_on` and, if it was, reopened on `reopened_on`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Closure {
    pub closed_on: NaiveDate,
    pub reopened_on: Option<NaiveDate>,
}

/// One participant in the report's scope.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParticipantFacts {
    pub id: i64,
    pub registered_on: NaiveDate,
    pub closures: Vec<Closure>,
}

impl ParticipantFacts {
    /// In follow-up at the end of `day`: registered by then and not closed at that time.
    pub fn in_follow_up(&self, day: NaiveDate) -> bool {
        self.registered_on <= day
            && !self
                .closures
                .iter()
                .any(|c| c.closed_on <= day && c.reopened_on.is_none_or(|r| day < r))
    }
}

/// One recorded outcome (the latest by date, then id, wins).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OutcomeFact {
    pub participant_id: i64,
    pub id: i64,
    pub date: NaiveDate,
    pub status: OutcomeStatus,
}

/// One held session of a course in scope: its day and its marks for participants in scope.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SessionFact {
    pub held_on: NaiveDate,
    /// Present or late.
    pub attended: i64,
    pub marks: i64,
}

/// Everything the monthly report counts, as local days.
#[derive(Clone, Debug, Default)]
pub struct MonthlyFacts {
    pub participants: Vec<ParticipantFacts>,
    pub outcomes: Vec<OutcomeFact>,
    pub sessions: Vec<SessionFact>,
    /// Tries to reach someone: recorded attempts (reached or not) and failed texts or e-mails.
    pub attempts: Vec<(i64, NaiveDate)>,
    /// Signs of contact: reached attempts, present or late marks, replies, sign-ins,
    /// confirmations.
    pub contacts: Vec<(i64, NaiveDate)>,
}

/// One month's figures, as `GET /api/v1/reports/monthly` answers them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MonthFigures {
    pub month: YearMonth,
    pub new_participants: i64,
    pub in_follow_up: i64,
    pub sessions_held: i64,
    /// Present or late marks in the month's held sessions.
    pub attended: i64,
    /// All marks in the month's held sessions.
    pub marks: i64,
    /// `attended` ÷ `marks`; null when no marks.
    pub attendance_rate: Option<f64>,
    pub outcomes: OutcomeCounts,
    pub accumulated: OutcomeCounts,
    pub listed_two_months: i64,
    pub unreachable: i64,
}

/// The report over `from..=to`. Month ends after `today` count as of `today`.
pub fn monthly(
    facts: &MonthlyFacts,
    from: YearMonth,
    to: YearMonth,
    today: NaiveDate,
) -> Vec<MonthFigures> {
    let mut by_participant: HashMap<i64, Vec<(NaiveDate, i64, OutcomeStatus)>> = HashMap::new();
    for o in &facts.outcomes {
        by_participant
            .entry(o.participant_id)
            .or_default()
            .push((o.date, o.id, o.status));
    }
    for list in by_participant.values_mut() {
        list.sort_by_key(|(d, id, _)| (*d, *id));
    }
    let latest_as_of = |participant: i64, day: NaiveDate| -> Option<OutcomeStatus> {
        let list = by_participant.get(&participant)?;
        let n = list.partition_point(|(d, _, _)| *d <= day);
        n.checked_sub(1).map(|i| list[i].2)
    };
    // Each participant's latest outcome dated in each month.
    let mut dated: HashMap<YearMonth, OutcomeCounts> = HashMap::new();
    for list in by_participant.values() {
        for (i, (day, _, status)) in list.iter().enumerate() {
            let month = YearMonth::of(*day);
            let last_of_month = list
                .get(i + 1)
                .is_none_or(|(next, _, _)| YearMonth::of(*next) != month);
            if last_of_month {
                dated.entry(month).or_default().add(*status);
            }
        }
    }
    let attempts: HashSet<(i64, YearMonth)> = facts
        .attempts
        .iter()
        .map(|(p, d)| (*p, YearMonth::of(*d)))
        .collect();
    let contacts: HashSet<(i64, YearMonth)> = facts
        .contacts
        .iter()
        .map(|(p, d)| (*p, YearMonth::of(*d)))
        .collect();
    let end_of = |m: YearMonth| m.last_day().min(today);

    let mut accumulated = OutcomeCounts::default();
    from.through(to)
        .map(|month| {
            let end = end_of(month);
            let previous_end = end_of(month.previous());
            let mut new_participants = 0;
            let mut in_follow_up = 0;
            let mut listed_two_months = 0;
            for p in &facts.participants {
                if month.contains(p.registered_on) {
                    new_participants += 1;
                }
                if p.in_follow_up(end) {
                    in_follow_up += 1;
                    if p.in_follow_up(previous_end)
                        && OutcomeStatus::keeps_listed(latest_as_of(p.id, end))
                    {
                        listed_two_months += 1;
                    }
                }
            }
            let (mut sessions_held, mut attended, mut marks) = (0, 0, 0);
            for s in facts.sessions.iter().filter(|s| month.contains(s.held_on)) {
                sessions_held += 1;
                attended += s.attended;
                marks += s.marks;
            }
            let unreachable = attempts
                .iter()
                .filter(|(p, m)| *m == month && !contacts.contains(&(*p, month)))
                .count() as i64;
            let outcomes = dated.get(&month).copied().unwrap_or_default();
            accumulated = accumulated.plus(&outcomes);
            MonthFigures {
                month,
                new_participants,
                in_follow_up,
                sessions_held,
                attended,
                marks,
                attendance_rate: rate(attended, marks),
                outcomes,
                accumulated,
                listed_two_months,
                unreachable,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }
    fn month(s: &str) -> YearMonth {
        YearMonth::parse(s).unwrap()
    }
    fn person(id: i64, registered: &str) -> ParticipantFacts {
        ParticipantFacts {
            id,
            registered_on: day(registered),
            closures: vec![],
        }
    }
    fn outcome(participant_id: i64, id: i64, date: &str, status: OutcomeStatus) -> OutcomeFact {
        OutcomeFact {
            participant_id,
            id,
            date: day(date),
            status,
        }
    }
    fn run(facts: &MonthlyFacts, from: &str, to: &str) -> Vec<MonthFigures> {
        monthly(facts, month(from), month(to), day("2030-01-01"))
    }

    #[test]
    fn new_and_in_follow_up_count_at_each_month_end() {
        let mut closed = person(2, "2026-01-20");
        closed.closures.push(Closure {
            closed_on: day("2026-02-28"),
            reopened_on: None,
        });
        let mut reopened = person(3, "2026-01-05");
        reopened.closures.push(Closure {
            closed_on: day("2026-02-10"),
            reopened_on: Some(day("2026-03-15")),
        });
        let facts = MonthlyFacts {
            participants: vec![
                person(1, "2026-01-31"),
                closed,
                reopened,
                person(4, "2026-02-01"),
            ],
            ..Default::default()
        };
        let r = run(&facts, "2026-01", "2026-03");
        assert_eq!(
            r.iter().map(|m| m.new_participants).collect::<Vec<_>>(),
            [3, 1, 0]
        );
        // End of January: 1, 2, 3. End of February: 1 and 4 (2 closed on the last day, 3 closed
        // on the 10th). End of March: 1, 4 and 3 again.
        assert_eq!(
            r.iter().map(|m| m.in_follow_up).collect::<Vec<_>>(),
            [3, 2, 3]
        );
    }

    #[test]
    fn outcomes_count_the_latest_in_each_month_and_accumulate() {
        use OutcomeStatus::*;
        // Participant 1's outcome changes twice in March (the later one counts) and once more
        // in April; participant 2 has one in March; a correction on the same day (higher id) wins.
        let facts = MonthlyFacts {
            participants: vec![person(1, "2026-01-01"), person(2, "2026-01-01")],
            outcomes: vec![
                outcome(1, 1, "2026-03-02", Benefits),
                outcome(1, 2, "2026-03-20", WorkTraining),
                outcome(1, 5, "2026-04-03", Work),
                outcome(2, 3, "2026-03-10", Course),
                outcome(2, 4, "2026-03-10", Education),
            ],
            ..Default::default()
        };
        let r = run(&facts, "2026-02", "2026-05");
        assert_eq!(r[0].outcomes.total(), 0);
        assert_eq!(r[1].outcomes.work_training, 1);
        assert_eq!(r[1].outcomes.education, 1);
        assert_eq!(r[1].outcomes.benefits, 0);
        assert_eq!(r[1].outcomes.course, 0);
        assert_eq!(r[2].outcomes.work, 1);
        assert_eq!(r[3].accumulated.total(), 3);
        assert_eq!(r[3].accumulated.work, 1);
        assert_eq!(r[3].accumulated.moved_on(), 3);
        // Accumulation starts at `from`: a report from April counts only April on.
        let later = run(&facts, "2026-04", "2026-04");
        assert_eq!(later[0].accumulated.total(), 1);
    }

    #[test]
    fn listed_two_months_needs_two_month_ends_and_no_moving_on() {
        use OutcomeStatus::*;
        let facts = MonthlyFacts {
            participants: vec![
                person(1, "2026-01-10"), // no outcome: listed from February
                person(2, "2026-01-10"), // benefits: listed
                person(3, "2026-01-10"), // work in February: not listed from February
                person(4, "2026-02-10"), // registered in February: listed from March
            ],
            outcomes: vec![
                outcome(2, 1, "2026-01-15", Benefits),
                outcome(3, 2, "2026-01-15", Unknown),
                outcome(3, 3, "2026-02-15", Work),
            ],
            ..Default::default()
        };
        let r = run(&facts, "2026-01", "2026-03");
        // January: nobody was in follow-up at the end of December.
        assert_eq!(r[0].listed_two_months, 0);
        assert_eq!(r[1].listed_two_months, 2);
        assert_eq!(r[2].listed_two_months, 3);
    }

    #[test]
    fn a_closed_follow_up_leaves_the_list() {
        let mut p = person(1, "2026-01-10");
        p.closures.push(Closure {
            closed_on: day("2026-03-05"),
            reopened_on: None,
        });
        let facts = MonthlyFacts {
            participants: vec![p],
            ..Default::default()
        };
        let r = run(&facts, "2026-02", "2026-04");
        assert_eq!(
            r.iter().map(|m| m.listed_two_months).collect::<Vec<_>>(),
            [1, 0, 0]
        );
    }

    #[test]
    fn unreachable_means_tried_and_no_sign_that_month() {
        let facts = MonthlyFacts {
            participants: vec![person(1, "2026-01-01"), person(2, "2026-01-01")],
            attempts: vec![
                (1, day("2026-03-03")),
                (1, day("2026-03-20")),
                (2, day("2026-03-03")),
                (2, day("2026-04-01")),
            ],
            // 2 came to a session in March; nothing in April.
            contacts: vec![(2, day("2026-03-31")), (1, day("2026-04-02"))],
            ..Default::default()
        };
        let r = run(&facts, "2026-03", "2026-04");
        assert_eq!(r[0].unreachable, 1);
        assert_eq!(r[1].unreachable, 1);
    }

    #[test]
    fn attendance_rate_is_attended_over_marks_or_null() {
        let facts = MonthlyFacts {
            sessions: vec![
                SessionFact {
                    held_on: day("2026-03-03"),
                    attended: 3,
                    marks: 4,
                },
                SessionFact {
                    held_on: day("2026-03-05"),
                    attended: 2,
                    marks: 4,
                },
                SessionFact {
                    held_on: day("2026-04-02"),
                    attended: 0,
                    marks: 0,
                },
            ],
            ..Default::default()
        };
        let r = run(&facts, "2026-03", "2026-05");
        assert_eq!(r[0].sessions_held, 2);
        assert_eq!(r[0].attendance_rate, Some(5.0 / 8.0));
        assert_eq!(r[1].sessions_held, 1);
        assert_eq!(r[1].attendance_rate, None);
        assert_eq!(r[2].sessions_held, 0);
    }

    #[test]
    fn the_current_month_counts_as_of_today() {
        let mut p = person(1, "2026-01-10");
        p.closures.push(Closure {
            closed_on: day("2026-03-25"),
            reopened_on: None,
        });
        let facts = MonthlyFacts {
            participants: vec![p],
            ..Default::default()
        };
        let r = monthly(
            &facts,
            month("2026-03"),
            month("2026-03"),
            day("2026-03-12"),
        );
        assert_eq!(r[0].in_follow_up, 1);
    }
}
