//! Server-side database access shared by server functions and the REST API: the pool type,
//! reading it from the Leptos context, and small helpers for stored values.

use crate::error::{AppError, AppResult};
use chrono::{DateTime, NaiveTime, Utc};

pub type Db = sqlx::SqlitePool;

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

/// "HH:MM" as forms and the API write times.
pub fn parse_hhmm(field: &str, input: &str) -> AppResult<NaiveTime> {
    NaiveTime::parse_from_str(input.trim(), "%H:%M")
        .map_err(|_| AppError::invalid(field, "use the form HH:MM, e.g. 12:30"))
}

pub fn hhmm(t: NaiveTime) -> String {
    t.format("%H:%M").to_string()
}

/// Maps a UNIQUE-constraint violation to a 409 with a readable message.
pub fn conflict_on_unique(e: sqlx::Error, message: &str) -> AppError {
    match &e {
        sqlx::Error::Database(d) if d.is_unique_violation() => AppError::Conflict(message.into()),
        _ => e.into(),
    }
}
