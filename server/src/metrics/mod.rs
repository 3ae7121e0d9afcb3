//! Metrics in the Prometheus text format (OpenMetrics 1.0): what this process counts as it
//! goes (texts sent, how long a send took, how late it was, provider errors, HTTP requests),
//! and at each scrape what the database says (messages by kind, channel and state, the due
//! queue, the workers and the sends each holds), which holds across instances and restarts.

pub mod http;

use chrono::{DateTime, Utc};
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::Histogram;
use prometheus_client::registry::{Registry, Unit};
use std::sync::atomic::AtomicU64;
use std::time::Duration;

/// The media type of what `render` writes.
pub const CONTENT_TYPE: &str = "application/openmetrics-text; version=1.0.0; charset=utf-8";

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct KindChannel {
    kind: String,
    channel: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct ChannelLabel {
    channel: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct ProviderError {
    channel: String,
    /// transient (tried again later), permanent (refused) or uncertain (may have gone out).
    class: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct Request {
    route: String,
    method: String,
    status: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RouteLabel {
    route: String,
    method: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct MessageLabels {
    kind: String,
    channel: String,
    state: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct WorkerLabel {
    worker: String,
    host: String,
}

type Histograms<L> = Family<L, Histogram, fn() -> Histogram>;
type Seconds = Gauge<f64, AtomicU64>;

/// Seconds from 5 ms to about 40 s: an SMS provider answers in tens of milliseconds, a slow
/// SMTP server in seconds.
fn duration_buckets() -> Histogram {
    Histogram::new([
        0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 20.0, 40.0,
    ])
}

/// Seconds from one to a day: a reminder a few seconds after its time is on time; one held by
/// quiet hours or a provider outage is hours late.
fn lateness_buckets() -> Histogram {
    Histogram::new([
        1.0, 5.0, 15.0, 30.0, 60.0, 300.0, 900.0, 1800.0, 3600.0, 10800.0, 43200.0, 86400.0,
    ])
}

pub struct Metrics {
    registry: Registry,
    sent: Family<KindChannel, Counter>,
    send_duration: Histograms<ChannelLabel>,
    lateness: Histograms<ChannelLabel>,
    provider_errors: Family<ProviderError, Counter>,
    requests: Family<Request, Counter>,
    request_duration: Histograms<RouteLabel>,
    messages: Family<MessageLabels, Gauge>,
    due: Gauge,
    oldest_due_age: Seconds,
    worker_sending: Family<WorkerLabel, Gauge>,
    worker_heartbeat_age: Family<WorkerLabel, Seconds>,
}

impl Default for Metrics {
    fn default() -> Self {
        Self::new()
    }
}

impl Metrics {
    pub fn new() -> Self {
        let mut registry = Registry::with_prefix("samling");
        let sent = Family::<KindChannel, Counter>::default();
        registry.register(
            "messages_sent",
            "Messages handed to the SMS provider or SMTP server by this process",
            sent.clone(),
        );
        let send_duration: Histograms<ChannelLabel> =
            Family::new_with_constructor(duration_buckets);
        registry.register_with_unit(
            "send_duration",
            "Time to send one message, rendering included",
            Unit::Seconds,
            send_duration.clone(),
        );
        let lateness: Histograms<ChannelLabel> = Family::new_with_constructor(lateness_buckets);
        registry.register_with_unit(
            "send_lateness",
            "Time from when a message was due to when it was sent",
            Unit::Seconds,
            lateness.clone(),
        );
        let provider_errors = Family::<ProviderError, Counter>::default();
        registry.register(
            "provider_errors",
            "Sends that failed, by channel and class (transient, permanent, uncertain)",
            provider_errors.clone(),
        );
        let requests = Family::<Request, Counter>::default();
        registry.register(
            "http_requests",
            "HTTP requests answered, by route, method and status",
            requests.clone(),
        );
        let request_duration: Histograms<RouteLabel> =
            Family::new_with_constructor(duration_buckets);
        registry.register_with_unit(
            "http_request_duration",
            "Time to answer an HTTP request, by route and method",
            Unit::Seconds,
            request_duration.clone(),
        );
        let messages = Family::<MessageLabels, Gauge>::default();
        registry.register(
            "messages",
            "Messages in the outbox by kind, channel and state",
            messages.clone(),
        );
        let due = Gauge::default();
        registry.register(
            "due_messages",
            "Planned messages whose time has come, waiting for a worker",
            due.clone(),
        );
        let oldest_due_age = Seconds::default();
        registry.register_with_unit(
            "oldest_due_age",
            "How long the oldest due message has waited (0 when none waits)",
            Unit::Seconds,
            oldest_due_age.clone(),
        );
        let worker_sending = Family::<WorkerLabel, Gauge>::default();
        registry.register(
            "worker_sending",
            "Registered workers (sending shares work by claims, not by one lease) and the \
             messages each holds claimed for sending",
            worker_sending.clone(),
        );
        let worker_heartbeat_age = Family::<WorkerLabel, Seconds>::default();
        registry.register_with_unit(
            "worker_heartbeat_age",
            "Time since each registered worker's last heartbeat",
            Unit::Seconds,
            worker_heartbeat_age.clone(),
        );
        Metrics {
            registry,
            sent,
            send_duration,
            lateness,
            provider_errors,
            requests,
            request_duration,
            messages,
            due,
            oldest_due_age,
            worker_sending,
            worker_heartbeat_age,
        }
    }

    /// A message went out: how long the send took and how late it was.
    pub fn sent(&self, kind: &str, channel: &str, took: Duration, late: chrono::Duration) {
        let labels = KindChannel {
            kind: kind.to_string(),
            channel: channel.to_string(),
        };
        self.sent.get_or_create(&labels).inc();
        let channel = ChannelLabel {
            channel: channel.to_string(),
        };
        self.send_duration
            .get_or_create(&channel)
            .observe(took.as_secs_f64());
        let late = late.num_milliseconds().max(0) as f64 / 1000.0;
        self.lateness.get_or_create(&channel).observe(late);
    }

    /// A send failed (or may have): by its class.
    pub fn provider_error(&self, channel: &str, class: &str) {
        self.provider_errors
            .get_or_create(&ProviderError {
                channel: channel.to_string(),
                class: class.to_string(),
            })
            .inc();
    }

    /// An HTTP request was answered.
    pub fn request(&self, route: &str, method: &str, status: u16, took: Duration) {
        self.requests
            .get_or_create(&Request {
                route: route.to_string(),
                method: method.to_string(),
                status: status.to_string(),
            })
            .inc();
        self.request_duration
            .get_or_create(&RouteLabel {
                route: route.to_string(),
                method: method.to_string(),
            })
            .observe(took.as_secs_f64());
    }

    /// Reads the database's side and writes everything in the text format.
    pub async fn render(&self, db: &store::Db, now: DateTime<Utc>) -> Result<String, String> {
        use store::outbox::stats;
        let fail = |e: store::StoreError| format!("metrics: {e}");
        let counts = stats::by_kind_channel_state(db).await.map_err(fail)?;
        let (due, oldest) = stats::due_queue(db, now).await.map_err(fail)?;
        let workers = stats::workers(db).await.map_err(fail)?;
        // Cleared first: a state with no messages left, or a worker gone, must not linger.
        self.messages.clear();
        for (kind, channel, state, n) in counts {
            self.messages
                .get_or_create(&MessageLabels {
                    kind,
                    channel,
                    state,
                })
                .set(n);
        }
        self.due.set(due);
        let waited = oldest.map_or(0.0, |at| seconds(now - at));
        self.oldest_due_age.set(waited);
        self.worker_sending.clear();
        self.worker_heartbeat_age.clear();
        for (worker, host, heartbeat, sending) in workers {
            let labels = WorkerLabel { worker, host };
            self.worker_sending.get_or_create(&labels).set(sending);
            self.worker_heartbeat_age
                .get_or_create(&labels)
                .set(seconds(now - heartbeat));
        }
        let mut text = String::new();
        prometheus_client::encoding::text::encode(&mut text, &self.registry)
            .map_err(|e| format!("metrics: cannot write the text format: {e}"))?;
        Ok(text)
    }
}

fn seconds(d: chrono::Duration) -> f64 {
    d.num_milliseconds().max(0) as f64 / 1000.0
}
