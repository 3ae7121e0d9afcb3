//! The background worker: plans reminders after every change, sends what is due through the
//! SMS provider and the mailer, and runs the housekeeping schedules. `samling serve` runs it
//! beside the web server, `samling worker` alone; several may run at once (several instances
//! on one database): each claims the rows it sends, keeps a heartbeat, and takes back the
//! claims of workers that are gone.

mod dispatch;
pub mod housekeeping;
mod liveness;

pub use liveness::host;

use crate::config::Config;
use crate::mail::Mailer;
use crate::sms::SmsProvider;
use chrono::{DateTime, Duration, Utc};
use domain::reminders::QuietHours;
use std::sync::Arc;
use store::messages::planner;

pub use dispatch::DispatchStats;

/// Everything is planned again this often, so that the passing of time is planned for.
const FULL_REPLAN_EVERY_MINUTES: i64 = 60;

pub struct Worker {
    pool: store::Db,
    sms: Arc<dyn SmsProvider>,
    mailer: Arc<Mailer>,
    quiet: Option<QuietHours>,
    public_url: String,
    config: Arc<Config>,
    /// This worker's name in `workers` and on the rows it claims: unique per run.
    id: String,
    /// Sends in flight at once (the providers answer in tens of milliseconds).
    pub concurrency: usize,
    /// Added to the clock: tests run the worker "as if it were" a later time.
    pub clock_offset: Duration,
    /// Where sends are counted and timed (the server's, when it runs the worker).
    pub metrics: Arc<crate::metrics::Metrics>,
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
            id: format!(
                "{}-{}-{}",
                liveness::host(),
                std::process::id(),
                random_suffix()
            ),
            config,
            pool,
            concurrency: 32,
            clock_offset: Duration::zero(),
            metrics: Arc::new(crate::metrics::Metrics::new()),
        })
    }

    pub fn now(&self) -> DateTime<Utc> {
        Utc::now() + self.clock_offset
    }

    /// Registers this worker, takes back what workers that are gone had claimed, then runs
    /// `work` while a heartbeat tells the others this worker is alive.
    async fn alive<T>(&self, work: impl std::future::Future<Output = T>) -> Result<T, String> {
        let me = liveness::Me::new(&self.id);
        me.beat(&self.pool, self.now())
            .await
            .map_err(|e| e.to_string())?;
        self.recover().await;
        let beating = async {
            loop {
                tokio::time::sleep(liveness::HEARTBEAT).await;
                if let Err(e) = me.beat(&self.pool, self.now()).await {
                    tracing::error!("worker heartbeat failed: {e}");
                }
            }
        };
        let result = tokio::select! {
            result = work => result,
            never = beating => never,
        };
        Ok(result)
    }

    /// Takes back the claims of workers that are gone: what never reached the provider goes
    /// back to the queue, what did is uncertain.
    async fn recover(&self) {
        let now = self.now();
        let gone = match store::workers::others(&self.pool, &self.id).await {
            Ok(others) => liveness::gone(&others, now),
            Err(e) => {
                tracing::error!("cannot read the other workers: {e}");
                return;
            }
        };
        if gone.is_empty() {
            return;
        }
        match store::outbox::recover(&self.pool, &gone, now).await {
            Ok(done) => {
                if done.returned > 0 || done.uncertain > 0 {
                    tracing::warn!(
                        returned = done.returned,
                        uncertain = done.uncertain,
                        workers = ?gone,
                        "took back the messages of workers that are gone"
                    );
                }
                for id in &gone {
                    let _ = store::workers::remove(&self.pool, id).await;
                }
            }
            Err(e) => {
                tracing::error!("cannot take back the messages of workers that are gone: {e}")
            }
        }
    }

    /// Plans what changed and sends everything due now, then returns (`samling worker --once`).
    pub async fn run_once(&self) -> Result<PassStats, String> {
        let result = self.alive(self.pass(true)).await?;
        let _ = store::workers::remove(&self.pool, &self.id).await;
        result
    }

    /// Sends everything due now without planning first (benchmarks time dispatch alone).
    pub async fn send_due(&self) -> Result<DispatchStats, String> {
        let work = async {
            let mut stats = DispatchStats::default();
            loop {
                match dispatch::dispatch_due(self, self.now()).await {
                    Ok(round) if round.claimed == 0 => break Ok(stats),
                    Ok(round) => stats.add(round),
                    Err(e) => break Err(e),
                }
            }
        };
        let result = self.alive(work).await?;
        let _ = store::workers::remove(&self.pool, &self.id).await;
        result
    }

    /// One round: plan, then send until nothing more is due.
    async fn pass(&self, full_replan: bool) -> Result<PassStats, String> {
        let now = self.now();
        let planned = if full_replan {
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

    /// Runs until `shutdown` resolves; a send in progress finishes first.
    pub async fn run(self, shutdown: impl std::future::Future<Output = ()>) {
        tracing::info!(worker = %self.id, "worker started");
        let work = async {
            tokio::pin!(shutdown);
            let mut last_full_replan: Option<DateTime<Utc>> = None;
            let mut last_recovery = self.now();
            let mut housekeeping = housekeeping::Schedules::new(&self.config);
            loop {
                let now = self.now();
                if now - last_recovery >= liveness::recovery_every() {
                    self.recover().await;
                    last_recovery = now;
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
                tokio::select! {
                    _ = &mut shutdown => break,
                    _ = tokio::time::sleep(std::time::Duration::from_millis(250)) => {}
                }
            }
        };
        if let Err(e) = self.alive(work).await {
            tracing::error!("the worker cannot register: {e}");
        }
        let _ = store::workers::remove(&self.pool, &self.id).await;
    }
}

fn random_suffix() -> String {
    use rand::RngCore;
    let mut bytes = [0u8; 6];
    rand::thread_rng().fill_bytes(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
