//! Housekeeping on cron schedules from the configuration: purging old webhook payloads, and
//! the daily digest to leaders of tomorrow's sessions and open alerts (queued in the outbox
//! like every other message, so it shows in the ledger).

use super::Worker;
use crate::config::Config;
use chrono::{DateTime, Duration, Utc};
use store::sql::{query, query_as, query_scalar};

pub struct Schedules {
    jobs: Vec<(&'static str, croner::Cron)>,
}

impl Schedules {
    pub fn new(config: &Config) -> Self {
        Schedules {
            jobs: vec![
                ("purge", config.purge_schedule.clone()),
                ("digest", config.digest_schedule.clone()),
            ],
        }
    }

    /// Runs each job whose schedule had an occurrence since it last ran. The first time a
    /// job is seen it only notes the time, so a fresh start does not fire everything at once.
    pub async fn run_due(&mut self, worker: &Worker, now: DateTime<Utc>) {
        for (name, cron) in &self.jobs {
            let last: Option<DateTime<Utc>> =
                match query_scalar("SELECT last_run_at FROM housekeeping_runs WHERE name = $1")
                    .bind(*name)
                    .fetch_optional(&worker.pool)
                    .await
                {
                    Ok(v) => v,
                    Err(e) => {
                        tracing::error!("housekeeping: {e}");
                        continue;
                    }
                };
            let due = match last {
                None => false,
                Some(last) => cron
                    .find_next_occurrence(&last.with_timezone(&worker.config.time_zone), false)
                    .is_ok_and(|next| next.with_timezone(&Utc) <= now),
            };
            if due {
                let result = match *name {
                    "purge" => purge(worker, now).await,
                    _ => digest(worker, now).await,
                };
                match result {
                    Ok(n) => tracing::info!(job = name, count = n, "housekeeping ran"),
                    Err(e) => tracing::error!(job = name, "housekeeping failed: {e}"),
                }
            }
            if due || last.is_none() {
                let _ = query(
                    "INSERT INTO housekeeping_runs (name, last_run_at) VALUES ($1, $2)
                     ON CONFLICT(name) DO UPDATE SET last_run_at = excluded.last_run_at",
                )
                .bind(*name)
                .bind(now)
                .execute(&worker.pool)
                .await;
            }
        }
    }
}

/// Drops the payloads of webhook calls older than the retention; the keys stay, so a very
/// late replay still changes nothing.
pub async fn purge(worker: &Worker, now: DateTime<Utc>) -> Result<u64, sqlx::Error> {
    let cutoff = now - Duration::days(worker.config.payload_retention_days);
    query("UPDATE webhook_events SET payload = NULL WHERE payload IS NOT NULL AND received_at < $1")
        .bind(cutoff)
        .execute(&worker.pool)
        .await
}

/// One e-mail per leader with sessions tomorrow (in the course's time zone) or open alerts:
/// the sessions, and the open two-in-a-row absence alerts they should follow up (the same
/// list as on their overview).
pub async fn digest(worker: &Worker, now: DateTime<Utc>) -> Result<u64, sqlx::Error> {
    let tz = worker.config.time_zone;
    let tomorrow = now.with_timezone(&tz).date_naive() + Duration::days(1);
    let from = domain::schedule::local_instant(tz, tomorrow, chrono::NaiveTime::MIN);
    let to =
        domain::schedule::local_instant(tz, tomorrow + Duration::days(1), chrono::NaiveTime::MIN);
    let rows: Vec<(i64, String, String, DateTime<Utc>, String)> = query_as(
        "SELECT l.user_id, c.title, s.title, s.starts_at, COALESCE(s.location, c.location)
         FROM sessions s JOIN courses c ON c.id = s.course_id JOIN course_leaders l ON l.course_id = c.id
         WHERE s.status = 'scheduled' AND s.starts_at >= $1 AND s.starts_at < $2
         ORDER BY l.user_id, s.starts_at",
    )
    .bind(from)
    .bind(to)
    .fetch_all(&worker.pool)
    .await?;
    let mut sessions: std::collections::BTreeMap<i64, Vec<String>> = Default::default();
    for (user, course, session, starts, place) in rows {
        sessions.entry(user).or_default().push(format!(
            "- kl. {}: {session} ({course}), {place}",
            starts.with_timezone(&tz).format("%H:%M")
        ));
    }
    let leaders: Vec<i64> =
        query_scalar("SELECT DISTINCT user_id FROM course_leaders ORDER BY user_id")
            .fetch_all(&worker.pool)
            .await?;
    let mut queued = 0;
    for user in leaders {
        let alerts = open_alerts(worker, user, now).await;
        let lines = sessions.remove(&user).unwrap_or_default();
        if lines.is_empty() && alerts.is_empty() {
            continue;
        }
        let mut body = String::new();
        if !lines.is_empty() {
            body += &format!(
                "Morgendagens samlinger ({}):\n{}\n\n",
                tomorrow.format("%d.%m.%Y"),
                lines.join("\n")
            );
        }
        if !alerts.is_empty() {
            body += &format!(
                "Åpne varsler – to fravær på rad, ikke fulgt opp ennå:\n{}\n\n",
                alerts.join("\n")
            );
        }
        body += &format!(
            "Oppmøte og oppfølging finner du i Samling: {}/",
            worker.public_url.trim_end_matches('/')
        );
        let subject = match (lines.is_empty(), alerts.is_empty()) {
            (false, true) => "Samling: morgendagens samlinger",
            (true, false) => "Samling: åpne varsler",
            _ => "Samling: morgendagens samlinger og åpne varsler",
        };
        let key = format!("daily_digest:{tomorrow}:u{user}:digest:email");
        queued += query(
            "INSERT OR IGNORE INTO outbox (dedupe_key, kind, channel, user_id, rule_key, nominal_due_at, due_at, state,
                subject, body, created_at, updated_at)
             VALUES ($1, 'daily_digest', 'email', $2, 'digest', $3, $3, 'planned', $4, $5, $3, $3)",
        )
        .bind(key)
        .bind(user)
        .bind(now)
        .bind(subject)
        .bind(body)
        .execute(&worker.pool)
        .await?;
    }
    Ok(queued)
}

/// The open alerts a staff user would see on their overview, one line each.
async fn open_alerts(worker: &Worker, user: i64, now: DateTime<Utc>) -> Vec<String> {
    let result = async {
        let Some(staff) = store::auth::staff_by_id(&worker.pool, user).await? else {
            return Ok(Vec::new());
        };
        let staff = store::Actor::new(staff, store::Via::Worker);
        let open = store::followups::follow_ups(&worker.pool, &staff, now).await?;
        Ok::<_, app::error::AppError>(
            open.alerts
                .into_iter()
                .map(|a| {
                    format!(
                        "- {} ({}), sist samling {} {}",
                        domain::people::short_name(&a.participant_name),
                        a.course_title,
                        a.session_number,
                        app::app::display_date(&a.date)
                    )
                })
                .collect(),
        )
    }
    .await;
    result.unwrap_or_else(|e| {
        tracing::error!(user, "digest: cannot list open alerts: {e}");
        Vec::new()
    })
}
