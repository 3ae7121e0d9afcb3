//! Server-side database access shared by server functions and the REST API: the pool type,
//! reading it from the Leptos context, and small helpers for stored values.

use crate::error::{AppError, AppResult};
use chrono::{DateTime, NaiveTime, Utc, Weekday};
use domain::weekday::{normalise_weekdays, parse_weekday};

pub type Db = sqlx::SqlitePool;

/// A query being built, for helpers that bind a shared list of fields.
pub type SqliteQuery<'q> = sqlx::query::Query<'q, sqlx::Sqlite, sqlx::sqlite::SqliteArguments<'q>>;

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

/// Weekday codes from a form or the API: at least one, each known ("tue", "tirsdag" …).
pub fn parse_weekdays(field: &str, input: &[String]) -> AppResult<Vec<Weekday>> {
    let mut days = Vec::new();
    for w in input {
        days.push(
            parse_weekday(w)
                .ok_or_else(|| AppError::invalid(field, format!("unknown weekday \"{w}\"")))?,
        );
    }
    let days = normalise_weekdays(days);
    if days.is_empty() {
        return Err(AppError::invalid(field, "choose at least one weekday"));
    }
    Ok(days)
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

/// A transaction that writes. It takes the write lock at BEGIN (IMMEDIATE), waiting its
/// turn on the busy timeout: a plain deferred one that reads first and then writes fails at
/// once with "database is locked" when another connection (the worker) wrote meanwhile.
pub async fn write_tx(db: &Db) -> AppResult<sqlx::Transaction<'static, sqlx::Sqlite>> {
    Ok(db.begin_with("BEGIN IMMEDIATE").await?)
}
