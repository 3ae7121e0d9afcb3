//! Telling which other workers are gone, so that their claims can be taken back without
//! waiting longer than needed: a worker on this host whose process has ended is gone at once;
//! any other is gone when its heartbeat is stale.

use chrono::{DateTime, Utc};
use std::sync::OnceLock;
use std::time::Duration;
use store::workers::WorkerRow;
use store::Db;

/// How often a worker renews its heartbeat.
pub const HEARTBEAT: Duration = Duration::from_secs(2);
/// A heartbeat older than this means the worker is gone (several missed beats, so a busy
/// database or a pause in the process does not count).
const STALE_SECONDS: i64 = 15;

/// How often a running worker looks for workers that are gone.
pub fn recovery_every() -> chrono::Duration {
    chrono::Duration::seconds(2)
}

/// When this process made its first worker: a worker with this process's host and id that
/// last beat before then is an earlier process that had the same id (a container restarted
/// as process 1), not one of ours.
fn process_start() -> DateTime<Utc> {
    static START: OnceLock<DateTime<Utc>> = OnceLock::new();
    *START.get_or_init(Utc::now)
}

pub fn host() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .ok()
        .or_else(|| std::env::var("HOSTNAME").ok())
        .map(|h| h.trim().to_string())
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "localhost".into())
}

/// This worker as the others see it.
pub struct Me<'a> {
    id: &'a str,
    host: String,
    pid: i64,
}

impl<'a> Me<'a> {
    pub fn new(id: &'a str) -> Self {
        process_start();
        Me {
            id,
            host: host(),
            pid: i64::from(std::process::id()),
        }
    }

    pub async fn beat(&self, db: &Db, now: DateTime<Utc>) -> store::StoreResult<()> {
        store::workers::heartbeat(db, self.id, &self.host, self.pid, now).await
    }
}

/// The ids of the workers among `others` that are gone.
pub fn gone(others: &[WorkerRow], now: DateTime<Utc>) -> Vec<String> {
    let (here, me) = (host(), i64::from(std::process::id()));
    others
        .iter()
        .filter(|w| {
            let stale = now - w.heartbeat_at > chrono::Duration::seconds(STALE_SECONDS);
            let ended_here = w.host == here
                && if w.pid == me {
                    w.heartbeat_at < process_start()
                } else {
                    process_ended(w.pid)
                };
            stale || ended_here
        })
        .map(|w| w.id.clone())
        .collect()
}

/// True when this host's process `pid` has ended (or is a zombie waiting to be reaped).
/// Where there is no /proc to ask, nothing is assumed: the heartbeat decides.
fn process_ended(pid: i64) -> bool {
    if !std::path::Path::new("/proc/self/stat").exists() {
        return false;
    }
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        Err(_) => true,
        // "pid (name) S …": the state follows the last ')'.
        Ok(stat) => stat
            .rsplit_once(')')
            .and_then(|(_, rest)| rest.trim_start().chars().next())
            .is_some_and(|state| state == 'Z' || state == 'X'),
    }
}
