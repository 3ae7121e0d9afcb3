//! Planning from the database: reads courses' sessions, enrolments, rules and marks
//! (`read.rs`), asks the pure planner what the outbox should hold, and writes the difference
//! (`write.rs`).

use crate::error::{StoreError, StoreResult};
use crate::sql::Db;
use crate::sql::{query, query_scalar};
use chrono::{DateTime, Utc};
use domain::alerts::plan_leader_alerts;
use domain::messages::{MessageKind, MessageState};
use domain::reminders::{
    key_kind_and_channel, plan_course, reconcile, Change, CoursePlan, Existing, QuietHours, Told,
    ToldStarts,
};
use std::collections::HashSet;

/// What one planning run did, for logs and benchmarks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PlanStats {
    pub courses: usize,
    pub inserted: usize,
    pub moved: usize,
    pub cancelled: usize,
    pub skipped: usize,
}

impl PlanStats {
    fn add(&mut self, other: PlanStats) {
        self.courses += other.courses;
        self.inserted += other.inserted;
        self.moved += other.moved;
        self.cancelled += other.cancelled;
        self.skipped += other.skipped;
    }
}

/// Plans every course whose data changed since the last run (the triggers queue them).
pub async fn replan_queued(
    db: &Db,
    quiet: Option<QuietHours>,
    now: DateTime<Utc>,
) -> StoreResult<PlanStats> {
    let queued: Vec<i64> = query_scalar("SELECT course_id FROM replan_queue")
        .fetch_all(db)
        .await?;
    let mut stats = PlanStats::default();
    for course_id in queued {
        // Taken off the queue first: a change arriving while we plan queues it again. Only
        // the worker whose delete took the entry plans it: with several workers, each change
        // is planned once.
        let taken = query("DELETE FROM replan_queue WHERE course_id = $1")
            .bind(course_id)
            .execute(db)
            .await?;
        if taken == 1 {
            stats.add(replan_course(db, course_id, quiet, now).await?);
        }
    }
    Ok(stats)
}

/// Plans every course that still has sessions ahead (at start-up and now and then, so that
/// the passing of time is planned for too).
pub async fn replan_all(
    db: &Db,
    quiet: Option<QuietHours>,
    now: DateTime<Utc>,
) -> StoreResult<PlanStats> {
    // The queue is cleared first: this plan covers every change queued so far.
    query("DELETE FROM replan_queue").execute(db).await?;
    let courses: Vec<i64> = query_scalar(
        "SELECT DISTINCT course_id FROM sessions WHERE ends_at > $1 ORDER BY course_id",
    )
    .bind(now - chrono::Duration::days(3))
    .fetch_all(db)
    .await?;
    // Courses are read a group at a time (a few groups at once), in a task of their own,
    // while the writers write what was planned: several courses per transaction, so the
    // writes are not split into hundreds of small commits.
    let (planned, to_write) = tokio::sync::mpsc::channel::<PreparedCourse>(64);
    let reader = {
        let db = db.clone();
        tokio::spawn(async move {
            use futures_util::StreamExt;
            let groups: Vec<Vec<i64>> = courses
                .chunks(COURSES_PER_READ)
                .map(<[i64]>::to_vec)
                .collect();
            let mut reads = futures_util::stream::iter(groups)
                .map(|ids| {
                    let db = db.clone();
                    async move { read_courses(&db, &ids, now).await }
                })
                .buffer_unordered(PARALLEL_READS);
            while let Some(read) = reads.next().await {
                for course in read? {
                    if planned.send(prepare(course, quiet, now)).await.is_err() {
                        return Ok(());
                    }
                }
            }
            StoreResult::Ok(())
        })
    };
    // The writers: one on SQLite (one writer at a time anyway), several on PostgreSQL, where
    // checking each new row's references costs more than the rest of planning together.
    let to_write = tokio::sync::Mutex::new(to_write);
    let writers = (0..db.parallel_writes()).map(|_| write_planned(db, &to_write, now));
    let mut stats = PlanStats::default();
    for written in futures_util::future::join_all(writers).await {
        stats.add(written?);
    }
    reader
        .await
        .map_err(|e| StoreError::internal(format!("planning task failed: {e}")))??;
    Ok(stats)
}

/// Writes prepared courses as they come, several to a transaction, until none are left.
async fn write_planned(
    db: &Db,
    to_write: &tokio::sync::Mutex<tokio::sync::mpsc::Receiver<PreparedCourse>>,
    now: DateTime<Utc>,
) -> StoreResult<PlanStats> {
    let mut stats = PlanStats::default();
    loop {
        let batch = {
            let mut to_write = to_write.lock().await;
            let Some(first) = to_write.recv().await else {
                break;
            };
            let mut rows = first.changes.len();
            let mut batch = vec![first];
            while rows < ROWS_PER_COMMIT {
                match to_write.try_recv() {
                    Ok(next) => {
                        rows += next.changes.len();
                        batch.push(next);
                    }
                    Err(_) => break,
                }
            }
            batch
        };
        stats.add(write_courses(db, batch, now).await?);
    }
    Ok(stats)
}

/// Changes written per transaction, roughly (about 0.1 s of writing: web requests waiting
/// to write are not held up for long).
const ROWS_PER_COMMIT: usize = 10_000;

/// Courses read together (each table once for the group), and groups read at once.
const COURSES_PER_READ: usize = 25;
const PARALLEL_READS: usize = 2;

/// What went out about each session (outbox keys), and what each participant was last told
/// of it, by which message.
fn what_went_out(rows: &[OutboxRow]) -> (ToldStarts, HashSet<String>) {
    let mut sent: Vec<&OutboxRow> = rows
        .iter()
        .filter(|r| r.session_id.is_some() && matches!(r.state.as_str(), "sent" | "delivered"))
        .collect();
    // Oldest first, so the latest message is the one that stays in `told`.
    sent.sort_by_key(|r| (r.sent_at, r.id));
    let mut told = ToldStarts::new();
    let mut went_out = HashSet::new();
    for r in sent {
        went_out.insert(r.dedupe_key.clone());
        // Kind and channel come from the key: reading them as columns for every row of a
        // course costs a third more time when planning again with nothing changed.
        // What the guardian was sent is not what the participant was told.
        if let (Some(session_id), Some((kind, channel)), Some(starts_at)) = (
            r.session_id,
            key_kind_and_channel(&r.dedupe_key).filter(|(k, _)| !k.to_guardian()),
            r.session_starts_at,
        ) {
            let what = Told {
                starts_at,
                cancelled: kind == MessageKind::SessionCancelled,
                by_message: r.id,
            };
            told.insert((session_id, r.participant_id, channel), what);
        }
    }
    (told, went_out)
}

/// Brings one course's planned messages in line with its data.
pub async fn replan_course(
    db: &Db,
    course_id: i64,
    quiet: Option<QuietHours>,
    now: DateTime<Utc>,
) -> StoreResult<PlanStats> {
    let prepared = read_courses(db, &[course_id], now)
        .await?
        .into_iter()
        .map(|course| prepare(course, quiet, now))
        .collect();
    write_courses(db, prepared, now).await
}

/// A course's planned changes, worked out but not yet written.
struct PreparedCourse {
    course_id: i64,
    changes: Vec<Change>,
}

/// Works out what a course's outbox should hold and how that differs from what it holds.
fn prepare(course: CourseData, quiet: Option<QuietHours>, now: DateTime<Utc>) -> PreparedCourse {
    let (told, went_out) = what_went_out(&course.rows);
    let mut wanted = plan_course(&CoursePlan {
        course_id: course.course_id,
        time_zone: course.time_zone,
        sessions: &course.sessions,
        enrolments: &course.enrolments,
        rules: &course.rules,
        absences: &course.absences,
        declined: &course.declined,
        told: &told,
        went_out: &went_out,
        quiet_hours: quiet,
        guardian_reminders: course.guardian_reminders,
        now,
    });
    wanted.extend(plan_leader_alerts(course.course_id, &course.alert_subjects));
    let existing: Vec<Existing> = course
        .rows
        .into_iter()
        .map(|r| Existing {
            id: r.id,
            key: r.dedupe_key,
            state: MessageState::parse(&r.state).unwrap_or(MessageState::Sent),
            nominal_due: r.nominal_due_at,
            due: r.due_at,
            held: r.held,
        })
        .collect();
    PreparedCourse {
        course_id: course.course_id,
        changes: reconcile(&existing, &wanted),
    }
}

mod alerts;
mod read;
mod write;

use read::{read_courses, CourseData, OutboxRow};
use write::write_courses;
