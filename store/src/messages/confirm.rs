//! Answering a session invitation by link ("I'm coming" / "I can't"): what the link shows,
//! and the answer, recorded like a reply by text.

use crate::error::{StoreError, StoreResult};
use crate::sql::query_as;
use crate::sql::Db;
use chrono::{DateTime, Utc};
use domain::messages::Invitation;
use domain::problem::Code;

#[derive(sqlx::FromRow)]
struct Row {
    session_id: i64,
    participant_id: i64,
    public_name: String,
    starts_at: DateTime<Utc>,
    place: String,
    time_zone: String,
    answer: Option<String>,
}

async fn find(db: &Db, token: &str) -> StoreResult<Row> {
    query_as(
        "SELECT l.session_id, l.participant_id, c.public_name, s.starts_at,
                COALESCE(NULLIF(s.location, ''), c.location) AS place, c.time_zone,
                (SELECT k.answer FROM session_confirmations k
                 WHERE k.session_id = l.session_id AND k.participant_id = l.participant_id) AS answer
         FROM confirm_links l JOIN sessions s ON s.id = l.session_id JOIN courses c ON c.id = s.course_id
         WHERE l.token = $1 AND s.status = 'scheduled'",
    )
    .bind(token)
    .fetch_optional(db)
    .await?
    .ok_or_else(|| StoreError::not_found("invitation"))
}

pub async fn invitation(db: &Db, token: &str, now: DateTime<Utc>) -> StoreResult<Invitation> {
    let r = find(db, token).await?;
    let tz: chrono_tz::Tz = r.time_zone.parse().unwrap_or(chrono_tz::Europe::Oslo);
    let local = r.starts_at.with_timezone(&tz);
    Ok(Invitation {
        course: r.public_name,
        when: domain::schedule::local_date_time(r.starts_at, &r.time_zone),
        day: local.date_naive(),
        time: local.format("%H:%M").to_string(),
        place: r.place,
        answer: r.answer,
        past: r.starts_at <= now,
    })
}

pub async fn answer(db: &Db, token: &str, coming: bool, now: DateTime<Utc>) -> StoreResult<()> {
    let r = find(db, token).await?;
    if r.starts_at <= now {
        return Err(StoreError::Conflict(Code::SessionBegun.into()));
    }
    // The same answer as a JA / NEI by text: a "no" leaves an excused mark for the leader.
    let mut tx = db.begin_write().await?;
    super::answers::record(
        &mut tx,
        r.session_id,
        r.participant_id,
        coming,
        super::answers::AnswerVia::Link,
        "",
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
