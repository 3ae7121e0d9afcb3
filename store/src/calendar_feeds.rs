//! Calendar feeds: making a feed's token (returned once; only its hash is kept, as for API
//! tokens and sign-in links), listing and revoking feeds, and the sessions a token opens.
//!
//! Who may: a participant makes and turns off their own feed (one at a time); admins and a
//! course's leaders make and revoke the course's feeds; a staff member who leads courses makes
//! and revokes their own "my sessions" feeds; staff who may see a participant see whether
//! they have a feed and revoke it. Staff's changes go to the audit log, and a participant's
//! feed revoked by staff to the access log too.

use crate::access_log::{self, Access};
use crate::actor::Actor;
use crate::audit::{self, Change};
use crate::auth::{new_secret, secret_hash};
use crate::error::{StoreError, StoreResult};
use crate::sql::{query, query_as, query_scalar, Db, Tx};
use chrono::{DateTime, Utc};
use domain::audit::AuditEntity;
use domain::calendar::{CalendarFeed, FeedContent, FeedOwner, FeedSession};
use serde_json::json;

const FEED_SELECT: &str =
    "SELECT f.id, f.kind, f.created_at, u.name AS created_by_name, f.revoked_at
     FROM calendar_feeds f LEFT JOIN users u ON u.id = f.created_by";

/// The audit log's picture of a feed: whose it is and whether it still works.
fn audited(owner: FeedOwner, revoked_at: Option<DateTime<Utc>>) -> serde_json::Value {
    let (participant_id, course_id, user_id) = owner.columns();
    json!({
        "kind": owner.kind().code(),
        "participant_id": participant_id,
        "course_id": course_id,
        "user_id": user_id,
        "revoked_at": revoked_at,
    })
}

/// Inserts a feed and returns its id and token: 256 random bits in hex (URL-safe).
async fn insert(
    tx: &mut Tx,
    owner: FeedOwner,
    created_by: Option<i64>,
    now: DateTime<Utc>,
) -> StoreResult<(i64, String)> {
    let token = new_secret();
    let (participant_id, course_id, user_id) = owner.columns();
    let id: i64 = query_scalar(
        "INSERT INTO calendar_feeds (kind, participant_id, course_id, user_id, token_hash, created_at, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(owner.kind().code())
    .bind(participant_id)
    .bind(course_id)
    .bind(user_id)
    .bind(secret_hash(&token))
    .bind(now)
    .bind(created_by)
    .fetch_one(&mut *tx)
    .await?;
    Ok((id, token))
}

/// Staff may manage a course's feeds when they may change the course, and their own "my
/// sessions" feeds when they can lead courses (counsellors do not). A participant's feed is
/// the participant's own to make.
async fn require_staff_owner(db: &Db, actor: &Actor, owner: FeedOwner) -> StoreResult<()> {
    match owner {
        FeedOwner::Course(course_id) => crate::courses::require_manage(db, actor, course_id).await,
        FeedOwner::Leader(user_id) if user_id == actor.id && !actor.is_counsellor() => Ok(()),
        FeedOwner::Leader(_) | FeedOwner::Participant(_) => Err(StoreError::Forbidden),
    }
}

/// A staff member makes a course's feed or their own "my sessions" feed; returns the token,
/// which is not shown again.
pub async fn create_by_staff(
    db: &Db,
    actor: &Actor,
    owner: FeedOwner,
    now: DateTime<Utc>,
) -> StoreResult<String> {
    require_staff_owner(db, actor, owner).await?;
    let mut tx = db.begin_write().await?;
    let (id, token) = insert(&mut tx, owner, Some(actor.id), now).await?;
    let after = audited(owner, None);
    audit::record(
        &mut tx,
        actor,
        Change::created(AuditEntity::CalendarFeed, id, &after),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(token)
}

/// A participant makes their own feed. One works at a time: a new one stops the one before
/// (the way to get a link again, since the old one cannot be shown again).
pub async fn create_own_participant(
    db: &Db,
    participant_id: i64,
    now: DateTime<Utc>,
) -> StoreResult<String> {
    let mut tx = db.begin_write().await?;
    revoke_participant_feeds(&mut tx, participant_id, None, now).await?;
    let (_, token) = insert(&mut tx, FeedOwner::Participant(participant_id), None, now).await?;
    tx.commit().await?;
    Ok(token)
}

async fn revoke_participant_feeds(
    tx: &mut Tx,
    participant_id: i64,
    by: Option<i64>,
    now: DateTime<Utc>,
) -> StoreResult<u64> {
    Ok(query(
        "UPDATE calendar_feeds SET revoked_at = $1, revoked_by = $2
         WHERE participant_id = $3 AND revoked_at IS NULL",
    )
    .bind(now)
    .bind(by)
    .bind(participant_id)
    .execute(&mut *tx)
    .await?)
}

/// A participant turns their feed off.
pub async fn revoke_own_participant(
    db: &Db,
    participant_id: i64,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let mut tx = db.begin_write().await?;
    revoke_participant_feeds(&mut tx, participant_id, None, now).await?;
    tx.commit().await?;
    Ok(())
}

/// The participant's working feed, if any (for their own page).
pub async fn own_participant_feed(
    db: &Db,
    participant_id: i64,
) -> StoreResult<Option<CalendarFeed>> {
    let sql = format!(
        "{FEED_SELECT} WHERE f.participant_id = $1 AND f.revoked_at IS NULL ORDER BY f.id DESC LIMIT 1"
    );
    Ok(query_as(&sql)
        .bind(participant_id)
        .fetch_optional(db)
        .await?)
}

/// The working feeds of a course, of the actor (their own "my sessions"), or of a participant
/// the actor may see (that read goes to the access log), the newest first.
pub async fn list(db: &Db, actor: &Actor, owner: FeedOwner) -> StoreResult<Vec<CalendarFeed>> {
    match owner {
        FeedOwner::Participant(participant_id) => {
            crate::scope::visible_participant(db, actor, participant_id).await?;
            access_log::record(db, actor, participant_id, Access::Read, "calendar feed").await?;
        }
        _ => require_staff_owner(db, actor, owner).await?,
    }
    let (participant_id, course_id, user_id) = owner.columns();
    let sql = format!(
        "{FEED_SELECT} WHERE f.kind = $1 AND (f.participant_id = $2 OR f.course_id = $3 OR f.user_id = $4)
           AND f.revoked_at IS NULL ORDER BY f.id DESC"
    );
    Ok(query_as(&sql)
        .bind(owner.kind().code())
        .bind(participant_id)
        .bind(course_id)
        .bind(user_id)
        .fetch_all(db)
        .await?)
}

#[derive(sqlx::FromRow)]
struct OwnerRow {
    kind: String,
    participant_id: Option<i64>,
    course_id: Option<i64>,
    user_id: Option<i64>,
    revoked_at: Option<DateTime<Utc>>,
}

impl OwnerRow {
    fn owner(&self) -> StoreResult<FeedOwner> {
        FeedOwner::of(
            &self.kind,
            self.participant_id,
            self.course_id,
            self.user_id,
        )
        .ok_or_else(|| StoreError::internal("a calendar feed without its owner"))
    }
}

/// Revokes a feed: it answers 404 at once. A course's feed by those who may change the
/// course, a "my sessions" feed by its owner or an admin, a participant's by staff who may see
/// them. Someone else's feed is "not found", as for API tokens.
pub async fn revoke(db: &Db, actor: &Actor, id: i64, now: DateTime<Utc>) -> StoreResult<()> {
    let row: OwnerRow = query_as(
        "SELECT kind, participant_id, course_id, user_id, revoked_at FROM calendar_feeds WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(db)
    .await?
    .ok_or_else(|| StoreError::not_found("calendar feed"))?;
    let owner = row.owner()?;
    match owner {
        FeedOwner::Course(course_id) => {
            crate::courses::require_manage(db, actor, course_id).await?
        }
        FeedOwner::Leader(user_id) if user_id == actor.id || actor.is_admin() => {}
        FeedOwner::Leader(_) => return Err(StoreError::not_found("calendar feed")),
        FeedOwner::Participant(participant_id) => {
            crate::scope::visible_participant(db, actor, participant_id).await?;
        }
    }
    if row.revoked_at.is_some() {
        return Ok(());
    }
    let mut tx = db.begin_write().await?;
    query(
        "UPDATE calendar_feeds SET revoked_at = $1, revoked_by = $2 WHERE id = $3 AND revoked_at IS NULL",
    )
    .bind(now)
    .bind(actor.id)
    .bind(id)
    .execute(&mut tx)
    .await?;
    let (before, after) = (audited(owner, None), audited(owner, Some(now)));
    audit::record(
        &mut tx,
        actor,
        Change::updated(AuditEntity::CalendarFeed, id, &before, &after),
        now,
    )
    .await?;
    tx.commit().await?;
    if let FeedOwner::Participant(participant_id) = owner {
        access_log::record(db, actor, participant_id, Access::Change, "calendar feed").await?;
    }
    Ok(())
}

/// Whose working feed a token opens: none for an unknown or revoked token, an erased
/// participant's feed or a disabled staff member's.
pub async fn owner_of(db: &Db, token: &str) -> StoreResult<Option<FeedOwner>> {
    let row: Option<OwnerRow> = query_as(
        "SELECT f.kind, f.participant_id, f.course_id, f.user_id, f.revoked_at
         FROM calendar_feeds f
         LEFT JOIN participants p ON p.id = f.participant_id
         LEFT JOIN users u ON u.id = f.user_id
         WHERE f.token_hash = $1 AND f.revoked_at IS NULL
           AND (f.participant_id IS NULL OR p.erased_at IS NULL)
           AND (f.user_id IS NULL OR u.active)",
    )
    .bind(secret_hash(token))
    .fetch_optional(db)
    .await?;
    row.map(|r| r.owner()).transpose()
}

#[derive(sqlx::FromRow)]
struct SessionRow {
    id: i64,
    name: String,
    place: String,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
    cancelled: bool,
    sequence: i64,
    updated_at: DateTime<Utc>,
}

/// The public name and place only: nothing in a feed names a participant or a theme.
const SESSION_SELECT: &str = "SELECT s.id, c.public_name AS name,
       COALESCE(NULLIF(s.location, ''), c.location) AS place, s.starts_at, s.ends_at,
       s.status = 'cancelled' AS cancelled, s.sequence, s.updated_at
     FROM sessions s JOIN courses c ON c.id = s.course_id";

/// What a token opens: the feed's name and sessions, cancelled ones included (so calendars
/// strike them), in time order; none for a token that opens nothing.
///
/// Serving a feed writes nothing, not even to the access log: it is read by a calendar app,
/// not by staff, and shows no participant's data (a participant's feed is their own schedule,
/// the same for everyone in their courses).
pub async fn content(db: &Db, token: &str) -> StoreResult<Option<FeedContent>> {
    let Some(owner) = owner_of(db, token).await? else {
        return Ok(None);
    };
    let (filter, id) = match owner {
        // Active enrolments only: a withdrawn participant's calendar empties.
        FeedOwner::Participant(id) => (
            "s.course_id IN (SELECT course_id FROM enrolments WHERE participant_id = $1 AND status = 'enrolled')",
            id,
        ),
        FeedOwner::Course(id) => ("s.course_id = $1", id),
        FeedOwner::Leader(id) => (
            "s.course_id IN (SELECT course_id FROM course_leaders WHERE user_id = $1)",
            id,
        ),
    };
    let sql = format!("{SESSION_SELECT} WHERE {filter} ORDER BY s.starts_at, s.id");
    let rows: Vec<SessionRow> = query_as(&sql).bind(id).fetch_all(db).await?;
    let name = match owner {
        FeedOwner::Course(course_id) => {
            query_scalar("SELECT public_name FROM courses WHERE id = $1")
                .bind(course_id)
                .fetch_one(db)
                .await?
        }
        FeedOwner::Leader(_) => "Samling: mine samlinger".to_string(),
        FeedOwner::Participant(_) => {
            let mut names: Vec<&str> = rows.iter().map(|r| r.name.as_str()).collect();
            names.sort_unstable();
            names.dedup();
            if names.is_empty() {
                "Samling".to_string()
            } else {
                names.join(", ")
            }
        }
    };
    let sessions = rows
        .into_iter()
        .map(|r| FeedSession {
            id: r.id,
            name: r.name,
            place: r.place,
            starts_at: r.starts_at,
            ends_at: r.ends_at,
            cancelled: r.cancelled,
            sequence: r.sequence,
            updated_at: r.updated_at,
        })
        .collect();
    Ok(Some(FeedContent { name, sessions }))
}
