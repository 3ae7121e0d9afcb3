//! The message ledger: every planned, sent, delivered, failed, skipped, cancelled and uncertain
//! message, filtered by participant, course and state, within what the user may see.

use super::{LedgerEntry, LedgerFilter};
use crate::auth::Staff;
use crate::db::Db;
use crate::domain::messages::MessageState;
use crate::error::{AppError, AppResult};

const LEDGER_SELECT: &str = "SELECT o.id, o.kind, o.channel, o.state, o.reason, o.participant_id,
        p.first_name || ' ' || p.last_name AS participant_name, o.user_id, o.course_id, o.session_id,
        o.rule_key, o.due_at, o.sent_at, o.delivered_at, o.recipient, o.subject, o.body, o.attempts,
        o.last_error, o.provider, o.provider_id
     FROM outbox o LEFT JOIN participants p ON p.id = o.participant_id";

/// At most this many rows per answer; the newest first.
pub const LEDGER_LIMIT: i64 = 500;

/// Admins see every message; leaders those of the courses they lead; counsellors none (the
/// texts are between the course and the participant).
pub async fn list(db: &Db, staff: &Staff, filter: &LedgerFilter) -> AppResult<Vec<LedgerEntry>> {
    if staff.is_counsellor() {
        return Err(AppError::Forbidden);
    }
    if let Some(state) = &filter.state {
        if MessageState::parse(state).is_none() {
            return Err(AppError::invalid(
                "state",
                "use planned, sending, sent, delivered, failed, skipped, cancelled or uncertain",
            ));
        }
    }
    let scope = if staff.is_admin() {
        ""
    } else {
        " AND o.course_id IN (SELECT course_id FROM course_leaders WHERE user_id = ?5)"
    };
    let sql = format!(
        "{LEDGER_SELECT}
         WHERE (?1 IS NULL OR o.participant_id = ?1) AND (?2 IS NULL OR o.course_id = ?2)
           AND (?3 IS NULL OR o.state = ?3){scope}
         ORDER BY o.due_at DESC, o.id DESC LIMIT ?4"
    );
    let rows = sqlx::query_as(&sql)
        .bind(filter.participant_id)
        .bind(filter.course_id)
        .bind(&filter.state)
        .bind(LEDGER_LIMIT)
        .bind(staff.id)
        .fetch_all(db)
        .await?;
    Ok(rows)
}

/// Failed and uncertain messages someone should look at, for the dashboard.
pub async fn needing_attention(db: &Db, staff: &Staff) -> AppResult<Vec<LedgerEntry>> {
    if staff.is_counsellor() {
        return Ok(Vec::new());
    }
    let scope = if staff.is_admin() {
        ""
    } else {
        " AND o.course_id IN (SELECT course_id FROM course_leaders WHERE user_id = ?1)"
    };
    let sql = format!(
        "{LEDGER_SELECT} WHERE o.state IN ('failed', 'uncertain'){scope} ORDER BY o.due_at DESC LIMIT 100"
    );
    Ok(sqlx::query_as(&sql).bind(staff.id).fetch_all(db).await?)
}
