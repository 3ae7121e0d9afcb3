//! The access log: every read or change of a participant's record by a staff user, appended
//! and never edited (the database refuses UPDATE and DELETE on the table). Admins can list it
//! per participant.

pub use domain::access_log::AccessEntry;

#[cfg(feature = "ssr")]
pub use store::*;

#[cfg(feature = "ssr")]
mod store {
    use super::AccessEntry;
    use crate::auth::Staff;
    use crate::db::Db;
    use crate::error::{AppError, AppResult};

    #[derive(Clone, Copy, Debug)]
    pub enum Access {
        Read,
        Change,
    }

    /// Where the current request came from: a page's server function runs inside a Leptos
    /// reactive owner with the request in context; a REST handler does not.
    fn via() -> &'static str {
        if leptos::prelude::use_context::<http::request::Parts>().is_some() {
            "page"
        } else {
            "api"
        }
    }

    /// Appends one entry. A failure to log fails the request: a read that cannot be
    /// accounted for must not happen.
    pub async fn record(
        db: &Db,
        staff: &Staff,
        participant_id: i64,
        access: Access,
        what: &str,
    ) -> AppResult<()> {
        let action = match access {
            Access::Read => "read",
            Access::Change => "change",
        };
        sqlx::query("INSERT INTO access_log (at, user_id, participant_id, action, via, what) VALUES (?, ?, ?, ?, ?, ?)")
            .bind(crate::db::now())
            .bind(staff.id)
            .bind(participant_id)
            .bind(action)
            .bind(via())
            .bind(what)
            .execute(db)
            .await?;
        Ok(())
    }

    /// The log for one participant, newest first (admins only).
    pub async fn list(db: &Db, staff: &Staff, participant_id: i64) -> AppResult<Vec<AccessEntry>> {
        if !staff.is_admin() {
            return Err(AppError::Forbidden);
        }
        Ok(sqlx::query_as(
            "SELECT a.id, a.at, a.user_id, u.name AS user_name, a.participant_id, a.action, a.via, a.what
             FROM access_log a JOIN users u ON u.id = a.user_id
             WHERE a.participant_id = ? ORDER BY a.id DESC",
        )
        .bind(participant_id)
        .fetch_all(db)
        .await?)
    }
}
