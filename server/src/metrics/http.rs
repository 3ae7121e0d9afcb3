//! Metrics over HTTP: `GET /metrics` on the main address behind a bearer token, or on an
//! address of its own without one; and the middleware that counts and times every request by
//! its route (the template, never the path: paths carry sign-in tokens).

use super::{Metrics, CONTENT_TYPE};
use crate::config::Secret;
use axum::extract::{MatchedPath, Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, MethodRouter};
use axum::Router;
use http::{header, StatusCode};
use std::sync::Arc;
use std::time::Instant;

/// What the handler needs: the registry, the database it reads at each scrape, and the token
/// (none on the separate address).
#[derive(Clone)]
pub struct Scrape {
    pub metrics: Arc<Metrics>,
    pub pool: store::Db,
    pub token: Option<Secret>,
}

/// The handler of `/metrics`, for a router of any state.
pub fn route<S: Clone + Send + Sync + 'static>(scrape: Scrape) -> MethodRouter<S> {
    get(move |headers: http::HeaderMap| metrics(scrape.clone(), headers))
}

async fn metrics(s: Scrape, headers: http::HeaderMap) -> Response {
    if let Some(token) = &s.token {
        let given = headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .unwrap_or_default();
        if !same(given.as_bytes(), token.expose().as_bytes()) {
            return (
                StatusCode::UNAUTHORIZED,
                [(header::WWW_AUTHENTICATE, "Bearer")],
                "metrics need Authorization: Bearer <SAMLING_METRICS_TOKEN>\n",
            )
                .into_response();
        }
    }
    match s.metrics.render(&s.pool, chrono::Utc::now()).await {
        Ok(text) => ([(header::CONTENT_TYPE, CONTENT_TYPE)], text).into_response(),
        Err(e) => {
            tracing::error!("{e}");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                "metrics are not available now (the database does not answer)\n",
            )
                .into_response()
        }
    }
}

/// Compares in time that does not depend on where the first difference is.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Counts and times each request by route template, method and status.
pub async fn track(State(metrics): State<Arc<Metrics>>, request: Request, next: Next) -> Response {
    let started = Instant::now();
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map(|p| p.as_str().to_string())
        // Static files and pages nobody routes: one label, not one per path.
        .unwrap_or_else(|| "(other)".to_string());
    let method = request.method().as_str().to_string();
    let response = next.run(request).await;
    metrics.request(
        &route,
        &method,
        response.status().as_u16(),
        started.elapsed(),
    );
    response
}

/// Serves `/metrics` alone on the separate address until the process ends.
pub async fn serve_separately(listener: tokio::net::TcpListener, scrape: Scrape) {
    let router: Router = Router::new().route("/metrics", route(scrape));
    if let Err(e) = axum::serve(listener, router).await {
        tracing::error!("the metrics address stopped: {e}");
    }
}
