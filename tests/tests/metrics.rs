//! `/metrics`, read by the Prometheus project's own OpenMetrics parser: behind its token on
//! the main address and open on an address of its own; the due queue as the database has it;
//! counters and histograms moving when texts are sent and when the provider refuses one;
//! HTTP requests by route template (never a sign-in token); and JSON logs with request ids.

use chrono::{Duration, Utc};
use samling_tests::prometheus::{parse, value, Sample};
use samling_tests::sms_gateway::{Mode, SmsGateway};
use samling_tests::smtp::SmtpServer;
use samling_tests::TestApp;

const TOKEN: &str = "metrics-token-for-the-test";

async fn scrape(app: &TestApp) -> Vec<Sample> {
    let answer = app
        .client
        .get(app.url("/metrics"))
        .bearer_auth(TOKEN)
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 200);
    assert!(answer.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("application/openmetrics-text"));
    parse(&answer.text().await.unwrap())
}

async fn spawn(gateway: &SmsGateway, smtp: &SmtpServer) -> TestApp {
    let mut keys = gateway.config("twilio");
    keys.insert("smtp_url".into(), smtp.url());
    keys.insert("quiet_hours".into(), "off".into());
    keys.insert("metrics_token".into(), TOKEN.into());
    keys.insert("metrics_addr".into(), "127.0.0.1:0".into());
    let pairs: Vec<(&str, &str)> = keys.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let app = TestApp::spawn_with(&pairs).await;
    app.load_demo().await;
    app
}

#[tokio::test]
async fn metrics_need_the_token_on_the_main_address_and_not_on_their_own() {
    let (gateway, smtp) = (SmsGateway::start().await, SmtpServer::start().await);
    let app = spawn(&gateway, &smtp).await;
    let without = app.client.get(app.url("/metrics")).send().await.unwrap();
    assert_eq!(without.status(), 401);
    let wrong = app
        .client
        .get(app.url("/metrics"))
        .bearer_auth("metrics-token-for-the-tesT")
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), 401);
    let own = format!("http://{}/metrics", app.metrics_addr.unwrap());
    let open = app.client.get(own).send().await.unwrap();
    assert_eq!(open.status(), 200);
    let samples = parse(&open.text().await.unwrap());
    assert!(samples.iter().any(|s| s.name == "samling_due_messages"));

    // Without a token configured, the main address does not serve them at all.
    let plain = TestApp::spawn().await;
    let answer = plain
        .client
        .get(plain.url("/metrics"))
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 404);
}

#[tokio::test]
async fn sending_moves_the_counters_and_the_queue_is_the_databases() {
    let (gateway, smtp) = (SmsGateway::start().await, SmtpServer::start().await);
    let app = spawn(&gateway, &smtp).await;
    // Plan everything, then make five planned texts an hour overdue.
    app.run_worker_at(Utc::now()).await;
    let overdue: Vec<i64> = store::sql::query_scalar(
        "SELECT id FROM outbox WHERE state = 'planned' AND channel = 'sms' ORDER BY id LIMIT 5",
    )
    .fetch_all(&app.pool)
    .await
    .unwrap();
    assert_eq!(overdue.len(), 5, "the demo plans texts");
    for id in &overdue {
        store::sql::query("UPDATE outbox SET due_at = $1 WHERE id = $2")
            .bind(Utc::now() - Duration::hours(1))
            .bind(id)
            .execute(&app.pool)
            .await
            .unwrap();
    }
    let before = scrape(&app).await;
    assert_eq!(value(&before, "samling_due_messages", &[]), 5.0);
    let waited = value(&before, "samling_oldest_due_age_seconds", &[]);
    assert!((3600.0..3700.0).contains(&waited), "{waited}");
    let planned_sms = |samples: &[Sample]| {
        value(
            samples,
            "samling_messages",
            &[("channel", "sms"), ("state", "planned")],
        )
    };
    let in_db: i64 = store::sql::query_scalar(
        "SELECT COUNT(*) FROM outbox WHERE channel = 'sms' AND state = 'planned'",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(planned_sms(&before), in_db as f64);

    // The provider refuses the first of them; the other four go out.
    gateway.fail_next(1, Mode::PermanentError);
    app.run_worker_at(Utc::now()).await;
    let after = scrape(&app).await;
    let sent = |s: &[Sample]| value(s, "samling_messages_sent_total", &[("channel", "sms")]);
    assert_eq!(sent(&after) - sent(&before), 4.0);
    let refused = &[("channel", "sms"), ("class", "permanent")];
    assert_eq!(value(&after, "samling_provider_errors_total", refused), 1.0);
    let late = |s: &[Sample], le: &str| {
        value(
            s,
            "samling_send_lateness_seconds_bucket",
            &[("channel", "sms"), ("le", le)],
        )
    };
    // An hour late: above the 3600 s bucket, within the 10800 s one.
    assert_eq!(late(&after, "3600.0") - late(&before, "3600.0"), 0.0);
    assert_eq!(late(&after, "10800.0") - late(&before, "10800.0"), 4.0);
    let took = value(
        &after,
        "samling_send_duration_seconds_count",
        &[("channel", "sms")],
    );
    assert!(took >= 4.0, "{took}");
    assert_eq!(value(&after, "samling_due_messages", &[]), 0.0);
    assert_eq!(planned_sms(&after), planned_sms(&before) - 5.0);
    let histogram = after
        .iter()
        .find(|s| s.name == "samling_send_lateness_seconds_count")
        .unwrap();
    assert_eq!(
        (histogram.kind.as_str(), histogram.unit.as_str()),
        ("histogram", "seconds")
    );
}

#[tokio::test]
async fn requests_are_counted_by_route_template_never_by_path() {
    let (gateway, smtp) = (SmsGateway::start().await, SmtpServer::start().await);
    let app = spawn(&gateway, &smtp).await;
    for _ in 0..3 {
        assert_eq!(app.get(&app.admin, "/api/v1/courses").await.0, 200);
    }
    let secret = "a-sign-in-token-that-must-not-show";
    let page = app
        .client
        .get(app.url(&format!("/p/{secret}")))
        .send()
        .await
        .unwrap();
    assert!(page.status().is_success() || page.status().is_redirection());
    assert_eq!(app.get("not-a-token", "/api/v1/courses").await.0, 401);
    let samples = scrape(&app).await;
    let courses = |status: &str| {
        value(
            &samples,
            "samling_http_requests_total",
            &[
                ("route", "/api/v1/courses"),
                ("method", "GET"),
                ("status", status),
            ],
        )
    };
    assert_eq!(courses("200"), 3.0);
    assert_eq!(courses("401"), 1.0);
    let timed = value(
        &samples,
        "samling_http_request_duration_seconds_count",
        &[("route", "/api/v1/courses"), ("method", "GET")],
    );
    assert_eq!(timed, 4.0);
    assert!(samples
        .iter()
        .all(|s| s.labels.values().all(|v| !v.contains(secret))));
    assert!(
        value(
            &samples,
            "samling_http_requests_total",
            &[("route", "/p/{token}")]
        ) >= 1.0,
        "the sign-in page counts under its template"
    );
}

#[test]
fn json_logs_carry_the_request_id_the_response_returns() {
    use std::io::{BufRead, BufReader};
    use std::process::{Command, Stdio};
    let dir = std::env::temp_dir().join(format!("samling-json-logs-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_samling-instance"))
        .arg("serve")
        .arg("--no-worker")
        .env(
            "SAMLING_DATABASE_URL",
            format!("sqlite://{}/s.db", dir.display()),
        )
        .env("SAMLING_ADDR", "127.0.0.1:0")
        .env("SAMLING_LOG_FORMAT", "json")
        .env("RUST_LOG", "info")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = BufReader::new(child.stdout.take().unwrap());
    let base = stdout
        .lines()
        .map_while(Result::ok)
        .find_map(|l| l.strip_prefix("Samling is running at ").map(str::to_string))
        .expect("the server says where it listens");
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let (given, made) = runtime.block_on(async {
        let client = reqwest::Client::new();
        let given = client
            .get(format!("{base}/healthz"))
            .header("x-request-id", "proxy-id-42")
            .send()
            .await
            .unwrap();
        let made = client.get(format!("{base}/readyz")).send().await.unwrap();
        let id = |r: &reqwest::Response| r.headers()["x-request-id"].to_str().unwrap().to_string();
        (id(&given), id(&made))
    });
    assert_eq!(given, "proxy-id-42");
    assert_eq!(made.len(), 16);
    child.kill().unwrap();
    let output = child.wait_with_output().unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&output.stderr)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect();
    for id in [&given, &made] {
        let line = lines
            .iter()
            .find(|l| l["span"]["request_id"] == id.as_str())
            .unwrap_or_else(|| panic!("a log line of request {id}: {lines:?}"));
        assert_eq!(line["level"], "INFO");
        assert!(line["fields"]["status"].is_number(), "{line}");
    }
}
