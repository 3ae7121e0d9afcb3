//! Writing what planning worked out: new rows many to a statement, moved, revived, cancelled
//! and skipped rows, several courses to a transaction.

use super::{PlanStats, PreparedCourse};
use crate::error::StoreResult;
use crate::sql::{placeholders, query, Db, Tx};
use chrono::{DateTime, Utc};
use domain::messages::MessageState;
use domain::reminders::{Change, Outcome, HELD_FOR_CONSENT};

/// Writes the changes of one or more courses in one transaction.
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
    let mut tx = db.begin_write().await?;
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
                stats.moved += query(
                    "UPDATE outbox SET nominal_due_at = $1, due_at = $2, updated_at = $3 WHERE id = $4 AND state = 'planned'",
                )
                .bind(nominal_due)
                .bind(due)
                .bind(now)
                .bind(id)
                .execute(&mut *tx)
                .await? as usize;
            }
            Change::Revive {
                id,
                nominal_due,
                due,
            } => {
                stats.inserted += query(
                    "UPDATE outbox SET state = 'planned', reason = NULL, nominal_due_at = $1, due_at = $2, updated_at = $3
                     WHERE id = $4 AND state IN ('cancelled', 'skipped')",
                )
                .bind(nominal_due)
                .bind(due)
                .bind(now)
                .bind(id)
                .execute(&mut *tx)
                .await? as usize;
            }
            Change::Cancel { id, reason } | Change::Skip { id, reason } => {
                let state = if reason_is_skip(&reason) {
                    MessageState::Skipped
                } else {
                    MessageState::Cancelled
                };
                let n = query(
                    "UPDATE outbox SET state = $1, reason = $2, updated_at = $3 WHERE id = $4 AND state = 'planned'",
                )
                .bind(state.code())
                .bind(&reason)
                .bind(now)
                .bind(id)
                .execute(&mut *tx)
                .await? as usize;
                if state == MessageState::Skipped {
                    stats.skipped += n;
                } else {
                    stats.cancelled += n;
                }
            }
        }
    }
    // Many rows per statement: a new course plans hundreds of messages at once.
    for chunk in inserts.chunks(INSERT_CHUNK) {
        // ON CONFLICT DO NOTHING: a second planner racing on the same course inserts nothing twice.
        let values: Vec<String> = (0..chunk.len())
            .map(|i| format!("({})", placeholders(i * INSERT_COLUMNS + 1, INSERT_COLUMNS)))
            .collect();
        let sql = format!(
            "INSERT INTO outbox (dedupe_key, kind, channel, participant_id, user_id, course_id, session_id,
                rule_key, nominal_due_at, due_at, state, reason, created_at, updated_at)
             VALUES {} ON CONFLICT DO NOTHING",
            values.join(", ")
        );
        let mut q = query(&sql);
        for row in chunk {
            q = q
                .bind(&row.wanted.key)
                .bind(row.wanted.kind.code())
                .bind(row.wanted.channel.code())
                .bind(row.wanted.participant_id)
                .bind(row.wanted.user_id)
                .bind(course_id)
                .bind(row.wanted.session_id)
                .bind(&row.wanted.rule_key)
                .bind(row.wanted.nominal_due)
                .bind(row.due)
                .bind(row.state.code())
                .bind(&row.reason)
                .bind(now)
                .bind(now);
        }
        let done = q.execute(&mut *tx).await? as usize;
        let skipped = chunk
            .iter()
            .filter(|r| r.state == MessageState::Skipped)
            .count();
        // Rows another planner inserted first count as neither.
        stats.skipped += skipped.min(done);
        stats.inserted += done.saturating_sub(skipped);
    }
    Ok(())
}

/// Rows per INSERT statement: 500 × 14 values, well under SQLite's limit of 32766
/// parameters (PostgreSQL allows 65535).
const INSERT_CHUNK: usize = 500;
const INSERT_COLUMNS: usize = 14;

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
