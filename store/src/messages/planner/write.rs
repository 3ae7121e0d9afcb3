//! Writing what planning worked out: new rows many to a statement, moved, revived, cancelled
//! and skipped rows, several courses to a transaction.

use super::{PlanStats, PreparedCourse};
use crate::error::StoreResult;
use crate::outbox::{self, PlannedRow};
use crate::sql::{Db, Tx};
use chrono::{DateTime, Utc};
use domain::messages::MessageState;
use domain::reminders::{Change, Outcome, HELD_FOR_CONSENT};

/// Writes the changes of one or more courses in one transaction. Planning of other courses
/// may write beside it on PostgreSQL; the same course is written by one planner at a time.
pub(super) async fn write_courses(
    db: &Db,
    courses: Vec<PreparedCourse>,
    now: DateTime<Utc>,
) -> StoreResult<PlanStats> {
    let mut stats = PlanStats {
        courses: courses.len(),
        ..Default::default()
    };
    if courses.iter().all(|c| c.changes.is_empty()) {
        return Ok(stats);
    }
    // Courses in ascending order, as their locks are taken (see `Db::begin_keyed_write`).
    let mut courses = courses;
    courses.sort_by_key(|c| c.course_id);
    let ids: Vec<i64> = courses.iter().map(|c| c.course_id).collect();
    let mut tx = db.begin_keyed_write(&ids).await?;
    for course in courses {
        write_changes(&mut tx, course, now, &mut stats).await?;
    }
    tx.commit().await?;
    Ok(stats)
}

async fn write_changes(
    tx: &mut Tx,
    course: PreparedCourse,
    now: DateTime<Utc>,
    stats: &mut PlanStats,
) -> StoreResult<()> {
    let course_id = course.course_id;
    let changes = course.changes;
    let mut inserts = Vec::new();
    for change in changes {
        match change {
            Change::Insert { wanted } => {
                let (state, due, reason) = match &wanted.outcome {
                    Outcome::Send(due) => (MessageState::Planned, *due, None),
                    Outcome::Skip(reason) | Outcome::Held(reason) => (
                        MessageState::Skipped,
                        wanted.nominal_due,
                        Some(reason.clone()),
                    ),
                    Outcome::Cancel(_) => continue,
                };
                inserts.push(NewRow {
                    wanted,
                    state,
                    due,
                    reason,
                });
            }
            Change::Move {
                id,
                nominal_due,
                due,
            } => {
                stats.moved += outbox::reschedule(tx, id, nominal_due, due, now).await? as usize;
            }
            Change::Revive {
                id,
                nominal_due,
                due,
            } => {
                stats.inserted += outbox::revive(tx, id, nominal_due, due, now).await? as usize;
            }
            Change::Cancel { id, reason } | Change::Skip { id, reason } => {
                let state = if reason_is_skip(&reason) {
                    MessageState::Skipped
                } else {
                    MessageState::Cancelled
                };
                let n = outbox::withdraw(tx, id, state, &reason, now).await? as usize;
                if state == MessageState::Skipped {
                    stats.skipped += n;
                } else {
                    stats.cancelled += n;
                }
            }
        }
    }
    // Planned and skipped rows go in separately so that each count is exact (a row another
    // planner inserted first counts as neither).
    for (state, count) in [
        (MessageState::Planned, &mut stats.inserted),
        (MessageState::Skipped, &mut stats.skipped),
    ] {
        let rows: Vec<PlannedRow> = inserts
            .iter()
            .filter(|r| r.state == state)
            .map(|r| PlannedRow {
                dedupe_key: &r.wanted.key,
                kind: r.wanted.kind,
                channel: r.wanted.channel,
                participant_id: Some(r.wanted.participant_id),
                user_id: r.wanted.user_id,
                session_id: r.wanted.session_id,
                rule_key: &r.wanted.rule_key,
                nominal_due: r.wanted.nominal_due,
                due: r.due,
                state,
                reason: r.reason.as_deref(),
            })
            .collect();
        *count += outbox::plan(tx, course_id, &rows, now).await? as usize;
    }
    Ok(())
}

struct NewRow {
    wanted: domain::reminders::Wanted,
    state: MessageState,
    due: DateTime<Utc>,
    reason: Option<String>,
}

/// Skipped: the message was wanted but its time was no use; cancelled: no longer wanted.
fn reason_is_skip(reason: &str) -> bool {
    reason.starts_with("too late")
        || reason.starts_with("a later reminder")
        || reason.starts_with(HELD_FOR_CONSENT)
}
