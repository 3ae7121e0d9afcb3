//! The participant's session cookie (after following a sign-in link): setting and clearing it,
//! and the signed-in participant of the current server-function request.

use crate::error::{AppError, AppResult};
use chrono::Utc;
use store::participant_access::{participant_by_session, SESSION_DAYS};

pub const PARTICIPANT_COOKIE: &str = "samling_participant";

pub fn set_cookie(secret: &str, secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    format!(
        "{PARTICIPANT_COOKIE}={secret}; Path=/; HttpOnly; SameSite=Lax; Max-Age={}{secure}",
        SESSION_DAYS * 24 * 3600
    )
}

pub fn clear_cookie() -> String {
    format!("{PARTICIPANT_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0")
}

/// The signed-in participant of the current server-function request.
pub async fn current_participant() -> AppResult<i64> {
    let parts: http::request::Parts =
        leptos::prelude::use_context().ok_or(AppError::Unauthenticated)?;
    let secret = crate::auth::session::cookie(&parts.headers, PARTICIPANT_COOKIE)
        .ok_or(AppError::Unauthenticated)?;
    participant_by_session(&crate::db::db()?, &secret, Utc::now())
        .await?
        .ok_or(AppError::Unauthenticated)
}
