//! The steering group's reports: month by month (and accumulated) over a set of participants,
//! and one course's attendance, completion and outcomes. Pure: the store gathers the facts as
//! local dates and these modules count them.

pub mod course;
pub mod monthly;
pub mod months;

use crate::outcomes::OutcomeStatus;
use serde::{Deserialize, Serialize};

/// A count per outcome status, in the order of `OutcomeStatus::ALL`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutcomeCounts {
    pub work: i64,
    pub education: i64,
    pub work_training: i64,
    pub course: i64,
    pub benefits: i64,
    pub moved: i64,
    pub other: i64,
    pub unknown: i64,
}

impl OutcomeCounts {
    fn slot(&mut self, status: OutcomeStatus) -> &mut i64 {
        match status {
            OutcomeStatus::Work => &mut self.work,
            OutcomeStatus::Education => &mut self.education,
            OutcomeStatus::WorkTraining => &mut self.work_training,
            OutcomeStatus::Course => &mut self.course,
            OutcomeStatus::Benefits => &mut self.benefits,
            OutcomeStatus::Moved => &mut self.moved,
            OutcomeStatus::Other => &mut self.other,
            OutcomeStatus::Unknown => &mut self.unknown,
        }
    }

    pub fn add(&mut self, status: OutcomeStatus) {
        *self.slot(status) += 1;
    }

    pub fn get(&self, status: OutcomeStatus) -> i64 {
        let mut copy = *self;
        *copy.slot(status)
    }

    /// Adds another set of counts to these (the accumulated figures).
    pub fn plus(&self, other: &OutcomeCounts) -> OutcomeCounts {
        let mut sum = *self;
        for &s in OutcomeStatus::ALL {
            *sum.slot(s) += other.get(s);
        }
        sum
    }

    /// Work, education, work training and course together.
    pub fn moved_on(&self) -> i64 {
        OutcomeStatus::ALL
            .iter()
            .filter(|s| s.is_moved_on())
            .map(|&s| self.get(s))
            .sum()
    }

    pub fn total(&self) -> i64 {
        OutcomeStatus::ALL.iter().map(|&s| self.get(s)).sum()
    }
}

/// Present-or-late over marks, or `None` when there is nothing to divide by.
pub fn rate(attended: i64, of: i64) -> Option<f64> {
    (of > 0).then(|| attended as f64 / of as f64)
}

/// What a report covers within the caller's own scope: one programme, course or school, or
/// all of them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportFilter {
    #[serde(default)]
    pub programme_id: Option<i64>,
    #[serde(default)]
    pub course_id: Option<i64>,
    #[serde(default)]
    pub school_id: Option<i64>,
}

/// The monthly report with what it covers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MonthlyReport {
    pub from: months::YearMonth,
    pub to: months::YearMonth,
    pub filter: ReportFilter,
    pub months: Vec<monthly::MonthFigures>,
}

/// The longest period one monthly report covers (ten years).
pub const MAX_MONTHS: i64 = 120;
