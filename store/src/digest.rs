//! What the leaders' daily digest reads: their sessions in a time window, and who leads
//! courses at all.

use crate::error::StoreResult;
use crate::sql::{query_as, query_scalar, Db};
use chrono::{DateTime, Utc};

/// A scheduled session in the window, once per leader of its course.
#[derive(sqlx::FromRow, Clone, Debug)]
pub struct LeaderSession {
    pub user_id: i64,
    pub course_title: String,
    pub session_title: String,
    pub starts_at: DateTime<Utc>,
    pub place: String,
}

/// Scheduled sessions starting in `[from, to)`, by leader and start.
pub async fn sessions_between(
    db: &Db,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> StoreResult<Vec<LeaderSession>> {
    Ok(query_as(
        "SELECT l.user_id, c.title AS course_title, s.title AS session_title, s.starts_at,
                COALESCE(s.location, c.location) AS place
         FROM sessions s JOIN courses c ON c.id = s.course_id JOIN course_leaders l ON l.course_id = c.id
         WHERE s.status = 'scheduled' AND s.starts_at >= $1 AND s.starts_at < $2
         ORDER BY l.user_id, s.starts_at",
    )
    .bind(from)
    .bind(to)
    .fetch_all(db)
    .await?)
}

/// Every staff user who leads a course.
pub async fn leaders(db: &Db) -> StoreResult<Vec<i64>> {
    Ok(
        query_scalar("SELECT DISTINCT user_id FROM course_leaders ORDER BY user_id")
            .fetch_all(db)
            .await?,
    )
}
