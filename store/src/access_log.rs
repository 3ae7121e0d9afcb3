//! The access log: every read or change of a participant's record by a staff user, appended
//! and never edited (the database refuses UPDATE and DELETE on the table). Admins can list it
//! per participant.
//!
//! Reads are coalesced: a page view reads the same participant through several queries (the
//! participant page has a dozen sections; a hydrated page fetches them one request each), so a
//! read by the same staff member through the same door within `COALESCE_SECONDS` of an entry
//! for that participant adds nothing. The entry that stands says what was read first.
//! Changes and exports are never coalesced.

use crate::actor::Actor;
use crate::error::{StoreError, StoreResult};
use crate::paging::{self, Page, PageQuery};
use crate::sql::{placeholders, query, query_as, Db};
use chrono::{DateTime, Duration, Utc};
use domain::access_log::AccessEntry;

/// How long after one read of a participant further reads by the same person, through the
/// same door, count as the same view.
pub const COALESCE_SECONDS: i64 = 10;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
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

/// Appends one entry (a read only if this view has not read the participant already). A
/// failure to log fails the request: a read that cannot be accounted for must not happen.
pub async fn record(
    db: &Db,
    actor: &Actor,
    participant_id: i64,
    access: Access,
    what: &str,
) -> StoreResult<()> {
    record_at(db, actor, &[participant_id], access, what, Utc::now()).await
}

/// Appends one entry per participant, in one transaction: a list or report that shows many.
pub async fn record_each(
    db: &Db,
    actor: &Actor,
    participant_ids: &[i64],
    access: Access,
    what: &str,
) -> StoreResult<()> {
    record_at(db, actor, participant_ids, access, what, Utc::now()).await
}

/// As `record_each`, at a given time (tests show where one view ends and the next begins).
pub async fn record_at(
    db: &Db,
    actor: &Actor,
    participant_ids: &[i64],
    access: Access,
    what: &str,
    at: DateTime<Utc>,
) -> StoreResult<()> {
    let mut ids = participant_ids.to_vec();
    ids.sort_unstable();
    ids.dedup();
    // Sections of one page log their reads side by side; on PostgreSQL each would find no
    // entry yet and add its own, so one staff member's entries take turns (a lock of their
    // own, not the instances' write lock: reads logged never queue behind writers).
    let mut turn = db.begin_turn(actor.id).await?;
    for chunk in ids.chunks(400) {
        let coalesce = if access == Access::Read {
            "AND NOT EXISTS (SELECT 1 FROM access_log l WHERE l.user_id = $2 AND
                 l.participant_id = p.id AND l.action = $3 AND l.via = $4 AND l.at > $6)"
        } else {
            "AND $6 IS NOT NULL"
        };
        let sql = format!(
            "INSERT INTO access_log (at, user_id, participant_id, action, via, what)
             SELECT $1, $2, p.id, $3, $4, $5 FROM participants p
             WHERE p.id IN ({}) {coalesce}",
            placeholders(7, chunk.len())
        );
        let mut q = query(&sql)
            .bind(at)
            .bind(actor.id)
            .bind(access.code())
            .bind(actor.via.code())
            .bind(what)
            .bind(at - Duration::seconds(COALESCE_SECONDS));
        for id in chunk {
            q = q.bind(*id);
        }
        match turn.as_mut() {
            Some(tx) => q.execute(tx).await?,
            None => q.execute(db).await?,
        };
    }
    if let Some(tx) = turn {
        tx.commit().await?;
    }
    Ok(())
}

/// The name the access log's cursors carry.
const ACCESS_LOG: &str = "access-log";

/// One page of the log for one participant, newest first (admins only).
pub async fn list(
    db: &Db,
    actor: &Actor,
    participant_id: i64,
    asked: &PageQuery,
) -> StoreResult<Page<AccessEntry>> {
    if !actor.is_admin() {
        return Err(StoreError::Forbidden);
    }
    let size = asked.size()?;
    let after: Option<i64> = asked.after(ACCESS_LOG)?;
    let rows: Vec<AccessEntry> = query_as(
        "SELECT a.id, a.at, a.user_id, u.name AS user_name, a.participant_id, a.action, a.via, a.what
         FROM access_log a JOIN users u ON u.id = a.user_id
         WHERE a.participant_id = $1 AND ($2 IS NULL OR a.id < $2) ORDER BY a.id DESC LIMIT $3",
    )
    .bind(participant_id)
    .bind(after)
    .bind(size + 1)
    .fetch_all(db)
    .await?;
    paging::page(rows, size, ACCESS_LOG, |r| r.id)
}
