//! Reading what planning needs for a group of courses at once: each table is read once per
//! group (`course_id IN (…)`) rather than once per course, because planning every course of
//! a large deployment spent more time on thousands of small round trips than in the queries.

use super::alerts::alert_subjects;
use crate::error::{StoreError, StoreResult};
use crate::sql::{placeholders, query_as, Db};
use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use domain::alerts::AlertSubject;
use domain::consent::{adult_from, ConsentChannels};
use domain::messages::{Channel, MessageKind};
use domain::reminders::{
    default_rules, PlanEnrolment, PlanSession, Reachability, ReminderRule, HELD_FOR_CONSENT,
};
use domain::schedule::SessionKind;
use std::collections::{HashMap, HashSet};

/// Everything planning reads about one course.
pub(super) struct CourseData {
    pub course_id: i64,
    pub time_zone: Tz,
    pub guardian_reminders: bool,
    pub sessions: Vec<PlanSession>,
    pub enrolments: Vec<PlanEnrolment>,
    pub rules: Vec<ReminderRule>,
    pub absences: HashSet<(i64, i64)>,
    pub declined: HashSet<(i64, i64)>,
    pub rows: Vec<OutboxRow>,
    pub alert_subjects: Vec<AlertSubject>,
}

#[derive(sqlx::FromRow)]
struct CourseRow {
    id: i64,
    programme_id: i64,
    time_zone: String,
    guardian_reminders: bool,
}

#[derive(sqlx::FromRow)]
struct SessionRow {
    course_id: i64,
    id: i64,
    kind: String,
    status: String,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
}

#[derive(sqlx::FromRow)]
struct EnrolmentRow {
    course_id: i64,
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
struct RuleRow {
    course_id: Option<i64>,
    programme_id: Option<i64>,
    channel: String,
    offset_minutes: i64,
    min_lead_minutes: i64,
}

/// A course's outbox row as planning sees it.
#[derive(sqlx::FromRow)]
pub(super) struct OutboxRow {
    pub course_id: i64,
    pub id: i64,
    pub dedupe_key: String,
    pub state: String,
    pub nominal_due_at: DateTime<Utc>,
    pub due_at: DateTime<Utc>,
    pub session_id: Option<i64>,
    pub participant_id: i64,
    /// The start a sent message told (kept since the outbox was rebuilt).
    pub session_starts_at: Option<DateTime<Utc>>,
    pub sent_at: Option<DateTime<Utc>>,
    /// Skipped for want of a guardian's consent: planned again when it comes.
    pub held: bool,
}

/// Reads the courses among `ids` that exist (a deleted one is left out).
pub(super) async fn read_courses(
    db: &Db,
    ids: &[i64],
    now: DateTime<Utc>,
) -> StoreResult<Vec<CourseData>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let list = placeholders(1, ids.len());
    let courses: Vec<CourseRow> = fetch(
        db,
        &format!(
            "SELECT id, programme_id, time_zone, guardian_reminders FROM courses WHERE id IN ({list})"
        ),
        ids,
    )
    .await?;
    let mut sessions: HashMap<i64, Vec<PlanSession>> = HashMap::new();
    for s in fetch::<SessionRow>(
        db,
        &format!(
            "SELECT course_id, id, kind, status, starts_at, ends_at FROM sessions
             WHERE course_id IN ({list}) ORDER BY course_id, starts_at"
        ),
        ids,
    )
    .await?
    {
        sessions.entry(s.course_id).or_default().push(PlanSession {
            id: s.id,
            kind: SessionKind::parse(&s.kind).unwrap_or(SessionKind::Regular),
            cancelled: s.status == "cancelled",
            starts_at: s.starts_at,
            ends_at: s.ends_at,
        });
    }
    let enrolment_rows: Vec<EnrolmentRow> = fetch(
        db,
        &format!(
            "SELECT e.course_id, e.participant_id, e.status, e.enrolled_at, e.requested_at,
                p.phone, p.email, p.preferred_channel, p.birth_date,
                p.sms_opted_out_at IS NOT NULL AS opted_out,
                COALESCE(k.sms, FALSE) AS consent_sms, COALESCE(k.email, FALSE) AS consent_email,
                p.guardian_phone, p.guardian_email,
                p.guardian_sms_opted_out_at IS NOT NULL AS guardian_opted_out
             FROM enrolments e JOIN participants p ON p.id = e.participant_id
             LEFT JOIN current_consents k ON k.participant_id = p.id
                  AND k.decision = 'given' AND k.withdrawn_at IS NULL
             WHERE e.course_id IN ({list}) AND p.erased_at IS NULL"
        ),
        ids,
    )
    .await?;
    let programmes: Vec<i64> = courses.iter().map(|c| c.programme_id).collect();
    let rules = rules_of(db, ids, &programmes).await?;
    let absences = pairs_by_course(
        db,
        &format!(
            "SELECT s.course_id, a.session_id, a.participant_id FROM attendance a
             JOIN sessions s ON s.id = a.session_id
             WHERE s.course_id IN ({list}) AND a.status = 'absent'"
        ),
        ids,
    )
    .await?;
    // A reply "NEI" or an excused mark: they are not coming to that session.
    let declined = pairs_by_course(
        db,
        &format!(
            "SELECT s.course_id, c.session_id, c.participant_id FROM session_confirmations c
             JOIN sessions s ON s.id = c.session_id WHERE s.course_id IN ({list}) AND c.answer = 'no'
             UNION SELECT s.course_id, a.session_id, a.participant_id FROM attendance a
             JOIN sessions s ON s.id = a.session_id
             WHERE s.course_id IN ({list}) AND a.status = 'excused'"
        ),
        ids,
    )
    .await?;
    let mut rows: HashMap<i64, Vec<OutboxRow>> = HashMap::new();
    for row in fetch::<OutboxRow>(db, &planned_rows(&list), ids).await? {
        rows.entry(row.course_id).or_default().push(row);
    }
    let mut alerts = alert_subjects(db, ids, now).await?;

    let mut enrolments: HashMap<i64, Vec<EnrolmentRow>> = HashMap::new();
    for e in enrolment_rows {
        enrolments.entry(e.course_id).or_default().push(e);
    }
    let mut read = Vec::with_capacity(courses.len());
    for course in courses {
        let id = course.id;
        let time_zone: Tz = course
            .time_zone
            .parse()
            .map_err(|_| StoreError::internal(format!("course {id} has an unknown time zone")))?;
        read.push(CourseData {
            course_id: id,
            time_zone,
            guardian_reminders: course.guardian_reminders,
            sessions: sessions.remove(&id).unwrap_or_default(),
            enrolments: enrolments
                .remove(&id)
                .unwrap_or_default()
                .into_iter()
                .map(|e| plan_enrolment(e, time_zone, now))
                .collect(),
            rules: rules.for_course(id, course.programme_id),
            absences: absences.get(&id).cloned().unwrap_or_default(),
            declined: declined.get(&id).cloned().unwrap_or_default(),
            rows: rows.remove(&id).unwrap_or_default(),
            alert_subjects: alerts.remove(&id).unwrap_or_default(),
        });
    }
    Ok(read)
}

/// Runs a query whose only parameters are the course ids.
async fn fetch<T: crate::sql::Record>(db: &Db, sql: &str, ids: &[i64]) -> StoreResult<Vec<T>> {
    let mut q = query_as::<T>(sql);
    for id in ids {
        q = q.bind(id);
    }
    Ok(q.fetch_all(db).await?)
}

/// (session, participant) pairs by course, from rows of (course, session, participant).
async fn pairs_by_course(
    db: &Db,
    sql: &str,
    ids: &[i64],
) -> StoreResult<HashMap<i64, HashSet<(i64, i64)>>> {
    let mut by_course: HashMap<i64, HashSet<(i64, i64)>> = HashMap::new();
    for (course, session, participant) in fetch::<(i64, i64, i64)>(db, sql, ids).await? {
        by_course
            .entry(course)
            .or_default()
            .insert((session, participant));
    }
    Ok(by_course)
}

/// The outbox rows of the listed courses that planning owns: everything but the kinds sent
/// on request (sign-in links, consent requests, START answers), which planning leaves alone.
fn planned_rows(list: &str) -> String {
    let on_request: String = MessageKind::ALL
        .iter()
        .filter(|k| k.on_request())
        .map(|k| format!(" AND kind <> '{}'", k.code()))
        .collect();
    format!(
        "SELECT course_id, id, dedupe_key, state, nominal_due_at, due_at, session_id, participant_id,
            session_starts_at, sent_at,
            state = 'skipped' AND reason LIKE '{HELD_FOR_CONSENT}%' AS held
         FROM outbox WHERE course_id IN ({list}) AND participant_id IS NOT NULL{on_request}"
    )
}

/// How planning sees an enrolment: whether it is active, and how its participant (and, for a
/// minor, the guardian) can be reached.
fn plan_enrolment(e: EnrolmentRow, tz: Tz, now: DateTime<Utc>) -> PlanEnrolment {
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
}

/// The reminder rules of some courses and of their programmes.
struct Rules {
    rows: Vec<RuleRow>,
}

impl Rules {
    /// A course's own rules, else its programme's, else the defaults.
    fn for_course(&self, course_id: i64, programme_id: i64) -> Vec<ReminderRule> {
        let of = |wanted: &dyn Fn(&RuleRow) -> bool| -> Vec<ReminderRule> {
            self.rows
                .iter()
                .filter(|r| wanted(r))
                .filter_map(|r| {
                    Some(ReminderRule {
                        channel: Channel::parse(&r.channel)?,
                        offset_minutes: r.offset_minutes,
                        min_lead_minutes: r.min_lead_minutes,
                    })
                })
                .collect()
        };
        let own = of(&|r| r.course_id == Some(course_id));
        if !own.is_empty() {
            return own;
        }
        let programme = of(&|r| r.programme_id == Some(programme_id));
        if !programme.is_empty() {
            return programme;
        }
        default_rules()
    }
}

async fn rules_of(db: &Db, courses: &[i64], programmes: &[i64]) -> StoreResult<Rules> {
    let sql = format!(
        "SELECT course_id, programme_id, channel, offset_minutes, min_lead_minutes FROM reminder_rules
         WHERE course_id IN ({}) OR programme_id IN ({}) ORDER BY offset_minutes DESC",
        placeholders(1, courses.len()),
        placeholders(courses.len() + 1, programmes.len().max(1)),
    );
    let mut q = query_as::<RuleRow>(&sql);
    for id in courses {
        q = q.bind(id);
    }
    // An empty IN list is not SQL: no programme is id 0.
    if programmes.is_empty() {
        q = q.bind(0_i64);
    }
    for id in programmes {
        q = q.bind(id);
    }
    Ok(Rules {
        rows: q.fetch_all(db).await?,
    })
}
