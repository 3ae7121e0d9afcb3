//! The message ledger: every planned, sent, delivered, failed, skipped, cancelled and uncertain
//! message, filtered by participant, course and state, within what the user may see.

pub mod answers;
pub mod confirm;
pub mod planner;
pub mod render;
pub mod replies;
pub mod rules;
pub mod send_facts;
pub mod templates;

use crate::access_log::{record_each, Access};
use crate::actor::Actor;
use crate::error::{StoreError, StoreResult};
use crate::paging::{self, Page, PageQuery};
use crate::sql::Db;
use crate::sql::{query, query_as};
use domain::messages::MessageState;
use domain::messages::{InboxItem, LedgerEntry, LedgerFilter};
use domain::problem::Code;

const LEDGER_SELECT: &str = "SELECT o.id, o.kind, o.channel, o.state, o.reason, o.participant_id,
        p.first_name || ' ' || p.last_name AS participant_name, o.user_id, o.course_id, o.session_id,
        o.rule_key, o.due_at, o.sent_at, o.delivered_at, o.recipient, o.subject, o.body, o.attempts,
        o.last_error, o.provider, o.provider_id
     FROM outbox o LEFT JOIN participants p ON p.id = o.participant_id";

/// The name the ledger's cursors carry.
const LEDGER: &str = "messages";

/// One page of the ledger, the newest first (by due time, then id: a total order, so that
/// paging on neither repeats nor skips a message). Admins see every message; leaders those of
/// the courses they lead; counsellors those to the pupils of their school and their guardians
/// (not the e-mails to staff).
pub async fn list(
    db: &Db,
    staff: &Actor,
    filter: &LedgerFilter,
    asked: &PageQuery,
) -> StoreResult<Page<LedgerEntry>> {
    if let Some(state) = &filter.state {
        if MessageState::parse(state).is_none() {
            return Err(StoreError::invalid("state", Code::MessageStateChoice));
        }
    }
    let size = asked.size()?;
    let after = match asked.after::<(String, i64)>(LEDGER)? {
        Some((due_at, id)) => {
            let due_at =
                chrono::DateTime::parse_from_rfc3339(&due_at).map_err(|_| paging::bad_cursor())?;
            Some((due_at.with_timezone(&chrono::Utc), id))
        }
        None => None,
    };
    let scope = if staff.is_admin() {
        ""
    } else if staff.is_counsellor() {
        " AND o.user_id IS NULL AND o.participant_id IN (SELECT id FROM participants WHERE school_id = $6)"
    } else {
        " AND o.course_id IN (SELECT course_id FROM course_leaders WHERE user_id = $5)"
    };
    let after_clause = if after.is_some() {
        " AND (o.due_at, o.id) < ($7, $8)"
    } else {
        ""
    };
    let sql = format!(
        "{LEDGER_SELECT}
         WHERE ($1 IS NULL OR o.participant_id = $1) AND ($2 IS NULL OR o.course_id = $2)
           AND ($3 IS NULL OR o.state = $3){scope}{after_clause}
         ORDER BY o.due_at DESC, o.id DESC LIMIT $4"
    );
    let rows: Vec<LedgerEntry> = query_as(&sql)
        .bind(filter.participant_id)
        .bind(filter.course_id)
        .bind(&filter.state)
        .bind(size + 1)
        .bind(staff.id)
        .bind(staff.school_id.unwrap_or(-1))
        .bind(after.map(|(due_at, _)| due_at))
        .bind(after.map(|(_, id)| id))
        .fetch_all(db)
        .await?;
    let page = paging::page(rows, size, LEDGER, |r| (r.due_at.clone(), r.id))?;
    let shown: Vec<i64> = page.items.iter().filter_map(|r| r.participant_id).collect();
    record_each(db, staff, &shown, Access::Read, "message ledger").await?;
    Ok(page)
}

/// Failed and uncertain messages someone should look at, for the dashboard.
pub async fn needing_attention(db: &Db, staff: &Actor) -> StoreResult<Vec<LedgerEntry>> {
    if staff.is_counsellor() {
        return Ok(Vec::new());
    }
    let scope = if staff.is_admin() {
        ""
    } else {
        " AND o.course_id IN (SELECT course_id FROM course_leaders WHERE user_id = $1)"
    };
    let sql = format!(
        // Written as the outbox_attention index's condition, word for word, so that it is used.
        "{LEDGER_SELECT} WHERE (o.state = 'failed' OR o.state = 'uncertain'){scope} ORDER BY o.due_at DESC LIMIT 100"
    );
    let rows: Vec<LedgerEntry> = query_as(&sql).bind(staff.id).fetch_all(db).await?;
    let shown: Vec<i64> = rows.iter().filter_map(|r| r.participant_id).collect();
    record_each(
        db,
        staff,
        &shown,
        Access::Read,
        "messages needing attention",
    )
    .await?;
    Ok(rows)
}

/// Unread replies: for admins all, for leaders those from participants of their courses.
pub async fn inbox(db: &Db, staff: &Actor) -> StoreResult<Vec<InboxItem>> {
    if staff.is_counsellor() {
        return Ok(Vec::new());
    }
    let scope = if staff.is_admin() {
        ""
    } else {
        " AND i.participant_id IN (SELECT e.participant_id FROM enrolments e
             JOIN course_leaders l ON l.course_id = e.course_id WHERE l.user_id = $1)"
    };
    let sql = format!(
        "SELECT i.id, i.participant_id, p.first_name || ' ' || p.last_name AS participant_name,
                i.from_number, i.body, i.intent, i.received_at
         FROM inbox i LEFT JOIN participants p ON p.id = i.participant_id
         WHERE i.handled_at IS NULL{scope} ORDER BY i.received_at DESC LIMIT 100"
    );
    let items: Vec<InboxItem> = query_as(&sql).bind(staff.id).fetch_all(db).await?;
    let shown: Vec<i64> = items.iter().filter_map(|i| i.participant_id).collect();
    record_each(db, staff, &shown, Access::Read, "replies").await?;
    Ok(items)
}

/// Marks a reply as read by this user (only one they can see).
pub async fn mark_read(
    db: &Db,
    staff: &Actor,
    id: i64,
    now: chrono::DateTime<chrono::Utc>,
) -> StoreResult<()> {
    if !inbox(db, staff).await?.iter().any(|i| i.id == id) {
        return Err(StoreError::not_found("reply"));
    }
    query("UPDATE inbox SET handled_by = $1, handled_at = $2 WHERE id = $3 AND handled_at IS NULL")
        .bind(staff.id)
        .bind(now)
        .bind(id)
        .execute(db)
        .await?;
    Ok(())
}
