//! `GET /calendar/{token}.ics`: a calendar feed as calendar apps fetch it — no cookie and no
//! sign-in; the unguessable token in the path is the only key. An unknown or revoked token
//! answers 404 with a plain body, the same for both, so the answer tells a guesser nothing.

use crate::state::AppState;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use http::{header, HeaderValue, StatusCode};

pub fn router() -> Router<AppState> {
    Router::new().route("/calendar/{file}", get(feed))
}

/// The host the public URL names: the right-hand side of every session's UID, so UIDs stay
/// the same as long as the site's address does.
pub fn host_of(public_url: &str) -> String {
    let rest = public_url
        .split_once("://")
        .map_or(public_url, |(_, rest)| rest);
    let host = rest.split('/').next().unwrap_or_default();
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    // Without the port: a UID names a domain.
    let host = match host.rsplit_once(':') {
        Some((h, port)) if !h.is_empty() && port.chars().all(|c| c.is_ascii_digit()) => h,
        _ => host,
    };
    host.to_ascii_lowercase()
}

fn not_found() -> Response {
    (
        StatusCode::NOT_FOUND,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        "No such calendar feed.\n",
    )
        .into_response()
}

async fn feed(State(state): State<AppState>, Path(file): Path<String>) -> Response {
    let Some(token) = file.strip_suffix(".ics") else {
        return not_found();
    };
    match store::calendar_feeds::content(&state.pool, token).await {
        Ok(Some(content)) => {
            let host = host_of(&state.config.public_url);
            let body = domain::calendar::ics(&content, &host, chrono::Utc::now());
            let mut response = body.into_response();
            let headers = response.headers_mut();
            headers.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/calendar; charset=utf-8"),
            );
            // Calendar apps poll; a few minutes' staleness is fine, and no shared cache may
            // keep a feed whose address is its only key.
            headers.insert(
                header::CACHE_CONTROL,
                HeaderValue::from_static("private, max-age=300"),
            );
            headers.insert(
                header::CONTENT_DISPOSITION,
                HeaderValue::from_static("inline; filename=\"samling.ics\""),
            );
            headers.insert("x-robots-tag", HeaderValue::from_static("noindex"));
            response
        }
        Ok(None) => not_found(),
        Err(e) => app::error::AppError::from(e).into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::host_of;

    #[test]
    fn the_uid_host_is_the_public_urls_host_without_port() {
        assert_eq!(host_of("https://Samling.Kommune.no/"), "samling.kommune.no");
        assert_eq!(host_of("http://127.0.0.1:3000"), "127.0.0.1");
        assert_eq!(host_of("samling.example"), "samling.example");
    }
}
