//! Planning from the database: loads a course's sessions, enrolments, rules and marks, asks
//! the pure planner what the outbox should hold, and applies the difference in one transaction.

use crate::error::{StoreError, StoreResult};
use crate::sql::Db;
use crate::sql::{query, query_as, query_scalar};
use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use domain::alerts::plan_leader_alerts;
use domain::consent::{adult_from, ConsentChannels};
use domain::messages::{Channel, MessageKind, MessageState};
use domain::reminders::{
    default_rules, key_kind_and_channel, plan_course, reconcile, Change, CoursePlan, Existing,
    PlanEnrolment, PlanSession, QuietHours, Reachability, ReminderRule, Told, ToldStarts,
};
use domain::schedule::SessionKind;
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
    // A few courses are read and planned at a time, in a task of their own, while this loop
    // writes what they planned: several courses per transaction, so the writes (which SQLite
    // does one at a time anyway) are not split into hundreds of small commits.
    let (planned, mut to_write) = tokio::sync::mpsc::channel::<PreparedCourse>(64);
    let reader = {
        let db = db.clone();
        tokio::spawn(async move {
            use futures_util::StreamExt;
            let mut runs = futures_util::stream::iter(courses)
                .map(|course_id| prepare_course(&db, course_id, quiet, now))
                .buffer_unordered(PARALLEL_COURSES);
            while let Some(result) = runs.next().await {
                match result {
                    Ok(prepared) => {
                        if planned.send(prepared).await.is_err() {
                            return Ok(());
                        }
                    }
                    Err(e) => return Err(e),
                }
            }
            Ok(())
        })
    };
    let mut stats = PlanStats::default();
    while let Some(first) = to_write.recv().await {
        let mut batch = vec![first];
        let mut rows = batch[0].changes.len();
        while rows < ROWS_PER_COMMIT {
            match to_write.try_recv() {
                Ok(next) => {
                    rows += next.changes.len();
                    batch.push(next);
                }
                Err(_) => break,
            }
        }
        stats.add(write_courses(db, batch, now).await?);
    }
    reader
        .await
        .map_err(|e| StoreError::internal(format!("planning task failed: {e}")))??;
    Ok(stats)
}

/// A course's outbox rows as planning sees them: everything but the kinds sent on request.
static PLANNED_ROWS: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    let on_request: String = MessageKind::ALL
        .iter()
        .filter(|k| k.on_request())
        .map(|k| format!(" AND kind <> '{}'", k.code()))
        .collect();
    format!(
        "SELECT id, dedupe_key, state, nominal_due_at, due_at, session_id, participant_id,
            session_starts_at, sent_at,
            state = 'skipped' AND reason LIKE '{HELD_FOR_CONSENT}%' AS held
         FROM outbox WHERE course_id = $1 AND participant_id IS NOT NULL{on_request}"
    )
});

/// Changes written per transaction, roughly (about 0.1 s of writing: web requests waiting
/// to write are not held up for long).
const ROWS_PER_COMMIT: usize = 10_000;

const PARALLEL_COURSES: usize = 4;

#[derive(sqlx::FromRow)]
struct CourseRow {
    programme_id: i64,
    time_zone: String,
    guardian_reminders: bool,
}

#[derive(sqlx::FromRow)]
struct SessionRow {
    id: i64,
    kind: String,
    status: String,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
}

#[derive(sqlx::FromRow)]
struct EnrolmentRow {
    participant_id: i64,
    status: String,
    enrolled_at: Option<DateTime<Utc>>,
    requested_at: DateTime<Utc>,
    phone: Option<String>,
    email: Option<String>,
    preferred_channel: String,
    #[sqlx(try_from = "domain::sql_text::DateText")]
    birth_date: Option<String>,
    opted_out: bool,
    consent_sms: bool,
    consent_email: bool,
    guardian_phone: Option<String>,
    guardian_email: Option<String>,
    guardian_opted_out: bool,
}

#[derive(sqlx::FromRow)]
struct OutboxRow {
    id: i64,
    dedupe_key: String,
    state: String,
    nominal_due_at: DateTime<Utc>,
    due_at: DateTime<Utc>,
    session_id: Option<i64>,
    participant_id: i64,
    /// The start a sent message told (kept since the outbox was rebuilt).
    session_starts_at: Option<DateTime<Utc>>,
    sent_at: Option<DateTime<Utc>>,
    /// Skipped for want of a guardian's consent: planned again when it comes.
    held: bool,
}

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

/// The rules that apply to a course: its own, else its programme's, else the defaults.
pub async fn rules_for(
    db: &Db,
    course_id: i64,
    programme_id: i64,
) -> StoreResult<Vec<ReminderRule>> {
    for (sql, id) in [
        (
            "SELECT channel, offset_minutes, min_lead_minutes FROM reminder_rules WHERE course_id = $1 ORDER BY offset_minutes DESC",
            course_id,
        ),
        (
            "SELECT channel, offset_minutes, min_lead_minutes FROM reminder_rules WHERE programme_id = $1 ORDER BY offset_minutes DESC",
            programme_id,
        ),
    ] {
        let rows: Vec<(String, i64, i64)> = query_as(sql).bind(id).fetch_all(db).await?;
        if !rows.is_empty() {
            return Ok(rows
                .into_iter()
                .filter_map(|(channel, offset_minutes, min_lead_minutes)| {
                    Some(ReminderRule {
                        channel: Channel::parse(&channel)?,
                        offset_minutes,
                        min_lead_minutes,
                    })
                })
                .collect());
        }
    }
    Ok(default_rules())
}

/// Brings one course's planned messages in line with its data.
pub async fn replan_course(
    db: &Db,
    course_id: i64,
    quiet: Option<QuietHours>,
    now: DateTime<Utc>,
) -> StoreResult<PlanStats> {
    let prepared = prepare_course(db, course_id, quiet, now).await?;
    write_courses(db, vec![prepared], now).await
}

/// A course's planned changes, read and worked out but not yet written.
struct PreparedCourse {
    course_id: i64,
    changes: Vec<Change>,
}

/// Reads what planning a course needs and works out the changes (no writes).
async fn prepare_course(
    db: &Db,
    course_id: i64,
    quiet: Option<QuietHours>,
    now: DateTime<Utc>,
) -> StoreResult<PreparedCourse> {
    let Some(course): Option<CourseRow> =
        query_as("SELECT programme_id, time_zone, guardian_reminders FROM courses WHERE id = $1")
            .bind(course_id)
            .fetch_optional(db)
            .await?
    else {
        return Ok(PreparedCourse {
            course_id,
            changes: Vec::new(),
        });
    };
    let tz: Tz = course.time_zone.parse().map_err(|_| {
        StoreError::internal(format!("course {course_id} has an unknown time zone"))
    })?;
    let sessions: Vec<PlanSession> = query_as::<SessionRow>(
        "SELECT id, kind, status, starts_at, ends_at FROM sessions WHERE course_id = $1 ORDER BY starts_at",
    )
    .bind(course_id)
    .fetch_all(db)
    .await?
    .into_iter()
    .map(|s| PlanSession {
        id: s.id,
        kind: SessionKind::parse(&s.kind).unwrap_or(SessionKind::Regular),
        cancelled: s.status == "cancelled",
        starts_at: s.starts_at,
        ends_at: s.ends_at,
    })
    .collect();
    let enrolments: Vec<PlanEnrolment> = query_as::<EnrolmentRow>(
        "SELECT e.participant_id, e.status, e.enrolled_at, e.requested_at,
                p.phone, p.email, p.preferred_channel, p.birth_date,
                p.sms_opted_out_at IS NOT NULL AS opted_out,
                COALESCE(k.sms, FALSE) AS consent_sms, COALESCE(k.email, FALSE) AS consent_email,
                p.guardian_phone, p.guardian_email,
                p.guardian_sms_opted_out_at IS NOT NULL AS guardian_opted_out
         FROM enrolments e JOIN participants p ON p.id = e.participant_id
         LEFT JOIN current_consents k ON k.participant_id = p.id
              AND k.decision = 'given' AND k.withdrawn_at IS NULL
         WHERE e.course_id = $1",
    )
    .bind(course_id)
    .fetch_all(db)
    .await?
    .into_iter()
    .map(|e| {
        let minor_until = e
            .birth_date
            .as_deref()
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
            .map(|d| adult_from(d, tz))
            .filter(|until| *until > now);
        let guardian_phone = e.guardian_phone.is_some_and(|p| !p.is_empty());
        let guardian_email = e.guardian_email.is_some_and(|m| !m.is_empty());
        PlanEnrolment {
            participant_id: e.participant_id,
            active: e.status == "enrolled",
            enrolled_at: e.enrolled_at.unwrap_or(e.requested_at),
            reach: Reachability {
                preferred: e.preferred_channel,
                has_phone: e.phone.is_some_and(|p| !p.is_empty()),
                has_email: e.email.is_some_and(|m| !m.is_empty()),
                sms_opted_out: e.opted_out,
                minor_until,
                consent: ConsentChannels {
                    sms: e.consent_sms,
                    email: e.consent_email,
                },
            },
            // Copies are planned only for pupils with a guardian to send them to.
            guardian_channel: match (minor_until, guardian_phone && !e.guardian_opted_out) {
                (None, _) => None,
                (Some(_), true) => Some(Channel::Sms),
                (Some(_), false) => guardian_email.then_some(Channel::Email),
            },
        }
    })
    .collect();
    let rules = rules_for(db, course_id, course.programme_id).await?;
    let absences: HashSet<(i64, i64)> = query_as::<(i64, i64)>(
        "SELECT a.session_id, a.participant_id FROM attendance a JOIN sessions s ON s.id = a.session_id
         WHERE s.course_id = $1 AND a.status = 'absent'",
    )
    .bind(course_id)
    .fetch_all(db)
    .await?
    .into_iter()
    .collect();
    // A reply "NEI" or an excused mark: they are not coming to that session.
    let declined: HashSet<(i64, i64)> = query_as::<(i64, i64)>(
        "SELECT c.session_id, c.participant_id FROM session_confirmations c JOIN sessions s ON s.id = c.session_id
         WHERE s.course_id = $1 AND c.answer = 'no'
         UNION SELECT a.session_id, a.participant_id FROM attendance a JOIN sessions s ON s.id = a.session_id
         WHERE s.course_id = $1 AND a.status = 'excused'",
    )
    .bind(course_id)
    .fetch_all(db)
    .await?
    .into_iter()
    .collect();
    // Sign-in links, consent requests and START answers are sent on request, not planned:
    // planning leaves them alone (see `MessageKind::on_request`).
    let rows: Vec<OutboxRow> = query_as(&PLANNED_ROWS)
        .bind(course_id)
        .fetch_all(db)
        .await?;
    let (told, went_out) = what_went_out(&rows);
    let mut wanted = plan_course(&CoursePlan {
        course_id,
        time_zone: tz,
        sessions: &sessions,
        enrolments: &enrolments,
        rules: &rules,
        absences: &absences,
        declined: &declined,
        told: &told,
        went_out: &went_out,
        quiet_hours: quiet,
        guardian_reminders: course.guardian_reminders,
        now,
    });
    wanted.extend(plan_leader_alerts(
        course_id,
        &alert_subjects(db, course_id, now).await?,
    ));
    let existing: Vec<Existing> = rows
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
    Ok(PreparedCourse {
        course_id,
        changes: reconcile(&existing, &wanted),
    })
}

mod alerts;
mod write;

use alerts::alert_subjects;
use domain::reminders::HELD_FOR_CONSENT;
use write::write_courses;
