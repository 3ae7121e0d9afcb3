//! Benchmark of the reminder engine (not a test; prints figures). Run the release build:
//!
//!   cargo run --release -p samling-tests --bin bench-reminders
//!
//! (1) planning 500 courses × 10 sessions × 16 participants × 3 rules from scratch;
//! (2) dispatch rate against the SMS gateway emulator answering at once and after 100 ms;
//! (3) p50/p99 lateness (sent minus due) of 10,000 texts all due within the same minute,
//!     sent by the running worker.
//! (4) the same dispatch at 100 ms with two workers, each on a pool of its own as a second
//!     instance would be, against one worker.
//! The workers run in this process. By default on a fresh SQLite file; give URLs of empty
//! databases as arguments to measure each engine and print them side by side:
//!
//!   cargo run --release -p samling-tests --bin bench-reminders -- sqlite:///tmp/b.db postgres://…/empty

use chrono::{Duration, Utc};
use samling::config::Config;
use samling::worker::Worker;
use samling_tests::bench::{database_urls, engine_of, print_side_by_side};
use samling_tests::sms_gateway::{Mode, SmsGateway};
use std::sync::Arc;
use std::time::Instant;
use store::messages::planner;

const COURSES: i64 = 500;
const SESSIONS: i64 = 10;
const PARTICIPANTS: i64 = 16;

/// What one engine measured.
#[derive(Default)]
struct Figures {
    engine: String,
    planning: f64,
    replanning: f64,
    dispatch_0ms: f64,
    dispatch_100ms: f64,
    two_workers_100ms: f64,
    p50: f64,
    p99: f64,
}

#[tokio::main]
async fn main() {
    // The databases to measure on: URLs of empty databases given as arguments (a postgres://
    // one must exist and be empty), else a fresh SQLite file.
    let dir = std::env::temp_dir().join(format!("samling-bench-rem-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut all = Vec::new();
    for url in database_urls(&dir) {
        println!("== {url}");
        all.push(measure(&url).await);
    }
    print_side_by_side(
        &all,
        |f| f.engine.as_str(),
        &[
            ("planning 500×10×16×3 (s)", &|f| {
                format!("{:.2}", f.planning)
            }),
            ("planning again, no change (s)", &|f| {
                format!("{:.2}", f.replanning)
            }),
            ("dispatch, gateway 0 ms (msg/s)", &|f| {
                format!("{:.0}", f.dispatch_0ms)
            }),
            ("dispatch, gateway 100 ms (msg/s)", &|f| {
                format!("{:.0}", f.dispatch_100ms)
            }),
            ("  two workers, 100 ms (msg/s)", &|f| {
                format!("{:.0}", f.two_workers_100ms)
            }),
            ("  two workers ÷ one", &|f| {
                format!("{:.2}×", f.two_workers_100ms / f.dispatch_100ms)
            }),
            ("lateness p50 / p99 (s)", &|f| {
                format!("{:.2}/{:.2}", f.p50, f.p99)
            }),
        ],
    );
    let _ = std::fs::remove_dir_all(&dir);
}

async fn measure(db_url: &str) -> Figures {
    let mut figures = Figures {
        engine: engine_of(db_url),
        ..Default::default()
    };
    let pool = samling::db::connect_and_migrate(db_url)
        .await
        .expect("database");
    let gateway = SmsGateway::start().await;
    let mut keys = gateway.config("twilio");
    keys.insert("database_url".into(), db_url.to_string());
    keys.insert("quiet_hours".into(), "off".into());
    let config = Arc::new(Config::from_map(&keys).expect("config"));

    let t = Instant::now();
    seed(&pool).await;
    println!("seeded in {:.2} s", t.elapsed().as_secs_f64());
    let now = Utc::now();
    let started = Instant::now();
    let stats = planner::replan_all(&pool, None, now)
        .await
        .expect("planning");
    figures.planning = started.elapsed().as_secs_f64();
    println!(
        "planning: {COURSES} courses × {SESSIONS} sessions × {PARTICIPANTS} participants × 3 rules → {} messages planned ({} skipped) in {:.2} s",
        stats.inserted,
        stats.skipped,
        figures.planning
    );
    let again = Instant::now();
    let stats = planner::replan_all(&pool, None, now)
        .await
        .expect("planning");
    figures.replanning = again.elapsed().as_secs_f64();
    println!(
        "planning again (nothing changed): {} changes in {:.2} s",
        stats.inserted + stats.moved + stats.cancelled + stats.skipped,
        figures.replanning
    );

    if std::env::var_os("BENCH_PLAN_ONLY").is_some() {
        return figures;
    }

    // Only SMS reminders from here on: the welcomes and e-mails are set aside as already sent
    // (a cancelled row would be brought back by the running worker's planning, and the
    // welcomes are due at once).
    store::sql::query(
        "UPDATE outbox SET state = 'sent', sent_at = created_at WHERE channel = 'email' OR kind = 'welcome'",
    )
    .execute(&pool)
    .await
    .unwrap();
    let slow = Mode::Latency(std::time::Duration::from_millis(100));
    for (label, mode, n, workers) in [
        ("0 ms", Mode::Ok, 5_000, 1),
        ("100 ms", slow.clone(), 2_000, 1),
        ("100 ms, two workers", slow, 4_000, 2),
    ] {
        gateway.set_mode(mode);
        gateway.clear();
        make_due(&pool, n, Utc::now(), 0).await;
        // Each worker on a pool of its own, as a second instance would be; the default
        // concurrency (32 sends in flight each).
        let mut running = Vec::new();
        let t = Instant::now();
        for _ in 0..workers {
            let own = store::Db::connect(db_url).await.expect("a pool per worker");
            let worker = Worker::new(config.clone(), own).expect("worker");
            running.push(tokio::spawn(async move {
                worker.send_due().await.expect("worker").sent
            }));
        }
        let mut sent = 0;
        for r in running {
            sent += r.await.unwrap();
        }
        let secs = t.elapsed().as_secs_f64();
        let rate = sent as f64 / secs;
        println!(
            "dispatch with the gateway answering after {label}: {sent} sent in {secs:.2} s = {rate:.0} messages/s (gateway got {})",
            gateway.count()
        );
        match (label, workers) {
            ("0 ms", _) => figures.dispatch_0ms = rate,
            (_, 1) => figures.dispatch_100ms = rate,
            _ => figures.two_workers_100ms = rate,
        }
    }

    // Lateness: 10,000 due across the next minute, sent by the running worker.
    gateway.set_mode(Mode::Ok);
    let start = Utc::now() + Duration::seconds(5);
    let ids = make_due(&pool, 10_000, start, 60_000).await;
    let mut worker = Worker::new(config.clone(), pool.clone()).expect("worker");
    worker.concurrency = 64;
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let running = tokio::spawn(worker.run(async {
        let _ = stopped.await;
    }));
    loop {
        tokio::time::sleep(std::time::Duration::from_secs(1)).await;
        // Only the session reminders made due: the running worker plans everything once at
        // start, which brings back the welcomes and e-mails cancelled above.
        let left: i64 = store::sql::query_scalar("SELECT COUNT(*) FROM outbox WHERE state IN ('planned', 'sending') AND id <= $1 AND id >= $2
                AND kind = 'session_reminder' AND channel = 'sms'")
            .bind(ids.1)
            .bind(ids.0)
            .fetch_one(&pool)
            .await
            .unwrap();
        if left == 0 {
            break;
        }
    }
    let _ = stop.send(());
    let _ = running.await;
    let mut lateness: Vec<f64> =
        store::sql::query_as::<(chrono::DateTime<Utc>, chrono::DateTime<Utc>)>(
            "SELECT due_at, sent_at FROM outbox WHERE id BETWEEN $1 AND $2 AND sent_at IS NOT NULL
             AND kind = 'session_reminder' AND channel = 'sms'",
        )
        .bind(ids.0)
        .bind(ids.1)
        .fetch_all(&pool)
        .await
        .unwrap()
        .into_iter()
        .map(|(due, sent)| (sent - due).num_milliseconds() as f64 / 1000.0)
        .collect();
    lateness.sort_by(|a, b| a.total_cmp(b));
    let pct = |p: f64| lateness[((lateness.len() as f64 * p) as usize).min(lateness.len() - 1)];
    println!(
        "lateness of {} texts due within one minute: p50 {:.3} s, p99 {:.3} s, max {:.3} s",
        lateness.len(),
        pct(0.50),
        pct(0.99),
        lateness.last().copied().unwrap_or_default()
    );
    figures.p50 = pct(0.50);
    figures.p99 = pct(0.99);
    pool.close().await;
    figures
}

/// Sets `n` planned SMS rows due from `from` on, spread over `spread_ms`; returns the id range.
async fn make_due(
    pool: &store::Db,
    n: i64,
    from: chrono::DateTime<Utc>,
    spread_ms: i64,
) -> (i64, i64) {
    let ids: Vec<i64> = store::sql::query_scalar(
        "SELECT id FROM outbox WHERE state = 'planned' AND channel = 'sms' ORDER BY id LIMIT $1",
    )
    .bind(n)
    .fetch_all(pool)
    .await
    .unwrap();
    let mut tx = pool.begin_write().await.unwrap();
    for (i, id) in ids.iter().enumerate() {
        let offset = if spread_ms == 0 {
            0
        } else {
            (i as i64 * spread_ms) / n
        };
        store::sql::query("UPDATE outbox SET due_at = $1 WHERE id = $2")
            .bind(from + Duration::milliseconds(offset))
            .bind(id)
            .execute(&mut tx)
            .await
            .unwrap();
    }
    tx.commit().await.unwrap();
    (*ids.first().unwrap(), *ids.last().unwrap())
}

/// 500 courses starting next week, two sessions a week, 16 participants each (SMS and e-mail).
async fn seed(pool: &store::Db) {
    let now = Utc::now();
    let mut tx = pool.begin_write().await.unwrap();
    store::sql::query(
        "INSERT INTO programmes (name, sessions_per_week, weeks, weekdays, start_time, end_time, created_at, updated_at)
         VALUES ('Bench', 2, 5, 'tue,thu', '12:00', '14:00', $1, $2)",
    )
    .bind(now)
    .bind(now)
    .execute(&mut tx)
    .await
    .unwrap();
    let first = now + Duration::days(7);
    for c in 0..COURSES {
        let course: i64 = store::sql::query_scalar(
            "INSERT INTO courses (programme_id, title, public_name, location, start_date, weekdays, start_time, end_time, created_at)
             VALUES (1, $1, 'Kurs', 'Ungdomshuset', $2, 'tue,thu', '12:00', '14:00', $3) RETURNING id",
        )
        .bind(format!("Kurs {c}"))
        .bind(first.date_naive())
        .bind(now)
        .fetch_one(&mut tx)
        .await
        .unwrap();
        for s in 0..SESSIONS {
            let starts = first + Duration::days(s * 3 + 1) + Duration::minutes(c % 120);
            store::sql::query(
                "INSERT INTO sessions (course_id, number, kind, title, starts_at, ends_at, updated_at)
                 VALUES ($1, $2, 'regular', 'Samling', $3, $4, $5)",
            )
            .bind(course)
            .bind(s + 1)
            .bind(starts)
            .bind(starts + Duration::hours(2))
            .bind(now)
            .execute(&mut tx)
            .await
            .unwrap();
        }
        for p in 0..PARTICIPANTS {
            let n = c * PARTICIPANTS + p;
            let participant: i64 = store::sql::query_scalar(
                "INSERT INTO participants (first_name, last_name, birth_date, phone, email, preferred_channel, created_at, updated_at)
                 VALUES ('Deltaker', $1, '2000-01-01', $2, $3, 'both', $4, $5) RETURNING id",
            )
            .bind(n.to_string())
            .bind(format!("+479{:07}", n))
            .bind(format!("d{n}@example.no"))
            .bind(now)
            .bind(now)
            .fetch_one(&mut tx)
            .await
            .unwrap();
            store::sql::query(
                "INSERT INTO enrolments (course_id, participant_id, status, requested_at, enrolled_at) VALUES ($1, $2, 'enrolled', $3, $4)",
            )
            .bind(course)
            .bind(participant)
            .bind(now)
            .bind(now)
            .execute(&mut tx)
            .await
            .unwrap();
        }
    }
    tx.commit().await.unwrap();
    // The seed queued every course; the benchmark plans them all itself.
    store::sql::query("DELETE FROM replan_queue")
        .execute(pool)
        .await
        .unwrap();
    // PostgreSQL plans its queries from statistics that autovacuum gathers within a minute
    // of so many new rows; without them it guesses the tables tiny and scans all 8,000
    // participants for each course. The benchmark measures a database in its steady state.
    if pool.engine() == store::Engine::Postgres {
        store::sql::query("ANALYZE").execute(pool).await.unwrap();
    }
}
