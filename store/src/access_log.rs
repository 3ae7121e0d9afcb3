//! The access log: every read or change of a participant's record by a staff user, appended
//! and never edited (the database refuses UPDATE and DELETE on the table). Admins can list it
//! per participant.

use crate::actor::Actor;
use crate::error::{StoreError, StoreResult};
use crate::sql::{query, query_as, Db};
use chrono::Utc;
use domain::access_log::AccessEntry;

#[derive(Clone, Copy, Debug)]
pub enum Access {
    Read,
    Change,
    /// A download that carries the participant's name (a report with names).
    Export,
}

impl Access {
    fn code(self) -> &'static str {
        match self {
            Access::Read => "read",
            Access::Change => "change",
            Access::Export => "export",
        }
    }
}

/// Appends one entry. A failure to log fails the request: a read that cannot be
/// accounted for must not happen.
pub async fn record(
    db: &Db,
    actor: &Actor,
    participant_id: i64,
    access: Access,
    what: &str,
) -> StoreResult<()> {
    let action = access.code();
    query("INSERT INTO access_log (at, user_id, participant_id, action, via, what) VALUES ($1, $2, $3, $4, $5, $6)")
        .bind(Utc::now())
        .bind(actor.id)
        .bind(participant_id)
        .bind(action)
        .bind(actor.via.code())
        .bind(what)
        .execute(db)
        .await?;
    Ok(())
}

/// Appends one entry per participant, in one transaction: a list or report that shows many.
pub async fn record_each(
    db: &Db,
    actor: &Actor,
    participant_ids: &[i64],
    access: Access,
    what: &str,
) -> StoreResult<()> {
    let mut tx = db.begin_write().await?;
    let action = access.code();
    let at = Utc::now();
    for id in participant_ids {
        query("INSERT INTO access_log (at, user_id, participant_id, action, via, what) VALUES ($1, $2, $3, $4, $5, $6)")
            .bind(at)
            .bind(actor.id)
            .bind(*id)
            .bind(action)
            .bind(actor.via.code())
            .bind(what)
            .execute(&mut tx)
            .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// The log for one participant, newest first (admins only).
pub async fn list(db: &Db, actor: &Actor, participant_id: i64) -> StoreResult<Vec<AccessEntry>> {
    if !actor.is_admin() {
        return Err(StoreError::Forbidden);
    }
    Ok(query_as(
        "SELECT a.id, a.at, a.user_id, u.name AS user_name, a.participant_id, a.action, a.via, a.what
         FROM access_log a JOIN users u ON u.id = a.user_id
         WHERE a.participant_id = $1 ORDER BY a.id DESC",
    )
    .bind(participant_id)
    .fetch_all(db)
    .await?)
}
