//! Gathers the monthly report's facts within the caller's scope, as local days in the
//! organisation's time zone, and counts them with `domain::reports::monthly`.

use super::Scope;
use crate::actor::Actor;
use crate::error::{StoreError, StoreResult};
use crate::sql::{query_as, Db};
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;
use domain::outcomes::OutcomeStatus;
use domain::problem::Code;
use domain::reports::monthly::{
    monthly, Closure, MonthlyFacts, OutcomeFact, ParticipantFacts, SessionFact,
};
use domain::reports::months::{local_day, YearMonth};
use domain::reports::{MonthlyReport, ReportFilter, MAX_MONTHS};
use std::collections::HashMap;

/// Messages that go to the participant themselves (a guardian's copy failing says nothing
/// about reaching the young person).
const TO_PARTICIPANT: &str =
    "o.kind IN ('session_reminder', 'follow_up_invitation', 'absence_follow_up',
    'welcome', 'magic_link', 'session_changed', 'session_cancelled', 'sms_resumed')";

/// Midnight starting `day` in the time zone, as an instant.
fn start_of(day: NaiveDate, tz: Tz) -> DateTime<Utc> {
    let midnight = day.and_hms_opt(0, 0, 0).expect("midnight exists");
    tz.from_local_datetime(&midnight)
        .earliest()
        .unwrap_or_else(|| Utc.from_utc_datetime(&midnight).with_timezone(&tz))
        .with_timezone(&Utc)
}

/// Checks the period: `from` not after `to`, not before 2000, not past this month (`today`'s),
/// at most ten years.
pub fn check_period(from: YearMonth, to: YearMonth, today: NaiveDate) -> StoreResult<()> {
    if to > YearMonth::of(today) {
        return Err(StoreError::invalid("to", Code::ReportEndsThisMonth));
    }
    if from < YearMonth::earliest() {
        return Err(StoreError::invalid("from", Code::ReportFrom2000));
    }
    if to < from {
        return Err(StoreError::invalid("to", Code::LastMonthBeforeFirst));
    }
    if from.count_through(to) > MAX_MONTHS {
        return Err(StoreError::invalid(
            "to",
            Code::ReportTooLong.with("months", MAX_MONTHS),
        ));
    }
    Ok(())
}

/// The report for `from..=to` as the actor may see it.
pub async fn monthly_report(
    db: &Db,
    actor: &Actor,
    from: YearMonth,
    to: YearMonth,
    filter: ReportFilter,
    tz: Tz,
    now: DateTime<Utc>,
) -> StoreResult<MonthlyReport> {
    check_period(from, to, local_day(now, tz))?;
    let facts = gather(db, actor, &filter, from, to, tz, now).await?;
    Ok(MonthlyReport {
        from,
        to,
        filter,
        months: monthly(&facts, from, to, local_day(now, tz)),
    })
}

async fn gather(
    db: &Db,
    actor: &Actor,
    filter: &ReportFilter,
    from: YearMonth,
    to: YearMonth,
    tz: Tz,
    now: DateTime<Utc>,
) -> StoreResult<MonthlyFacts> {
    // Every query binds the scope's values first, then its own.
    let scope = Scope::new(actor, filter);
    let own = scope.binds.len() + 1;
    let p_cond = &scope.participants;
    let (first_day, last_day) = (from.first_day(), to.last_day());
    let (begins, ends) = (start_of(first_day, tz), start_of(to.next().first_day(), tz));

    let sql = format!(
        "SELECT p.id, p.created_at FROM participants p WHERE {p_cond} AND p.created_at < ${own}"
    );
    let q = scope.query_as::<(i64, DateTime<Utc>)>(&sql);
    let people = q.bind(ends).fetch_all(db).await?;

    let sql = format!(
        "SELECT f.participant_id, f.closed_on, f.reopened_on FROM followup_closures f
         JOIN participants p ON p.id = f.participant_id WHERE {p_cond}"
    );
    let q = scope.query_as::<(i64, NaiveDate, Option<NaiveDate>)>(&sql);
    let mut closures: HashMap<i64, Vec<Closure>> = HashMap::new();
    for (p, closed_on, reopened_on) in q.fetch_all(db).await? {
        closures.entry(p).or_default().push(Closure {
            closed_on,
            reopened_on,
        });
    }

    let sql = format!(
        "SELECT o.participant_id, o.id, o.date, o.status FROM outcomes o
         JOIN participants p ON p.id = o.participant_id WHERE {p_cond} AND o.date <= ${own}"
    );
    let q = scope.query_as::<(i64, i64, NaiveDate, String)>(&sql);
    let outcomes = q
        .bind(last_day)
        .fetch_all(db)
        .await?
        .into_iter()
        .filter_map(|(participant_id, id, date, status)| {
            Some(OutcomeFact {
                participant_id,
                id,
                date,
                status: OutcomeStatus::parse(&status)?,
            })
        })
        .collect();

    // Held sessions of the courses in scope, with the marks of the participants in scope.
    let c_cond = &scope.courses;
    let sql = format!(
        "SELECT s.starts_at,
                CAST(COALESCE(SUM(CASE WHEN a.status = 'present' OR a.status = 'late' THEN 1 ELSE 0 END), 0) AS BIGINT),
                COUNT(a.participant_id)
         FROM sessions s JOIN courses c ON c.id = s.course_id
         LEFT JOIN attendance a ON a.session_id = s.id
              AND EXISTS (SELECT 1 FROM participants p WHERE p.id = a.participant_id AND {p_cond})
         WHERE {c_cond} AND s.status = 'scheduled'
           AND s.starts_at >= ${own} AND s.starts_at < ${} AND s.starts_at <= ${}
         GROUP BY s.id, s.starts_at",
        own + 1,
        own + 2
    );
    let q = scope.query_as::<(DateTime<Utc>, i64, i64)>(&sql);
    let sessions = q
        .bind(begins)
        .bind(ends)
        .bind(now)
        .fetch_all(db)
        .await?
        .into_iter()
        .map(|(starts_at, attended, marks)| SessionFact {
            held_on: local_day(starts_at, tz),
            attended,
            marks,
        })
        .collect();

    // Attempts: recorded ones (a reached one is also a sign of contact) and failed messages.
    let sql = format!(
        "SELECT ca.participant_id, ca.date, ca.reached FROM contact_attempts ca
         JOIN participants p ON p.id = ca.participant_id
         WHERE {p_cond} AND ca.date >= ${own} AND ca.date <= ${}",
        own + 1
    );
    let q = scope.query_as::<(i64, NaiveDate, bool)>(&sql);
    let mut attempts = Vec::new();
    let mut contacts = Vec::new();
    for (p, day, reached) in q.bind(first_day).bind(last_day).fetch_all(db).await? {
        attempts.push((p, day));
        if reached {
            contacts.push((p, day));
        }
    }
    let sql = format!(
        "SELECT o.participant_id, o.updated_at FROM outbox o JOIN participants p ON p.id = o.participant_id
         WHERE {p_cond} AND o.state = 'failed' AND {TO_PARTICIPANT}
           AND o.updated_at >= ${own} AND o.updated_at < ${}",
        own + 1
    );
    let q = scope.query_as::<(i64, DateTime<Utc>)>(&sql);
    for (p, at) in q.bind(begins).bind(ends).fetch_all(db).await? {
        attempts.push((p, local_day(at, tz)));
    }

    // Signs of contact, only for those someone tried to reach.
    let sql = format!(
        "SELECT x.participant_id, x.at FROM (
            SELECT a.participant_id, s.starts_at AS at FROM attendance a JOIN sessions s ON s.id = a.session_id
             WHERE a.status = 'present' OR a.status = 'late'
            UNION ALL SELECT i.participant_id, i.received_at FROM inbox i WHERE i.participant_id IS NOT NULL
            UNION ALL SELECT ps.participant_id, ps.created_at FROM participant_sessions ps
            UNION ALL SELECT sc.participant_id, sc.at FROM session_confirmations sc
         ) x
         WHERE x.at >= $1 AND x.at < $2 AND x.participant_id IN (
            SELECT ca.participant_id FROM contact_attempts ca WHERE ca.date >= $3 AND ca.date <= $4
            UNION SELECT o.participant_id FROM outbox o
             WHERE o.state = 'failed' AND o.updated_at >= $1 AND o.updated_at < $2 AND {TO_PARTICIPANT})"
    );
    for (p, at) in query_as::<(i64, DateTime<Utc>)>(&sql)
        .bind(begins)
        .bind(ends)
        .bind(first_day)
        .bind(last_day)
        .fetch_all(db)
        .await?
    {
        contacts.push((p, local_day(at, tz)));
    }

    let participants = people
        .into_iter()
        .map(|(id, created_at)| ParticipantFacts {
            id,
            registered_on: local_day(created_at, tz),
            closures: closures.remove(&id).unwrap_or_default(),
        })
        .collect();
    Ok(MonthlyFacts {
        participants,
        outcomes,
        sessions,
        attempts,
        contacts,
    })
}
