//! The staff session cookie: reading it from a request, setting and clearing it, and the
//! signed-in staff user of the current server-function request.

use crate::error::{AppError, AppResult};
use chrono::Utc;
use store::auth::{staff_by_session, SESSION_DAYS};
use store::{Actor, Via};

pub const SESSION_COOKIE: &str = "samling_session";

/// The address the current request came from: the peer's, or, behind a proxy configured with
/// `SAMLING_CLIENT_IP_HEADER`, the last entry of that header (the one the proxy itself added;
/// earlier entries are whatever the client claimed).
pub fn client_address() -> String {
    use leptos::prelude::use_context;
    let Some(parts) = use_context::<http::request::Parts>() else {
        return "unknown".into();
    };
    let header = use_context::<crate::db::ServerSettings>().and_then(|s| s.client_ip_header);
    let forwarded = header.and_then(|name| {
        let value = parts.headers.get(name.as_str())?.to_str().ok()?;
        let last = value.rsplit(',').next()?.trim();
        (!last.is_empty()).then(|| last.to_string())
    });
    forwarded.unwrap_or_else(|| {
        parts
            .extensions
            .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
            .map_or_else(|| "unknown".into(), |peer| peer.0.ip().to_string())
    })
}

/// Reads the staff session cookie out of the request headers.
pub fn session_cookie(headers: &http::HeaderMap) -> Option<String> {
    cookie(headers, SESSION_COOKIE)
}

/// Reads a cookie by name out of the request's Cookie headers.
pub fn cookie(headers: &http::HeaderMap, wanted: &str) -> Option<String> {
    headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == wanted)
        .map(|(_, value)| value.to_string())
}

pub fn session_set_cookie(secret: &str, secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    format!(
        "{SESSION_COOKIE}={secret}; Path=/; HttpOnly; SameSite=Lax; Max-Age={}{secure}",
        SESSION_DAYS * 24 * 3600
    )
}

pub fn session_clear_cookie() -> String {
    format!("{SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0")
}

/// The signed-in staff user of the current server-function request, acting through a page.
pub async fn current_staff() -> AppResult<Actor> {
    let parts: http::request::Parts =
        leptos::prelude::use_context().ok_or(AppError::Unauthenticated)?;
    let secret = session_cookie(&parts.headers).ok_or(AppError::Unauthenticated)?;
    let db = crate::db::db()?;
    let staff = staff_by_session(&db, &secret, Utc::now())
        .await?
        .ok_or(AppError::Unauthenticated)?;
    Ok(Actor::new(staff, Via::Page))
}
