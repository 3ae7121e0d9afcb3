//! The staff session cookie: reading it from a request, setting and clearing it, and the
//! signed-in staff user of the current server-function request.

use crate::error::{AppError, AppResult};
use chrono::Utc;
use store::auth::{staff_by_session, SESSION_DAYS};
use store::{Actor, Via};

pub const SESSION_COOKIE: &str = "samling_session";

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
