//! What server functions reach from the server's context (the database pool and the
//! settings), and the clock.

use crate::error::{AppError, AppResult};
use chrono::{DateTime, Utc};

pub use store::Db;

/// The pool, as provided to every server function by the server's context.
pub fn db() -> AppResult<Db> {
    leptos::prelude::use_context::<Db>().ok_or_else(|| {
        tracing::error!("database pool missing from the Leptos context");
        AppError::Internal
    })
}

pub fn now() -> DateTime<Utc> {
    Utc::now()
}

/// Server-side settings the pages' server functions need.
#[derive(Clone, Debug)]
pub struct ServerSettings {
    pub secure_cookies: bool,
    /// Where users reach Samling (links in messages and previews).
    pub public_url: String,
    /// The organisation's time zone: where "today" and month boundaries are drawn.
    pub time_zone: chrono_tz::Tz,
    /// Participants are erased this many months after their last activity.
    pub retention_months: u32,
    /// Behind a proxy: the header whose last entry is the client's address.
    pub client_ip_header: Option<String>,
}

/// The organisation's time zone (Europe/Oslo unless configured otherwise).
pub fn time_zone() -> chrono_tz::Tz {
    leptos::prelude::use_context::<ServerSettings>()
        .map(|s| s.time_zone)
        .unwrap_or(chrono_tz::Europe::Oslo)
}
