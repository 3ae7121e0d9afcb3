//! The language of the person a participant's or guardian's page is for, found from the key
//! the page is opened with, so the page speaks it before anyone chooses one.

use crate::auth::secret_hash;
use crate::error::StoreResult;
use crate::sql::{query_scalar, Db};
use chrono::{DateTime, Utc};
use domain::people::Language;

/// What opens a page: the participant's session cookie (`/me`), a sign-in link (`/p/{token}`),
/// an invitation (`/confirm/{token}`) or a consent request (`/consent/{token}`).
#[derive(Clone, Copy, Debug)]
pub enum PageKey<'a> {
    Session(&'a str),
    SignInLink(&'a str),
    Invitation(&'a str),
    ConsentRequest(&'a str),
}

/// The language of the participant (or, for consent, the guardian) behind the key; None for a
/// key that opens nothing now. Only the language is read: nothing is logged or changed.
pub async fn of_page(
    db: &Db,
    key: PageKey<'_>,
    now: DateTime<Utc>,
) -> StoreResult<Option<Language>> {
    let code: Option<String> = match key {
        PageKey::Session(secret) => {
            query_scalar(
                "SELECT p.language FROM participant_sessions s JOIN participants p ON p.id = s.participant_id
                 WHERE s.token_hash = $1 AND s.expires_at > $2",
            )
            .bind(secret_hash(secret))
            .bind(now)
            .fetch_optional(db)
            .await?
        }
        PageKey::SignInLink(token) => {
            query_scalar(
                "SELECT p.language FROM participant_links l JOIN participants p ON p.id = l.participant_id
                 WHERE l.token_hash = $1 AND l.expires_at > $2",
            )
            .bind(secret_hash(token))
            .bind(now)
            .fetch_optional(db)
            .await?
        }
        PageKey::Invitation(token) => {
            query_scalar(
                "SELECT p.language FROM confirm_links l JOIN participants p ON p.id = l.participant_id
                 WHERE l.token = $1",
            )
            .bind(token.to_string())
            .fetch_optional(db)
            .await?
        }
        PageKey::ConsentRequest(token) => {
            query_scalar(
                "SELECT COALESCE(p.guardian_language, p.language) FROM consent_links l
                 JOIN consent_requests r ON r.id = l.request_id JOIN participants p ON p.id = r.participant_id
                 WHERE l.token_hash = $1",
            )
            .bind(secret_hash(token))
            .fetch_optional(db)
            .await?
        }
    };
    Ok(code.as_deref().and_then(Language::parse))
}
