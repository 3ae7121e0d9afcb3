//! The app's one error type: what went wrong, in words a user can act on. Internal causes are
//! logged where they happen and never carried to the browser or an API client.

use domain::problem::{Code, Problem};
use serde::{Deserialize, Serialize};
use server_fn::codec::JsonEncoding;
use server_fn::error::{FromServerFnError, ServerFnErrorErr};
use std::fmt;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AppError {
    /// No valid login session or API token.
    Unauthenticated,
    /// Signed in, but this is outside the caller's role or scope.
    Forbidden,
    /// Wrong e-mail or password (deliberately not saying which).
    WrongLogin,
    /// Too many failed logins; try again later.
    LockedOut,
    /// The right password for a disabled account.
    AccountDisabled,
    NotFound(String),
    /// A duplicate or a state that does not allow the change.
    Conflict(Problem),
    /// A request that cannot be read at all (malformed JSON, wrong content type).
    BadRequest(String),
    /// Bad input, naming the field and what is wrong with it.
    Invalid {
        field: String,
        problem: Problem,
    },
    /// Something on our side failed; details are in the server log.
    Internal,
}

pub type AppResult<T> = Result<T, AppError>;

impl AppError {
    pub fn invalid(field: &str, problem: impl Into<Problem>) -> Self {
        AppError::Invalid {
            field: field.to_string(),
            problem: problem.into(),
        }
    }
    pub fn not_found(what: &str) -> Self {
        AppError::NotFound(format!("{what} not found"))
    }
    /// A stable machine-readable code for API clients and UI translations.
    pub fn code(&self) -> &'static str {
        match self {
            AppError::Unauthenticated => "unauthenticated",
            AppError::Forbidden => "forbidden",
            AppError::WrongLogin => "wrong_login",
            AppError::LockedOut => "locked_out",
            AppError::AccountDisabled => "account_disabled",
            AppError::NotFound(_) => "not_found",
            AppError::Conflict(_) => "conflict",
            AppError::BadRequest(_) => "bad_request",
            AppError::Invalid { .. } => "invalid",
            AppError::Internal => "internal",
        }
    }
    pub fn field(&self) -> Option<&str> {
        match self {
            AppError::Invalid { field, .. } => Some(field),
            _ => None,
        }
    }
    /// What exactly is wrong, for a refused field or a conflict.
    pub fn problem(&self) -> Option<&Problem> {
        match self {
            AppError::Invalid { problem, .. } | AppError::Conflict(problem) => Some(problem),
            _ => None,
        }
    }
}

impl fmt::Display for AppError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AppError::Unauthenticated => f.write_str("sign in first"),
            AppError::Forbidden => f.write_str("you do not have access to this"),
            AppError::WrongLogin => f.write_str("wrong e-mail or password"),
            AppError::LockedOut => {
                f.write_str("too many failed sign-in attempts; wait a few minutes and try again")
            }
            AppError::AccountDisabled => {
                f.write_str("this account is disabled; ask an administrator")
            }
            AppError::NotFound(m) | AppError::BadRequest(m) => f.write_str(m),
            AppError::Conflict(problem) => problem.fmt(f),
            AppError::Invalid { field, problem } => write!(f, "{field}: {problem}"),
            AppError::Internal => f.write_str("something went wrong on our side; try again"),
        }
    }
}

impl std::error::Error for AppError {}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;
    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Args(m) | ServerFnErrorErr::Deserialization(m) => {
                AppError::invalid("form", Code::Unreadable.with("detail", m))
            }
            other => {
                #[cfg(feature = "ssr")]
                tracing::warn!(error = %other, "server function transport error");
                let _ = other;
                AppError::Internal
            }
        }
    }
}

/// A store's refusal becomes the same refusal for the user; a failure is logged here, with
/// its cause, and the user hears only that something went wrong on our side.
#[cfg(feature = "ssr")]
impl From<store::StoreError> for AppError {
    fn from(e: store::StoreError) -> Self {
        use store::StoreError as S;
        match e {
            S::Unauthenticated => AppError::Unauthenticated,
            S::Forbidden => AppError::Forbidden,
            S::WrongLogin => AppError::WrongLogin,
            S::LockedOut => AppError::LockedOut,
            S::AccountDisabled => AppError::AccountDisabled,
            S::NotFound(m) => AppError::NotFound(m),
            S::Conflict(m) => AppError::Conflict(m),
            S::Invalid { field, problem } => AppError::Invalid { field, problem },
            S::Database(cause) => {
                tracing::error!(error = %cause, "database error");
                AppError::Internal
            }
            S::Internal(cause) => {
                tracing::error!(error = %cause, "internal error");
                AppError::Internal
            }
        }
    }
}

#[cfg(feature = "ssr")]
impl AppError {
    pub fn status(&self) -> http::StatusCode {
        use http::StatusCode;
        match self {
            AppError::Unauthenticated => StatusCode::UNAUTHORIZED,
            AppError::Forbidden => StatusCode::FORBIDDEN,
            AppError::WrongLogin => StatusCode::UNAUTHORIZED,
            AppError::LockedOut => StatusCode::TOO_MANY_REQUESTS,
            AppError::AccountDisabled => StatusCode::FORBIDDEN,
            AppError::NotFound(_) => StatusCode::NOT_FOUND,
            AppError::Conflict(_) => StatusCode::CONFLICT,
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::Invalid { .. } => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

#[cfg(feature = "ssr")]
impl axum::response::IntoResponse for AppError {
    fn into_response(self) -> axum::response::Response {
        let status = self.status();
        let mut error = serde_json::json!({ "code": self.code(), "message": self.to_string() });
        if let Some(field) = self.field() {
            error["field"] = field.into();
        }
        if let Some(problem) = self.problem() {
            error["problem"] = problem.code.code().into();
        }
        (status, axum::Json(serde_json::json!({ "error": error }))).into_response()
    }
}
