//! The consent text guardians are shown, versioned: the shipped version 1 in six languages,
//! the current version in a language (else bokmål), and new versions the coordinator saves.

use crate::actor::Actor;
use crate::error::{StoreError, StoreResult};
use crate::sql::Db;
use crate::sql::{query, query_as, query_scalar};
use chrono::{DateTime, Utc};
use domain::guardian_texts::default_consent_text;
use domain::people::Language;
use domain::problem::Code;

/// Writes version 1 of the consent text from the shipped texts when there is none yet.
pub async fn ensure_default_text(db: &Db, now: DateTime<Utc>) -> StoreResult<()> {
    for language in Language::ALL {
        query(
            "INSERT INTO consent_texts (version, language, body, created_at)
             SELECT 1, $1, $2, $3 WHERE NOT EXISTS (SELECT 1 FROM consent_texts WHERE version = 1 AND language = $1)",
        )
        .bind(language.code())
        .bind(default_consent_text(*language))
        .bind(now)
        .execute(db)
        .await?;
    }
    Ok(())
}

/// The current consent text in `language` (else bokmål): (version, text, its language).
pub async fn current_text(db: &Db, language: Language) -> StoreResult<(i64, String, Language)> {
    text_of_version(db, None, language).await
}

/// A version's consent text (the current one when `None` or unknown) in `language`, else
/// bokmål: (version, text, its language).
pub(crate) async fn text_of_version(
    db: &Db,
    version: Option<i64>,
    language: Language,
) -> StoreResult<(i64, String, Language)> {
    let row: Option<(i64, String, String)> = query_as(
        "SELECT version, body, language FROM consent_texts
         WHERE version = COALESCE((SELECT version FROM consent_texts WHERE version = $1 LIMIT 1),
                                  (SELECT MAX(version) FROM consent_texts))
           AND (language = $2 OR language = 'nb')
         ORDER BY language = 'nb' LIMIT 1",
    )
    .bind(version)
    .bind(language.code())
    .fetch_optional(db)
    .await?;
    match row {
        Some((version, body, lang)) => Ok((
            version,
            body,
            Language::parse(&lang).unwrap_or(Language::Nb),
        )),
        None => Ok((1, default_consent_text(language).to_string(), language)),
    }
}

/// Every language's text of the current version, for the editor (bokmål first).
pub async fn current_texts(db: &Db) -> StoreResult<(i64, Vec<(String, String)>)> {
    let rows: Vec<(i64, String, String)> = query_as(
        "SELECT version, language, body FROM consent_texts
         WHERE version = (SELECT MAX(version) FROM consent_texts)",
    )
    .fetch_all(db)
    .await?;
    let version = rows.first().map_or(1, |r| r.0);
    let texts = Language::ALL
        .iter()
        .map(|l| {
            let body = rows
                .iter()
                .find(|r| r.1 == l.code())
                .map(|r| r.2.clone())
                .unwrap_or_default();
            (l.code().to_string(), body)
        })
        .collect();
    Ok((version, texts))
}

/// Saves a new version of the consent text (admins); languages left empty fall back to
/// bokmål, which is required. Records keep the version they were given under.
pub async fn save_text(
    db: &Db,
    staff: &Actor,
    texts: &[(String, String)],
    now: DateTime<Utc>,
) -> StoreResult<i64> {
    if !staff.is_admin() {
        return Err(StoreError::Forbidden);
    }
    let nb = texts
        .iter()
        .find(|(l, _)| l == "nb")
        .map(|(_, b)| b.trim())
        .unwrap_or_default();
    if nb.is_empty() {
        return Err(StoreError::invalid("nb", Code::BokmalTextRequired));
    }
    let mut tx = db.begin_write().await?;
    let version: i64 = query_scalar("SELECT COALESCE(MAX(version), 0) + 1 FROM consent_texts")
        .fetch_one(&mut tx)
        .await?;
    for (language, body) in texts {
        let language = Language::parse(language)
            .ok_or_else(|| StoreError::invalid("language", Code::TemplateLanguageChoice))?;
        if body.trim().is_empty() {
            continue;
        }
        query(
            "INSERT INTO consent_texts (version, language, body, created_by, created_at) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(version)
        .bind(language.code())
        .bind(body.trim())
        .bind(staff.id)
        .bind(now)
        .execute(&mut tx)
        .await?;
    }
    tx.commit().await?;
    Ok(version)
}
