//! Benchmark of the roll call (not a test; prints figures). Run against the release build:
//!
//!   cargo build --release -p samling && cargo run --release -p samling-tests --bin bench-attendance
//!
//! (a) 200 simulated leaders, each marking one participant every 2 s (100 marks/s offered)
//!     for 20 s: p50 and p99 latency;
//! (b) saturation with 64 connections for 20 s: marks per second, beside the rate of the
//!     plain upsert the endpoint performs, on the same database;
//! and the server's peak memory (VmHWM). SAMLING_BIN picks the binary, BENCH_SECONDS the
//! length of each phase. By default on a fresh SQLite file; give URLs of empty databases as
//! arguments (after `--`) to measure each engine and print them side by side.

use domain::people::Role;
use samling_tests::bench::{database_urls, engine_of, print_side_by_side};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use store::auth::{create_api_token, upsert_staff, NewStaff};

const LEADERS: usize = 200;
const CONNECTIONS: usize = 64;
const STATUSES: [&str; 4] = ["present", "absent", "excused", "late"];

/// What one engine measured.
struct Figures {
    engine: String,
    p50_ms: f64,
    p99_ms: f64,
    http_rate: f64,
    sql_rate: f64,
    peak_mb: f64,
}

#[tokio::main]
async fn main() {
    let seconds: u64 = std::env::var("BENCH_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(20);
    let target = std::env::var("CARGO_TARGET_DIR").unwrap_or_else(|_| "target".into());
    let bin = std::env::var("SAMLING_BIN").unwrap_or_else(|_| format!("{target}/release/samling"));
    let dir = std::env::temp_dir().join(format!("samling-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut all = Vec::new();
    for url in database_urls(&dir) {
        println!("== {url}");
        all.push(measure(&url, seconds, &bin).await);
    }
    print_side_by_side(
        &all,
        |f| f.engine.as_str(),
        &[
            ("(a) p50 / p99 latency (ms)", &|f| {
                format!("{:.1}/{:.1}", f.p50_ms, f.p99_ms)
            }),
            ("(b) marks/s through HTTP", &|f| {
                format!("{:.0}", f.http_rate)
            }),
            ("    plain upsert/s", &|f| format!("{:.0}", f.sql_rate)),
            ("server peak memory (MB)", &|f| format!("{:.1}", f.peak_mb)),
        ],
    );
    let _ = std::fs::remove_dir_all(dir);
}

async fn measure(db_url: &str, seconds: u64, bin: &str) -> Figures {
    // Data: the demo, plus 200 more participants enrolled in the demo course.
    let pool = samling::db::connect_and_migrate(db_url)
        .await
        .expect("database");
    samling::demo::load(&pool, chrono::Utc::now())
        .await
        .expect("demo data");
    let admin = upsert_staff(
        &pool,
        NewStaff {
            email: "bench@samling.test",
            name: "Bench",
            role: Role::Admin,
            school: None,
            password: "bench-password",
        },
        chrono::Utc::now(),
    )
    .await
    .unwrap();
    let token = create_api_token(&pool, admin.id, chrono::Utc::now())
        .await
        .unwrap();
    let course: i64 = store::sql::query_scalar("SELECT id FROM courses")
        .fetch_one(&pool)
        .await
        .unwrap();
    let session: i64 =
        store::sql::query_scalar("SELECT id FROM sessions WHERE course_id = $1 ORDER BY number")
            .bind(course)
            .fetch_one(&pool)
            .await
            .unwrap();
    let now = chrono::Utc::now();
    for i in 0..LEADERS {
        let id: i64 = store::sql::query_scalar(
            "INSERT INTO participants (first_name, last_name, phone, created_at, updated_at) VALUES ($1, 'Bench', $2, $3, $4) RETURNING id",
        )
        .bind(format!("P{i}"))
        .bind(format!("+4790{i:06}"))
        .bind(now)
        .bind(now)
        .fetch_one(&pool)
        .await
        .unwrap();
        store::sql::query("INSERT INTO enrolments (course_id, participant_id, status, requested_at, enrolled_at) VALUES ($1, $2, 'enrolled', $3, $4)")
            .bind(course)
            .bind(id)
            .bind(now)
            .bind(now)
            .execute(&pool)
            .await
            .unwrap();
    }
    let participants: Vec<i64> = store::sql::query_scalar(
        "SELECT participant_id FROM enrolments WHERE course_id = $1 AND status = 'enrolled'",
    )
    .bind(course)
    .fetch_all(&pool)
    .await
    .unwrap();
    pool.close().await;

    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut server = std::process::Command::new(bin)
        .arg("serve")
        .env("SAMLING_DATABASE_URL", db_url)
        .env("SAMLING_ADDR", format!("127.0.0.1:{port}"))
        .env("RUST_LOG", "warn")
        .spawn()
        .unwrap_or_else(|e| {
            panic!("cannot start {bin}: {e} (build it with cargo build --release -p samling)")
        });
    let base = format!("http://127.0.0.1:{port}");
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(CONNECTIONS * 4)
        .build()
        .unwrap();
    for _ in 0..300 {
        if client
            .get(format!("{base}/healthz"))
            .send()
            .await
            .is_ok_and(|r| r.status().is_success())
        {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let url = move |p: i64| format!("{base}/api/v1/sessions/{session}/attendance/{p}");
    println!("samling roll-call benchmark: {} participants on the list, {seconds} s per phase, binary {bin}", participants.len());

    // (a) 200 leaders, one mark every 2 s each.
    let latencies = Arc::new(std::sync::Mutex::new(Vec::new()));
    let errors = Arc::new(AtomicU64::new(0));
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let mut tasks = Vec::new();
    for (i, p) in participants.iter().take(LEADERS).enumerate() {
        let (client, token, latencies, errors, url) = (
            client.clone(),
            token.clone(),
            latencies.clone(),
            errors.clone(),
            url.clone(),
        );
        let p = *p;
        tasks.push(tokio::spawn(async move {
            // Spread the leaders evenly over the 2-second period.
            tokio::time::sleep(Duration::from_micros(
                (i as u64 * 2_000_000) / LEADERS as u64,
            ))
            .await;
            let mut tick = tokio::time::interval(Duration::from_secs(2));
            let mut n = 0;
            while Instant::now() < deadline {
                tick.tick().await;
                let started = Instant::now();
                let body = serde_json::json!({ "status": STATUSES[n % 4] });
                let ok = client
                    .put(url(p))
                    .bearer_auth(&token)
                    .json(&body)
                    .send()
                    .await
                    .is_ok_and(|r| r.status().is_success());
                if ok {
                    latencies.lock().unwrap().push(started.elapsed());
                } else {
                    errors.fetch_add(1, Ordering::Relaxed);
                }
                n += 1;
            }
        }));
    }
    for t in tasks {
        t.await.unwrap();
    }
    let mut lat = latencies.lock().unwrap().clone();
    lat.sort();
    let pct = |q: f64| {
        lat.get(((lat.len() as f64 - 1.0) * q).round() as usize)
            .copied()
            .unwrap_or_default()
    };
    let (p50_ms, p99_ms) = (pct(0.50).as_secs_f64() * 1e3, pct(0.99).as_secs_f64() * 1e3);
    println!(
        "(a) {LEADERS} leaders, 100 marks/s offered: {} marks, {} errors, p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        lat.len(),
        errors.load(Ordering::Relaxed),
        pct(0.50).as_secs_f64() * 1e3,
        pct(0.99).as_secs_f64() * 1e3,
        lat.last().copied().unwrap_or_default().as_secs_f64() * 1e3
    );

    // (b) saturation: 64 connections marking as fast as they can.
    let done = Arc::new(AtomicU64::new(0));
    let errors = Arc::new(AtomicU64::new(0));
    let started = Instant::now();
    let deadline = started + Duration::from_secs(seconds);
    let mut tasks = Vec::new();
    for c in 0..CONNECTIONS {
        let (client, token, done, errors, url, participants) = (
            client.clone(),
            token.clone(),
            done.clone(),
            errors.clone(),
            url.clone(),
            participants.clone(),
        );
        tasks.push(tokio::spawn(async move {
            let mut n = c;
            while Instant::now() < deadline {
                let p = participants[n % participants.len()];
                let body = serde_json::json!({ "status": STATUSES[n % 4] });
                if client
                    .put(url(p))
                    .bearer_auth(&token)
                    .json(&body)
                    .send()
                    .await
                    .is_ok_and(|r| r.status().is_success())
                {
                    done.fetch_add(1, Ordering::Relaxed);
                } else {
                    errors.fetch_add(1, Ordering::Relaxed);
                }
                n += CONNECTIONS;
            }
        }));
    }
    for t in tasks {
        t.await.unwrap();
    }
    let http_rate = done.load(Ordering::Relaxed) as f64 / started.elapsed().as_secs_f64();
    let peak_kb = std::fs::read_to_string(format!("/proc/{}/status", server.id()))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .map(|l| l.split_whitespace().nth(1).unwrap_or("0").to_string())
        })
        .and_then(|v| v.parse::<u64>().ok())
        .unwrap_or(0);
    let _ = server.kill();
    let _ = server.wait();

    // The plain upsert the endpoint performs, one connection, same file and settings.
    let pool = store::Db::connect(db_url).await.unwrap();
    let upsert = "INSERT INTO attendance (session_id, participant_id, status, note, marked_by, marked_at)
         SELECT $1, $2, $3, '', $4, $5 WHERE $6 IN (SELECT e.participant_id FROM enrolments e JOIN sessions s ON s.course_id = e.course_id
           WHERE s.id = $7 AND (e.status = 'enrolled' OR (e.status = 'withdrawn' AND e.withdrawn_at > s.starts_at)))
         ON CONFLICT(session_id, participant_id) DO UPDATE SET status = excluded.status, note = excluded.note,
           marked_by = excluded.marked_by, marked_at = excluded.marked_at";
    let started = Instant::now();
    let deadline = started + Duration::from_secs(seconds.min(10));
    let mut n: usize = 0;
    while Instant::now() < deadline {
        let p = participants[n % participants.len()];
        store::sql::query(upsert)
            .bind(session)
            .bind(p)
            .bind(STATUSES[n % 4])
            .bind(admin.id)
            .bind(chrono::Utc::now())
            .bind(p)
            .bind(session)
            .execute(&pool)
            .await
            .unwrap();
        n += 1;
    }
    let sql_rate = n as f64 / started.elapsed().as_secs_f64();
    println!(
        "(b) {CONNECTIONS} connections: {http_rate:.0} marks/s through HTTP ({} errors); plain upsert: {sql_rate:.0}/s; HTTP reaches {:.0} % of it",
        errors.load(Ordering::Relaxed),
        100.0 * http_rate / sql_rate
    );
    println!(
        "server peak memory (VmHWM): {:.1} MB",
        peak_kb as f64 / 1024.0
    );
    pool.close().await;
    Figures {
        engine: engine_of(db_url),
        p50_ms,
        p99_ms,
        http_rate,
        sql_rate,
        peak_mb: peak_kb as f64 / 1024.0,
    }
}
