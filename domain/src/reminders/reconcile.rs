//! Reconciliation: the changes that bring a course's outbox rows in line with what planning
//! wants, touching only planned rows (everything else is history).

use super::super::messages::{MessageKind, MessageState};
use super::{key_kind_and_channel, Outcome, Wanted};
use chrono::{DateTime, Utc};
use std::collections::{HashMap, HashSet};

/// An outbox row as planning sees it.
#[derive(Clone, Debug)]
pub struct Existing {
    pub id: i64,
    pub key: String,
    pub state: MessageState,
    pub nominal_due: DateTime<Utc>,
    pub due: DateTime<Utc>,
    /// Skipped because it was held back ([`Outcome::Held`]): planned again once it may go.
    pub held: bool,
}

/// How the outbox must change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    /// A new row: planned at `due`, or skipped with a reason.
    Insert { wanted: Wanted },
    /// A planned row whose time changed (moved session, rule change).
    Move {
        id: i64,
        nominal_due: DateTime<Utc>,
        due: DateTime<Utc>,
    },
    /// A cancelled (or skipped) row that is wanted again: planned anew.
    Revive {
        id: i64,
        nominal_due: DateTime<Utc>,
        due: DateTime<Utc>,
    },
    /// A planned row that must not go out.
    Cancel { id: i64, reason: String },
    /// A planned row whose new time is too late.
    Skip { id: i64, reason: String },
}

/// The changes that bring the outbox in line with what planning wants. Only planned rows
/// change; sent, failed, skipped, cancelled and uncertain rows are history and stay, so
/// running this twice changes nothing the second time. A planned row of this course that
/// planning no longer names at all (a rule removed) is cancelled.
pub fn reconcile(existing: &[Existing], wanted: &[Wanted]) -> Vec<Change> {
    let by_key: HashMap<&str, &Existing> = existing.iter().map(|e| (e.key.as_str(), e)).collect();
    let mut named = HashSet::new();
    let mut changes = Vec::new();
    for w in wanted {
        named.insert(w.key.as_str());
        match (by_key.get(w.key.as_str()), &w.outcome) {
            (None, Outcome::Send(_) | Outcome::Skip(_) | Outcome::Held(_)) => {
                changes.push(Change::Insert { wanted: w.clone() })
            }
            (None, Outcome::Cancel(_)) => {}
            // Wanted again after it was called off: a session restored, a participant
            // enrolled again, or (for a skipped one) a session moved to a later time.
            (Some(row), Outcome::Send(due))
                if row.state == MessageState::Cancelled
                    || (row.state == MessageState::Skipped
                        && (row.held || row.nominal_due != w.nominal_due)) =>
            {
                changes.push(Change::Revive {
                    id: row.id,
                    nominal_due: w.nominal_due,
                    due: *due,
                })
            }
            (Some(row), _) if row.state != MessageState::Planned => {}
            (Some(row), Outcome::Cancel(reason)) => changes.push(Change::Cancel {
                id: row.id,
                reason: reason.clone(),
            }),
            (Some(row), Outcome::Held(reason)) => changes.push(Change::Skip {
                id: row.id,
                reason: reason.clone(),
            }),
            (Some(row), _) if row.nominal_due == w.nominal_due => {}
            (Some(row), Outcome::Send(due)) => changes.push(Change::Move {
                id: row.id,
                nominal_due: w.nominal_due,
                due: *due,
            }),
            (Some(row), Outcome::Skip(reason)) => changes.push(Change::Skip {
                id: row.id,
                reason: reason.clone(),
            }),
        }
    }
    for row in existing {
        if row.state == MessageState::Planned && !named.contains(row.key.as_str()) {
            // Absence messages are named only while the mark stands.
            let reason = if row.key.starts_with(MessageKind::AbsenceFollowUp.code()) {
                "no longer marked absent"
            } else if row.key.starts_with(MessageKind::LeaderAlert.code()) {
                "the alert was followed up or cleared"
            } else if key_kind_and_channel(&row.key).is_some_and(|(k, _)| k.to_guardian()) {
                // Named only while the pupil has a guardian to copy and is under 18.
                "no copy to the guardian any more"
            } else if row.key.starts_with(MessageKind::SessionChanged.code())
                || row.key.starts_with(MessageKind::SessionCancelled.code())
            {
                "not needed any more: what they were told holds again"
            } else {
                "the reminder rule was removed"
            };
            changes.push(Change::Cancel {
                id: row.id,
                reason: reason.into(),
            });
        }
    }
    changes
}
