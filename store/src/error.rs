//! The store's one error type: a refusal the caller can put into words for the user, or a
//! failure whose cause (the database's own error) is kept for the operator.

use domain::problem::{Code, Problem};

/// Why a store operation did not happen.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// No valid login session or API token.
    #[error("sign in first")]
    Unauthenticated,
    /// Signed in, but this is outside the caller's role or scope.
    #[error("you do not have access to this")]
    Forbidden,
    /// Wrong e-mail or password (deliberately not saying which).
    #[error("wrong e-mail or password")]
    WrongLogin,
    /// Too many failed logins; try again later.
    #[error("too many failed sign-in attempts; wait a few minutes and try again")]
    LockedOut,
    /// The right password for a disabled account.
    #[error("this account is disabled; ask an administrator")]
    AccountDisabled,
    #[error("{0}")]
    NotFound(String),
    /// A duplicate or a state that does not allow the change.
    #[error("{0}")]
    Conflict(Problem),
    /// Bad input, naming the field and what is wrong with it.
    #[error("{field}: {problem}")]
    Invalid { field: String, problem: Problem },
    /// The database failed; the cause is for the operator's log, never for the user.
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    /// Something else on our side failed; the text is for the operator's log.
    #[error("internal error: {0}")]
    Internal(String),
}

pub type StoreResult<T> = Result<T, StoreError>;

impl StoreError {
    pub fn invalid(field: &str, problem: impl Into<Problem>) -> Self {
        StoreError::Invalid {
            field: field.to_string(),
            problem: problem.into(),
        }
    }
    pub fn conflict(problem: impl Into<Problem>) -> Self {
        StoreError::Conflict(problem.into())
    }
    pub fn not_found(what: &str) -> Self {
        StoreError::NotFound(format!("{what} not found"))
    }
    pub fn internal(what: impl Into<String>) -> Self {
        StoreError::Internal(what.into())
    }
}

/// Maps a UNIQUE-constraint violation to a conflict saying what is taken.
pub fn conflict_on_unique(e: sqlx::Error, taken: Code) -> StoreError {
    match &e {
        sqlx::Error::Database(d) if d.is_unique_violation() => StoreError::conflict(taken),
        _ => e.into(),
    }
}
