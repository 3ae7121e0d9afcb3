//! The background worker: plans reminders after every change, sends what is due through the
//! SMS provider and the mailer, and runs the housekeeping schedules. One worker at a time holds
//! the lease; `samling serve` runs it beside the web server, `samling worker` alone.

use store::sql::query;
mod dispatch;
pub mod housekeeping;
mod send_facts;

use crate::config::Config;
use crate::mail::Mailer;
use crate::sms::SmsProvider;
use chrono::{DateTime, Duration, Utc};
use domain::reminders::QuietHours;
use std::sync::Arc;
use store::messages::planner;

pub use dispatch::DispatchStats;

/// A lease not renewed for this long is free for another worker to take.
const LEASE_SECONDS: i64 = 30;
/// Everything is planned again this often, so that the passing of time is planned for.
const FULL_REPLAN_EVERY_MINUTES: i64 = 60;

pub struct Worker {
    pool: store::Db,
    sms: Arc<dyn SmsProvider>,
    mailer: Arc<Mailer>,
    quiet: Option<QuietHours>,
    public_url: String,
    config: Arc<Config>,
    /// Who holds the lease: unique per process run.
    holder: String,
    /// Sends in flight at once (the providers answer in tens of milliseconds).
    pub concurrency: usize,
    /// Added to the clock: tests run the worker "as if it were" a later time.
    pub clock_offset: Duration,
}

/// What one pass did.
#[derive(Clone, Copy, Debug, Default)]
pub struct PassStats {
    pub planned: planner::PlanStats,
    pub dispatched: DispatchStats,
}

impl Worker {
    pub fn new(config: Arc<Config>, pool: store::Db) -> Result<Self, String> {
        let mailer = Mailer::from_config(&config)?;
        Ok(Worker {
            sms: crate::sms::from_config(&config),
            mailer: Arc::new(mailer),
            quiet: config.quiet_hours.map(|(from, to)| QuietHours { from, to }),
            public_url: config.public_url.clone(),
            holder: format!("{}-{}", std::process::id(), crate::worker::random_suffix()),
            config,
            pool,
            concurrency: 32,
            clock_offset: Duration::zero(),
        })
    }

    pub fn now(&self) -> DateTime<Utc> {
        Utc::now() + self.clock_offset
    }

    /// Takes or renews the lease; false when another live worker holds it.
    async fn take_lease(&self, now: DateTime<Utc>) -> Result<bool, sqlx::Error> {
        let done = query(
            "INSERT INTO worker_lease (id, holder, heartbeat_at) VALUES (1, $1, $2)
             ON CONFLICT(id) DO UPDATE SET holder = $1, heartbeat_at = $2
             WHERE worker_lease.holder = $1 OR worker_lease.heartbeat_at < $3",
        )
        .bind(&self.holder)
        .bind(now)
        .bind(now - Duration::seconds(LEASE_SECONDS))
        .execute(&self.pool)
        .await?;
        Ok(done == 1)
    }

    async fn release_lease(&self) {
        let _ = query("DELETE FROM worker_lease WHERE holder = $1")
            .bind(&self.holder)
            .execute(&self.pool)
            .await;
    }

    /// Messages left in `sending` by a worker that stopped mid-send: we cannot know whether
    /// the provider got them, so they are marked uncertain and shown, never resent blindly.
    async fn mark_uncertain(&self, now: DateTime<Utc>) -> Result<u64, sqlx::Error> {
        let done = query(
            "UPDATE outbox SET state = 'uncertain', updated_at = $1,
                reason = 'the worker stopped while sending it; check with the recipient before sending again'
             WHERE state = 'sending'",
        )
        .bind(now)
        .execute(&self.pool)
        .await?;
        if done > 0 {
            tracing::warn!(count = done, "messages left in sending marked uncertain");
        }
        Ok(done)
    }

    /// Plans what changed and sends everything due now, then returns (`samling worker --once`).
    pub async fn run_once(&self) -> Result<PassStats, String> {
        let now = self.now();
        if !self.take_lease(now).await.map_err(db_error)? {
            return Err(
                "another worker is running (it holds the lease); try again when it stops".into(),
            );
        }
        self.mark_uncertain(now).await.map_err(db_error)?;
        let result = self.pass(true).await;
        self.release_lease().await;
        result
    }

    /// Sends everything due now without planning first (benchmarks time dispatch alone).
    pub async fn send_due(&self) -> Result<DispatchStats, String> {
        if !self.take_lease(self.now()).await.map_err(db_error)? {
            return Err("another worker is running (it holds the lease)".into());
        }
        let mut stats = DispatchStats::default();
        let result = loop {
            match dispatch::dispatch_due(self, self.now()).await {
                Ok(round) if round.claimed == 0 => break Ok(stats),
                Ok(round) => stats.add(round),
                Err(e) => break Err(e),
            }
        };
        self.release_lease().await;
        result
    }

    /// One round: plan, then send until nothing more is due.
    async fn pass(&self, full_replan: bool) -> Result<PassStats, String> {
        let now = self.now();
        let planned = if full_replan {
            // The queue is cleared too: a full plan covers it.
            query("DELETE FROM replan_queue")
                .execute(&self.pool)
                .await
                .map_err(db_error)?;
            planner::replan_all(&self.pool, self.quiet, now).await
        } else {
            planner::replan_queued(&self.pool, self.quiet, now).await
        }
        .map_err(|e| format!("planning failed: {e}"))?;
        let mut stats = PassStats {
            planned,
            ..Default::default()
        };
        loop {
            let round = dispatch::dispatch_due(self, self.now()).await?;
            stats.dispatched.add(round);
            if round.claimed == 0 {
                break;
            }
        }
        Ok(stats)
    }

    /// Runs until `shutdown` resolves.
    pub async fn run(self, shutdown: impl std::future::Future<Output = ()>) {
        tokio::pin!(shutdown);
        let mut holding = false;
        let mut last_full_replan: Option<DateTime<Utc>> = None;
        let mut housekeeping = housekeeping::Schedules::new(&self.config);
        loop {
            let now = self.now();
            match self.take_lease(now).await {
                Ok(true) => {
                    if !holding {
                        holding = true;
                        tracing::info!(holder = %self.holder, "worker took the lease");
                        if let Err(e) = self.mark_uncertain(now).await {
                            tracing::error!("cannot mark unfinished sends: {e}");
                        }
                    }
                    let full = last_full_replan
                        .is_none_or(|t| now - t > Duration::minutes(FULL_REPLAN_EVERY_MINUTES));
                    match self.pass(full).await {
                        Ok(stats) => {
                            if full {
                                last_full_replan = Some(now);
                            }
                            if stats.dispatched.claimed > 0 {
                                tracing::debug!(?stats, "worker pass");
                            }
                        }
                        Err(e) => tracing::error!("worker pass failed: {e}"),
                    }
                    housekeeping.run_due(&self, now).await;
                }
                Ok(false) => {
                    if holding {
                        tracing::warn!("worker lost the lease to another worker");
                    }
                    holding = false;
                }
                Err(e) => tracing::error!("worker cannot reach the database: {e}"),
            }
            tokio::select! {
                _ = &mut shutdown => break,
                _ = tokio::time::sleep(std::time::Duration::from_millis(250)) => {}
            }
        }
        if holding {
            self.release_lease().await;
        }
    }
}

fn db_error(e: sqlx::Error) -> String {
    format!("database error: {e}")
}

fn random_suffix() -> String {
    use rand::RngCore;
    let mut bytes = [0u8; 6];
    rand::thread_rng().fill_bytes(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
