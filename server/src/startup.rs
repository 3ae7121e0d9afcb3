//! Building the application: database, router (pages, server functions, REST API, health
//! check, static files) and the listener; running it until a shutdown signal.

use crate::config::Config;
use crate::metrics::{self, http::Scrape, Metrics};
use crate::state::AppState;
use crate::{api, db};
use app::app::{shell, App};
use app::db::ServerSettings;
use axum::routing::get;
use axum::Router;
use http::{HeaderValue, StatusCode};
use leptos::config::LeptosOptions;
use leptos::prelude::provide_context;
use leptos_axum::{generate_route_list, LeptosRoutes};
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;
use tower_http::compression::CompressionLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;

pub struct Application {
    listener: TcpListener,
    /// The separate address of `/metrics`, when one is configured.
    metrics_listener: Option<TcpListener>,
    router: Router,
    pub pool: store::Db,
    pub config: Arc<Config>,
    /// This process's metrics: the server's requests and its worker's sends.
    pub metrics: Arc<Metrics>,
}

impl Application {
    /// Opens and migrates the database, then binds the configured address (port 0 picks a free one).
    pub async fn build(config: Config) -> Result<Self, String> {
        let pool = db::connect_and_migrate(&config.database_url).await?;
        let listener = TcpListener::bind(config.addr)
            .await
            .map_err(|e| format!("cannot listen on {} (SAMLING_ADDR): {e}", config.addr))?;
        let mut config = config;
        // Port 0 picks a free port: links and webhook signatures need the real one.
        if config.public_url.ends_with(":0") {
            config.public_url = format!(
                "http://{}",
                listener.local_addr().map_err(|e| e.to_string())?
            );
        }
        let metrics_listener = match config.operations.metrics_addr {
            Some(addr) => Some(TcpListener::bind(addr).await.map_err(|e| {
                format!("cannot listen on {addr} for metrics (SAMLING_METRICS_ADDR): {e}")
            })?),
            None => None,
        };
        let config = Arc::new(config);
        let metrics = Arc::new(Metrics::new());
        let router = router((*config).clone(), pool.clone(), metrics.clone());
        Ok(Self {
            listener,
            metrics_listener,
            router,
            pool,
            config,
            metrics,
        })
    }

    pub fn local_addr(&self) -> std::net::SocketAddr {
        self.listener
            .local_addr()
            .expect("a bound listener has an address")
    }

    /// The separate metrics address, when configured (port 0 picks a free one).
    pub fn metrics_addr(&self) -> Option<std::net::SocketAddr> {
        self.metrics_listener
            .as_ref()
            .and_then(|l| l.local_addr().ok())
    }

    /// Starts the reminder worker beside the web server; it stops with the process.
    pub fn spawn_worker(&self) -> Result<(), String> {
        let mut worker = crate::worker::Worker::new(self.config.clone(), self.pool.clone())?;
        worker.metrics = self.metrics.clone();
        tokio::spawn(worker.run(std::future::pending()));
        Ok(())
    }

    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        if let Some(listener) = self.metrics_listener {
            tokio::spawn(metrics::http::serve_separately(
                listener,
                Scrape {
                    metrics: self.metrics.clone(),
                    pool: self.pool.clone(),
                    token: None,
                },
            ));
        }
        // The peer's address reaches the handlers (the sign-in throttle counts by it).
        let service = self
            .router
            .into_make_service_with_connect_info::<std::net::SocketAddr>();
        axum::serve(self.listener, service)
            .with_graceful_shutdown(shutdown_signal())
            .await
    }
}

pub fn leptos_options(config: &Config) -> LeptosOptions {
    // The site build names its files by their content and lists the hashes in hash.txt; Leptos
    // reads it (by an absolute path: it would look beside the binary otherwise).
    let hashes = config.site_root.join("hash.txt");
    let hashes = std::path::absolute(&hashes).unwrap_or(hashes);
    LeptosOptions::builder()
        .output_name("samling")
        .site_root(config.site_root.to_string_lossy().to_string())
        .site_pkg_dir("pkg")
        .site_addr(config.addr)
        .env(leptos::config::Env::PROD)
        .hash_files(hashes.exists())
        .hash_file(std::sync::Arc::from(hashes.to_string_lossy().as_ref()))
        .build()
}

pub fn router(config: Config, pool: store::Db, metrics: Arc<Metrics>) -> Router {
    let leptos_options = leptos_options(&config);
    let settings = ServerSettings {
        secure_cookies: config.secure_cookies,
        public_url: config.public_url.clone(),
        time_zone: config.time_zone,
        retention_months: config.retention_months,
        client_ip_header: config.client_ip_header.clone(),
    };
    let hardening = crate::hardening::Hardening::new(&config.public_url);
    // On the main address only with a token; without one, /metrics is not served there.
    let metrics_route = config.operations.metrics_token.as_ref().map(|token| {
        metrics::http::route(Scrape {
            metrics: metrics.clone(),
            pool: pool.clone(),
            token: Some(token.clone()),
        })
    });
    let api_limit = Arc::new(api::limit::ApiLimit::per_minute(
        config.operations.api_requests_per_minute,
    ));
    let state = AppState {
        leptos_options: leptos_options.clone(),
        pool: pool.clone(),
        config: Arc::new(config),
        metrics: metrics.clone(),
        api_limit,
    };
    let routes = generate_route_list(App);
    let page_db = pool.clone();
    let context = move || {
        provide_context(pool.clone());
        provide_context(settings.clone());
    };
    let fallback =
        leptos_axum::file_and_error_handler_with_context::<AppState, _>(context.clone(), shell);
    let mut base = Router::new()
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz));
    if let Some(route) = metrics_route {
        base = base.route("/metrics", route);
    }
    base.nest("/api/v1", api::router())
        .merge(crate::hooks::router())
        .merge(crate::reports::downloads::router())
        .merge(crate::api::privacy::page_router())
        .merge(crate::calendar::router())
        .leptos_routes_with_context(&state, routes, context, {
            let options = leptos_options.clone();
            move || shell(options.clone())
        })
        .fallback(fallback)
        .layer(axum::middleware::from_fn(
            crate::static_files::cache_control,
        ))
        .layer(axum::middleware::from_fn_with_state(
            page_db,
            crate::page_language::own_language,
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            http::header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            http::header::X_FRAME_OPTIONS,
            HeaderValue::from_static("DENY"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            http::header::REFERRER_POLICY,
            HeaderValue::from_static("same-origin"),
        ))
        .layer(axum::middleware::from_fn_with_state(
            hardening,
            crate::hardening::guard,
        ))
        .layer(CompressionLayer::new())
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            Duration::from_secs(30),
        ))
        .layer(axum::middleware::from_fn_with_state(
            metrics,
            metrics::http::track,
        ))
        .layer(crate::telemetry::trace_layer())
        .layer(axum::middleware::from_fn(crate::telemetry::request_id))
        .with_state(state)
}

/// Liveness: 200 {"status":"ok"} when the database answers within a second, 503 otherwise.
async fn healthz(
    axum::extract::State(db): axum::extract::State<store::Db>,
) -> (StatusCode, axum::Json<serde_json::Value>) {
    let ok = tokio::time::timeout(Duration::from_secs(1), db.ping())
        .await
        .unwrap_or(false);
    status_answer(ok, "health check failed")
}

/// Readiness, for a platform's probe: 200 only when the database answers and every migration
/// this build knows has been applied (an instance never takes traffic on an older schema).
async fn readyz(
    axum::extract::State(db): axum::extract::State<store::Db>,
) -> (StatusCode, axum::Json<serde_json::Value>) {
    let ready = tokio::time::timeout(Duration::from_secs(1), db.is_ready())
        .await
        .unwrap_or(false);
    status_answer(ready, "readiness check failed")
}

fn status_answer(ok: bool, warning: &str) -> (StatusCode, axum::Json<serde_json::Value>) {
    if ok {
        (
            StatusCode::OK,
            axum::Json(serde_json::json!({ "status": "ok" })),
        )
    } else {
        tracing::warn!("{warning}");
        (
            StatusCode::SERVICE_UNAVAILABLE,
            axum::Json(serde_json::json!({ "status": "unavailable" })),
        )
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = terminate => {} }
    tracing::info!("shutting down");
}
