//! The database as server functions reach it (the pool in the Leptos context), and the clock.

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
