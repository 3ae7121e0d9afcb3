//! Housekeeping on cron schedules from the configuration: purging old webhook payloads, the
//! scheduled backup, retention (erasing participants, forgetting old message texts), and
//! the daily digest to leaders of tomorrow's sessions and open alerts (queued in the outbox
//! like every other message, so it shows in the ledger).

use super::Worker;
use crate::config::Config;
use chrono::{DateTime, Duration, Utc};
use domain::messages::{Channel, MessageKind};

pub struct Schedules {
    jobs: Vec<(&'static str, croner::Cron)>,
}

impl Schedules {
    pub fn new(config: &Config) -> Self {
        let mut jobs = vec![
            ("purge", config.purge_schedule.clone()),
            ("digest", config.digest_schedule.clone()),
            ("retention", config.retention_schedule.clone()),
        ];
        if let Some(backup) = &config.backup {
            jobs.push(("backup", backup.schedule.clone()));
        }
        Schedules { jobs }
    }

    /// Runs each job whose schedule had an occurrence since it last ran. The first time a
    /// job is seen it only notes the time, so a fresh start does not fire everything at once.
    pub async fn run_due(&mut self, worker: &Worker, now: DateTime<Utc>) {
        for (name, cron) in &self.jobs {
            let last = match store::housekeeping::last_run(&worker.pool, name).await {
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
            if !due && last.is_some() {
                continue;
            }
            // With several instances, the one that moves the time on runs the job.
            match store::housekeeping::take_run(&worker.pool, name, last, now).await {
                Ok(true) => {}
                Ok(false) => continue,
                Err(e) => {
                    tracing::error!("housekeeping: {e}");
                    continue;
                }
            }
            if due {
                let result = match *name {
                    "purge" => purge(worker, now).await,
                    "backup" => backup(worker, now).await,
                    "retention" => retention(worker, now).await,
                    _ => digest(worker, now).await,
                };
                match result {
                    Ok(n) => tracing::info!(job = name, count = n, "housekeeping ran"),
                    Err(e) => tracing::error!(job = name, "housekeeping failed: {e}"),
                }
            }
        }
    }
}

/// Drops the payloads of webhook calls older than the retention (the keys stay, so a very
/// late replay still changes nothing) and failed sign-ins older than the throttle's window.
pub async fn purge(worker: &Worker, now: DateTime<Utc>) -> store::StoreResult<u64> {
    // Failed sign-ins past the throttle's window count for nothing.
    store::login_throttle::purge(&worker.pool, now).await?;
    let cutoff = now - Duration::days(worker.config.payload_retention_days);
    store::webhooks::purge_payloads(&worker.pool, cutoff).await
}

/// Erases the participants whose retention ran out, and forgets the texts of messages that
/// left the queue longer ago than their own retention.
pub async fn retention(worker: &Worker, now: DateTime<Utc>) -> store::StoreResult<u64> {
    let erased =
        store::privacy::retention::erase_expired(&worker.pool, worker.config.retention_months, now)
            .await?;
    let before = now - Duration::days(worker.config.message_text_retention_days);
    let texts = store::outbox::erase::forget_texts(&worker.pool, before).await?;
    tracing::info!(
        erased = erased.len(),
        texts_forgotten = texts,
        "retention ran"
    );
    Ok(erased.len() as u64)
}

/// The scheduled backup into the configured folder, keeping the newest copies.
pub async fn backup(worker: &Worker, now: DateTime<Utc>) -> store::StoreResult<u64> {
    let Some(backup) = &worker.config.backup else {
        return Ok(0);
    };
    let (report, removed) =
        store::backup::scheduled_backup(&worker.pool, &backup.folder, backup.keep, now).await?;
    tracing::info!(
        path = %report.path.display(),
        bytes = report.bytes,
        removed = removed.len(),
        "backup written and checked"
    );
    Ok(1)
}

/// One e-mail per leader with sessions tomorrow (in the course's time zone) or open alerts:
/// the sessions, and the open two-in-a-row absence alerts they should follow up (the same
/// list as on their overview).
pub async fn digest(worker: &Worker, now: DateTime<Utc>) -> store::StoreResult<u64> {
    let tz = worker.config.time_zone;
    let tomorrow = now.with_timezone(&tz).date_naive() + Duration::days(1);
    let from = domain::schedule::local_instant(tz, tomorrow, chrono::NaiveTime::MIN);
    let to =
        domain::schedule::local_instant(tz, tomorrow + Duration::days(1), chrono::NaiveTime::MIN);
    let mut sessions: std::collections::BTreeMap<i64, Vec<String>> = Default::default();
    for s in store::digest::sessions_between(&worker.pool, from, to).await? {
        sessions.entry(s.user_id).or_default().push(format!(
            "- kl. {}: {} ({}), {}",
            s.starts_at.with_timezone(&tz).format("%H:%M"),
            s.session_title,
            s.course_title,
            s.place
        ));
    }
    let leaders = store::digest::leaders(&worker.pool).await?;
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
        let added = store::outbox::enqueue(
            &worker.pool,
            store::outbox::Enqueue {
                dedupe_key: format!("daily_digest:{tomorrow}:u{user}:digest:email"),
                kind: MessageKind::DailyDigest,
                channel: Channel::Email,
                participant_id: None,
                user_id: Some(user),
                course_id: None,
                rule_key: "digest",
                recipient: None,
                subject: Some(subject.to_string()),
                body: Some(body),
                due: now,
            },
            now,
        )
        .await?;
        queued += u64::from(added);
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
                        app::components::display_date(&a.date)
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
