//! Test harness: starts the real Samling server on a free port with a fresh database (a SQLite
//! file, or a PostgreSQL database of its own when SAMLING_TEST_POSTGRES names a cluster, as
//! scripts/test.sh does), and gives tests an HTTP client with API tokens for users of each role.

use domain::people::Role;
use samling::config::Config;
use samling::startup::Application;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, Ordering};
use store::auth::{create_api_token, upsert_staff, NewStaff};

pub mod bench;
pub mod crowd;
pub mod instance;
pub mod prometheus;
pub mod sms_gateway;
pub mod smtp;

pub struct TestApp {
    pub base: String,
    pub pool: store::Db,
    pub client: reqwest::Client,
    /// Token of an admin user created for the test.
    pub admin: String,
    /// The configuration the server runs with (its public URL is the real address).
    pub config: std::sync::Arc<Config>,
    /// The configuration keys (without the SAMLING_ prefix) the server was started with, for
    /// starting more instances on the same database.
    pub settings: BTreeMap<String, String>,
    /// The server's metrics, which `worker()` shares (as `samling serve` does).
    pub metrics: std::sync::Arc<samling::metrics::Metrics>,
    /// The separate metrics address, when `metrics_addr` was configured.
    pub metrics_addr: Option<std::net::SocketAddr>,
    database: TestDatabase,
}

/// The database of one test, removed when the test ends.
enum TestDatabase {
    Sqlite(PathBuf),
    Postgres { admin_url: String, name: String },
}

impl TestDatabase {
    /// A fresh one: on the PostgreSQL cluster SAMLING_TEST_POSTGRES names (its admin URL),
    /// else a SQLite file in the temp folder.
    async fn create(n: u32, engine: Option<store::Engine>) -> (TestDatabase, String) {
        let unique = format!("{}_{n}_{}", std::process::id(), nanos() % 1_000_000_000);
        let cluster = std::env::var("SAMLING_TEST_POSTGRES")
            .ok()
            .filter(|v| !v.is_empty());
        match (cluster, engine) {
            (Some(admin_url), None | Some(store::Engine::Postgres)) => {
                let name = format!("samling_test_{unique}");
                let admin = store::Db::connect(&admin_url)
                    .await
                    .expect("the test cluster answers");
                store::sql::query(&format!("CREATE DATABASE {name}"))
                    .execute(&admin)
                    .await
                    .expect("a test database is created");
                admin.close().await;
                let url = match admin_url.rsplit_once('/') {
                    Some((server, _)) => format!("{server}/{name}"),
                    None => panic!("SAMLING_TEST_POSTGRES is a URL ending in /database"),
                };
                (TestDatabase::Postgres { admin_url, name }, url)
            }
            (None, Some(store::Engine::Postgres)) => {
                panic!("a PostgreSQL test needs SAMLING_TEST_POSTGRES (scripts/test.sh sets it)")
            }
            _ => {
                let file = std::env::temp_dir().join(format!("samling-test-{unique}.db"));
                let url = format!("sqlite://{}", file.display());
                (TestDatabase::Sqlite(file), url)
            }
        }
    }

    fn remove(&self) {
        match self {
            TestDatabase::Sqlite(file) => {
                for suffix in ["", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(format!("{}{suffix}", file.display()));
                }
            }
            // Dropped from a thread of its own: Drop cannot wait on the test's runtime.
            TestDatabase::Postgres { admin_url, name } => {
                let (admin_url, name) = (admin_url.clone(), name.clone());
                let _ = std::thread::spawn(move || {
                    let runtime = tokio::runtime::Builder::new_current_thread()
                        .enable_all()
                        .build()
                        .expect("a runtime for dropping the test database");
                    runtime.block_on(async {
                        if let Ok(admin) = store::Db::connect(&admin_url).await {
                            let _ = store::sql::query(&format!(
                                "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
                            ))
                            .execute(&admin)
                            .await;
                            admin.close().await;
                        }
                    });
                })
                .join();
            }
        }
    }
}

/// Signs a staff user made by [`TestApp::user`] in through the login form of the server at
/// `base` and returns the session cookie (`name=value`) it set.
pub async fn staff_session(client: &reqwest::Client, base: &str, email: &str) -> String {
    let answer = client
        .post(format!("{base}/api/login"))
        .form(&[
            ("email", email),
            ("password", "correct horse battery"),
            ("next", "/"),
        ])
        .send()
        .await
        .unwrap();
    answer
        .headers()
        .get("set-cookie")
        .expect("a session cookie")
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_string()
}

/// An empty PostgreSQL database of its own on the test cluster, dropped with the guard; `None`
/// when the tests run without a cluster.
pub async fn empty_postgres() -> Option<(String, impl Drop)> {
    struct Dropped(TestDatabase);
    impl Drop for Dropped {
        fn drop(&mut self) {
            self.0.remove();
        }
    }
    if !on_postgres() {
        return None;
    }
    let n = COUNTER.fetch_add(1, Ordering::SeqCst);
    let (database, url) = TestDatabase::create(n, Some(store::Engine::Postgres)).await;
    Some((url, Dropped(database)))
}

/// True when the tests run on PostgreSQL (scripts/test.sh's second round).
pub fn on_postgres() -> bool {
    std::env::var("SAMLING_TEST_POSTGRES").is_ok_and(|v| !v.is_empty())
}

static COUNTER: AtomicU32 = AtomicU32::new(0);

impl TestApp {
    /// A server on 127.0.0.1:0 with an empty database and one admin.
    pub async fn spawn() -> TestApp {
        Self::spawn_with(&[]).await
    }

    /// The same, with extra configuration keys (without the SAMLING_ prefix).
    pub async fn spawn_with(extra: &[(&str, &str)]) -> TestApp {
        Self::spawn_on(None, extra).await
    }

    /// A server on a database of this engine whatever round the tests run in (`None`: the
    /// round's engine).
    pub async fn spawn_on(engine: Option<store::Engine>, extra: &[(&str, &str)]) -> TestApp {
        // Server logs in test output when RUST_LOG asks for them.
        if std::env::var_os("RUST_LOG").is_some() {
            samling::telemetry::init();
        }
        let n = COUNTER.fetch_add(1, Ordering::SeqCst);
        let (database, url) = TestDatabase::create(n, engine).await;
        let mut map = BTreeMap::new();
        map.insert("database_url".to_string(), url);
        map.insert("addr".to_string(), "127.0.0.1:0".to_string());
        // Tests call the API far faster than a person; tests/api_limit.rs sets the limit.
        map.insert("api_requests_per_minute".to_string(), "0".to_string());
        for (k, v) in extra {
            map.insert(k.to_string(), v.to_string());
        }
        let config = Config::from_map(&map).expect("test config is valid");
        let settings = map.clone();
        let app = Application::build(config).await.expect("the server starts");
        let base = format!("http://{}", app.local_addr());
        let mut config = (*app.config).clone();
        config.public_url = base.clone();
        let pool = app.pool.clone();
        let (metrics, metrics_addr) = (app.metrics.clone(), app.metrics_addr());
        tokio::spawn(app.run_until_stopped());
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        let mut test = TestApp {
            base,
            pool,
            client,
            admin: String::new(),
            config: std::sync::Arc::new(config),
            settings,
            metrics,
            metrics_addr,
            database,
        };
        test.admin = test.user("admin@test.no", Role::Admin, None).await;
        test
    }

    /// A server that texts through the SMS gateway emulator (Twilio's shape) and mails
    /// through the SMTP server, with the demo data loaded. Quiet hours are off: they are
    /// unit-tested, and a run must not depend on the hour CI runs at.
    pub async fn spawn_messaging(
        gateway: &sms_gateway::SmsGateway,
        smtp: &smtp::SmtpServer,
    ) -> TestApp {
        let mut keys = gateway.config("twilio");
        keys.insert("smtp_url".into(), smtp.url());
        keys.insert("mail_from".into(), "Samling <samling@kommune.test>".into());
        keys.insert("quiet_hours".into(), "off".into());
        let pairs: Vec<(&str, &str)> = keys.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let app = TestApp::spawn_with(&pairs).await;
        app.load_demo().await;
        app
    }

    /// The id of the (demo) participant with this first name.
    pub async fn participant_named(&self, first_name: &str) -> i64 {
        store::sql::query_scalar("SELECT id FROM participants WHERE first_name = $1")
            .bind(first_name)
            .fetch_one(&self.pool)
            .await
            .unwrap()
    }

    /// Creates (or updates) a staff user and returns an API token for them.
    pub async fn user(&self, email: &str, role: Role, school: Option<&str>) -> String {
        let staff = upsert_staff(
            &self.pool,
            NewStaff {
                email,
                name: email.split('@').next().unwrap(),
                role,
                school,
                password: "correct horse battery",
            },
            chrono::Utc::now(),
        )
        .await
        .expect("user is created");
        create_api_token(&self.pool, staff.id, chrono::Utc::now())
            .await
            .unwrap()
    }

    pub async fn user_id(&self, email: &str) -> i64 {
        store::sql::query_scalar("SELECT id FROM users WHERE email = $1")
            .bind(email)
            .fetch_one(&self.pool)
            .await
            .unwrap()
    }

    /// The reminder worker of this server, running as if it were `now + offset`.
    pub fn worker(&self, offset: chrono::Duration) -> samling::worker::Worker {
        let mut worker = samling::worker::Worker::new(self.config.clone(), self.pool.clone())
            .expect("the worker starts");
        worker.clock_offset = offset;
        worker.metrics = self.metrics.clone();
        worker
    }

    /// Runs this server's worker once, as if it were `at`.
    pub async fn run_worker_at(&self, at: chrono::DateTime<chrono::Utc>) {
        self.worker(at - chrono::Utc::now())
            .run_once()
            .await
            .expect("the worker runs");
    }

    /// The message ledger as an admin reads it (`GET /api/v1/messages?{query}`), every page.
    pub async fn ledger(&self, query: &str) -> Vec<Value> {
        self.all_pages(&self.admin, &format!("/api/v1/messages?{query}"))
            .await
    }

    /// Every row of a paged list, following its `Link: <…>; rel="next"` headers from `path`.
    pub async fn all_pages(&self, token: &str, path: &str) -> Vec<Value> {
        let mut rows = Vec::new();
        let mut next = Some(path.to_string());
        while let Some(path) = next.take() {
            let response = self.get_raw(token, &path).await;
            next = next_link(response.headers());
            let (status, page) = split(response).await;
            assert_eq!(status, 200, "{path}: {page}");
            rows.extend(page.as_array().expect("a page is a JSON array").clone());
        }
        rows
    }

    /// Loads the demo data (programmes "Klart jeg kan" and "Ny retning", a course).
    pub async fn load_demo(&self) {
        samling::demo::load(&self.pool, chrono::Utc::now())
            .await
            .expect("demo data loads");
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Sends a request with the token and an optional JSON body; returns status and JSON.
    pub async fn send(
        &self,
        method: reqwest::Method,
        token: &str,
        path: &str,
        body: Option<Value>,
    ) -> (u16, Value) {
        let mut req = self
            .client
            .request(method, self.url(path))
            .bearer_auth(token);
        if let Some(b) = body {
            req = req.json(&b);
        }
        split(req.send().await.unwrap()).await
    }

    /// Posts a form to a server function (`/api/<name>`) as the hydrated page does, with an
    /// optional cookie.
    pub async fn call_fn(
        &self,
        path: &str,
        cookie: Option<&str>,
        form: &[(&str, &str)],
    ) -> reqwest::Response {
        let mut req = self
            .client
            .post(self.url(path))
            .header("accept", "application/json")
            .form(form);
        if let Some(c) = cookie {
            req = req.header("cookie", c);
        }
        req.send().await.unwrap()
    }

    /// A page's HTML as the browser first gets it (it must answer 200).
    pub async fn page(&self, path: &str, cookie: Option<&str>) -> String {
        let mut req = self.client.get(self.url(path));
        if let Some(c) = cookie {
            req = req.header("cookie", c);
        }
        let response = req.send().await.unwrap();
        assert_eq!(response.status(), 200, "{path}");
        response.text().await.unwrap()
    }

    /// A GET with the token, as the raw answer (for its headers).
    pub async fn get_raw(&self, token: &str, path: &str) -> reqwest::Response {
        self.client
            .get(self.url(path))
            .bearer_auth(token)
            .send()
            .await
            .unwrap()
    }

    pub async fn get(&self, token: &str, path: &str) -> (u16, Value) {
        self.send(reqwest::Method::GET, token, path, None).await
    }

    pub async fn post(&self, token: &str, path: &str, body: Value) -> (u16, Value) {
        self.send(reqwest::Method::POST, token, path, Some(body))
            .await
    }

    pub async fn patch(&self, token: &str, path: &str, body: Value) -> (u16, Value) {
        self.send(reqwest::Method::PATCH, token, path, Some(body))
            .await
    }

    pub async fn put(&self, token: &str, path: &str, body: Value) -> (u16, Value) {
        self.send(reqwest::Method::PUT, token, path, Some(body))
            .await
    }

    pub async fn delete(&self, token: &str, path: &str, body: Option<Value>) -> (u16, Value) {
        self.send(reqwest::Method::DELETE, token, path, body).await
    }

    /// The id of a programme by name.
    pub async fn programme_id(&self, name: &str) -> i64 {
        store::sql::query_scalar("SELECT id FROM programmes WHERE name = $1")
            .bind(name)
            .fetch_one(&self.pool)
            .await
            .unwrap()
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        self.database.remove();
    }
}

fn nanos() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos()
}

/// The target of a `Link: <target>; rel="next"` header, if the answer has one.
pub fn next_link(headers: &reqwest::header::HeaderMap) -> Option<String> {
    let link = headers.get(reqwest::header::LINK)?.to_str().ok()?;
    link.split(',').find_map(|one| {
        let (target, params) = one.trim().split_once(';')?;
        params
            .split(';')
            .any(|p| p.trim() == "rel=\"next\"")
            .then(|| {
                target
                    .trim()
                    .trim_start_matches('<')
                    .trim_end_matches('>')
                    .to_string()
            })
    })
}

async fn split(r: reqwest::Response) -> (u16, Value) {
    let status = r.status().as_u16();
    let text = r.text().await.unwrap();
    let body = serde_json::from_str(&text).unwrap_or(Value::String(text));
    (status, body)
}

/// Asserts a JSON error with this status, code and (when given) field.
#[track_caller]
pub fn assert_error(got: &(u16, Value), status: u16, code: &str, field: Option<&str>) {
    assert_eq!(got.0, status, "status; body: {}", got.1);
    assert_eq!(got.1["error"]["code"], code, "code; body: {}", got.1);
    assert!(
        got.1["error"]["message"]
            .as_str()
            .is_some_and(|m| !m.is_empty()),
        "a message; body: {}",
        got.1
    );
    if let Some(field) = field {
        assert_eq!(got.1["error"]["field"], field, "field; body: {}", got.1);
    }
}

/// A Python that has this module: Debian's (scripts/setup.sh installs the python3-… packages
/// the tests use), else the first `python3` on the PATH, else the tools folder's virtualenv
/// (where scripts/setup.sh --test installs what Debian does not package, pinned).
pub fn python_with(module: &str) -> String {
    let tools = std::env::var("SAMLING_TOOLS_DIR").unwrap_or_else(|_| {
        format!(
            "{}/.cache/samling-tools",
            std::env::var("HOME").unwrap_or_default()
        )
    });
    let venv = format!("{tools}/venv/bin/python3");
    for candidate in ["/usr/bin/python3", "python3", venv.as_str()] {
        let ok = std::process::Command::new(candidate)
            .args(["-c", &format!("import {module}")])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if ok {
            return candidate.to_string();
        }
    }
    panic!("no python3 with {module}: scripts/setup.sh --test installs it");
}
