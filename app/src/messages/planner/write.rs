//! Writing what planning worked out: new rows many to a statement, moved, revived, cancelled
//! and skipped rows, several courses to a transaction.

use super::{PlanStats, PreparedCourse};
use crate::db::Db;
use crate::error::AppResult;
use chrono::{DateTime, Utc};
use domain::messages::MessageState;
use domain::reminders::{Change, Outcome, HELD_FOR_CONSENT};

/// Writes the changes of one or more courses in one transaction.
pub(super) async fn write_courses(
    db: &Db,
    courses: Vec<PreparedCourse>,
    now: DateTime<Utc>,
) -> AppResult<PlanStats> {
    let mut stats = PlanStats {
        courses: courses.len(),
        ..Default::default()
    };
    if courses.iter().all(|c| c.changes.is_empty()) {
        return Ok(stats);
    }
    let mut tx = crate::db::write_tx(db).await?;
    for course in courses {
        write_changes(&mut tx, course, now, &mut stats).await?;
    }
    tx.commit().await?;
    Ok(stats)
}

async fn write_changes(
    tx: &mut sqlx::Transaction<'static, sqlx::Sqlite>,
    course: PreparedCourse,
    now: DateTime<Utc>,
    stats: &mut PlanStats,
) -> AppResult<()> {
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
                stats.moved += sqlx::query(
                    "UPDATE outbox SET nominal_due_at = ?, due_at = ?, updated_at = ? WHERE id = ? AND state = 'planned'",
                )
                .bind(nominal_due)
                .bind(due)
                .bind(now)
                .bind(id)
                .execute(&mut **tx)
                .await?
                .rows_affected() as usize;
            }
            Change::Revive {
                id,
                nominal_due,
                due,
            } => {
                stats.inserted += sqlx::query(
                    "UPDATE outbox SET state = 'planned', reason = NULL, nominal_due_at = ?, due_at = ?, updated_at = ?
                     WHERE id = ? AND state IN ('cancelled', 'skipped')",
                )
                .bind(nominal_due)
                .bind(due)
                .bind(now)
                .bind(id)
                .execute(&mut **tx)
                .await?
                .rows_affected() as usize;
            }
            Change::Cancel { id, reason } | Change::Skip { id, reason } => {
                let state = if reason_is_skip(&reason) {
                    MessageState::Skipped
                } else {
                    MessageState::Cancelled
                };
                let n = sqlx::query(
                    "UPDATE outbox SET state = ?, reason = ?, updated_at = ? WHERE id = ? AND state = 'planned'",
                )
                .bind(state.code())
                .bind(&reason)
                .bind(now)
                .bind(id)
                .execute(&mut **tx)
                .await?
                .rows_affected() as usize;
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
        let mut q = sqlx::QueryBuilder::<sqlx::Sqlite>::new(
            // OR IGNORE: a second planner racing on the same course inserts nothing twice.
            "INSERT OR IGNORE INTO outbox (dedupe_key, kind, channel, participant_id, user_id, course_id, session_id,
                rule_key, nominal_due_at, due_at, state, reason, created_at, updated_at) ",
        );
        q.push_values(chunk, |mut b, row| {
            b.push_bind(&row.wanted.key)
                .push_bind(row.wanted.kind.code())
                .push_bind(row.wanted.channel.code())
                .push_bind(row.wanted.participant_id)
                .push_bind(row.wanted.user_id)
                .push_bind(course_id)
                .push_bind(row.wanted.session_id)
                .push_bind(&row.wanted.rule_key)
                .push_bind(row.wanted.nominal_due)
                .push_bind(row.due)
                .push_bind(row.state.code())
                .push_bind(&row.reason)
                .push_bind(now)
                .push_bind(now);
        });
        let done = q.build().execute(&mut **tx).await?.rows_affected() as usize;
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

/// Rows per INSERT statement (14 values each, well under SQLite's limit of 32766).
const INSERT_CHUNK: usize = 500;

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
