//! Consent storage and its rules: records are only ever added (a withdrawal ends one), staff
//! record them for pupils they may see, a guardian is asked through a single-use link whose
//! token lives only in the message, and SMS is turned back on with a recorded reason.

use crate::access_log::{record, Access};
use crate::actor::Actor;
use crate::error::{StoreError, StoreResult};
use crate::scope::visible_participant;
use crate::sql::Db;
use crate::sql::{placeholders, query, query_as, query_scalar, Exec};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use domain::consent::{
    consent_status, is_minor_at, ConsentChannels, ConsentDecision, ConsentMethod, ConsentStatus,
    LatestConsent,
};
use domain::consent::{ConsentInput, ConsentOverview, ConsentRecord, ConsentRequestInfo};
use domain::people::Language;
use domain::problem::{Code, Problem};

pub mod guardian;
pub mod request;
pub mod settings;
pub mod text;

pub use request::{issue_link_token, request_consent};
pub(crate) use text::text_of_version;
pub use text::{current_text, current_texts, ensure_default_text, save_text};

/// How long a guardian's link works after it was sent.
pub const LINK_DAYS: i64 = 14;

/// The zone a participant's age is counted in outside a course's messages (their pages and
/// the API): the default course zone.
pub(super) const DEFAULT_ZONE: chrono_tz::Tz = chrono_tz::Europe::Oslo;

fn birth(birth_date: Option<&str>) -> Option<NaiveDate> {
    birth_date.and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
}

#[derive(sqlx::FromRow)]
struct StatusRow {
    id: i64,
    #[sqlx(try_from = "domain::sql_text::DateText")]
    birth_date: Option<String>,
    decision: Option<String>,
    sms: Option<bool>,
    email: Option<bool>,
    withdrawn: Option<bool>,
    given_at: Option<DateTime<Utc>>,
    open_request_at: Option<DateTime<Utc>>,
}

/// Where the consent of each of these participants stands: (id, status, channels in force).
pub async fn statuses(
    db: &Db,
    ids: &[i64],
    now: DateTime<Utc>,
) -> StoreResult<Vec<(i64, ConsentStatus, ConsentChannels)>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT p.id, p.birth_date, k.decision, k.sms, k.email, k.withdrawn_at IS NOT NULL AS withdrawn,
                k.given_at,
                (SELECT MAX(r.requested_at) FROM consent_requests r WHERE r.participant_id = p.id
                 AND r.answered_at IS NULL AND r.expires_at > $1) AS open_request_at
         FROM participants p LEFT JOIN current_consents k ON k.participant_id = p.id
         WHERE p.id IN ({})",
        placeholders(2, ids.len())
    );
    let mut q = query_as::<StatusRow>(&sql).bind(now);
    for id in ids {
        q = q.bind(*id);
    }
    let rows = q.fetch_all(db).await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let minor = is_minor_at(birth(r.birth_date.as_deref()), now, DEFAULT_ZONE);
            let latest = match (
                r.decision.as_deref().and_then(ConsentDecision::parse),
                r.given_at,
            ) {
                (Some(decision), Some(at)) => Some(LatestConsent {
                    decision,
                    channels: ConsentChannels {
                        sms: r.sms.unwrap_or(false),
                        email: r.email.unwrap_or(false),
                    },
                    withdrawn: r.withdrawn.unwrap_or(false),
                    at,
                }),
                _ => None,
            };
            let (status, channels) = consent_status(minor, latest, r.open_request_at);
            (r.id, status, channels)
        })
        .collect())
}

/// Fills in `consent_status` and `consent_channels` of loaded participants.
pub async fn fill_statuses(
    db: &Db,
    participants: &mut [domain::participants::Participant],
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let ids: Vec<i64> = participants.iter().map(|p| p.id).collect();
    for (id, status, channels) in statuses(db, &ids, now).await? {
        if let Some(p) = participants.iter_mut().find(|p| p.id == id) {
            p.consent_status = status.code().to_string();
            p.consent_channels = channels.codes();
        }
    }
    Ok(())
}

#[derive(sqlx::FromRow)]
struct RecordRow {
    id: i64,
    participant_id: i64,
    decision: String,
    given_by: String,
    relation: String,
    method: String,
    given_at: DateTime<Utc>,
    text_version: Option<i64>,
    text: String,
    language: String,
    sms: bool,
    email: bool,
    recorded_by: Option<i64>,
    recorded_by_name: Option<String>,
    recorded_at: DateTime<Utc>,
    withdrawn_at: Option<DateTime<Utc>>,
    withdrawn_by_name: Option<String>,
    withdraw_reason: Option<String>,
}

const RECORD_SELECT: &str = "SELECT k.id, k.participant_id, k.decision, k.given_by, k.relation, k.method,
        k.given_at, k.text_version, k.text, k.language, k.sms, k.email,
        k.recorded_by, u.name AS recorded_by_name, k.recorded_at, k.withdrawn_at,
        w.name AS withdrawn_by_name, k.withdraw_reason
     FROM consents k LEFT JOIN users u ON u.id = k.recorded_by LEFT JOIN users w ON w.id = k.withdrawn_by";

fn to_record(r: RecordRow, superseded: bool) -> ConsentRecord {
    ConsentRecord {
        id: r.id,
        participant_id: r.participant_id,
        decision: r.decision,
        given_by: r.given_by,
        relation: r.relation,
        method: r.method,
        given_at: r.given_at.to_rfc3339(),
        text_version: r.text_version,
        text: r.text,
        language: r.language,
        channels: ConsentChannels {
            sms: r.sms,
            email: r.email,
        }
        .codes(),
        recorded_by: r.recorded_by,
        recorded_by_name: r.recorded_by_name,
        recorded_at: r.recorded_at.to_rfc3339(),
        withdrawn_at: r.withdrawn_at.map(|t| t.to_rfc3339()),
        withdrawn_by_name: r.withdrawn_by_name,
        withdraw_reason: r.withdraw_reason,
        superseded,
    }
}

/// A participant's consent records, newest first.
pub async fn records(db: &Db, participant_id: i64) -> StoreResult<Vec<ConsentRecord>> {
    let rows: Vec<RecordRow> = query_as(&format!(
        "{RECORD_SELECT} WHERE k.participant_id = $1 ORDER BY k.given_at DESC, k.id DESC"
    ))
    .bind(participant_id)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .enumerate()
        .map(|(i, r)| to_record(r, i > 0))
        .collect())
}

async fn one_record(db: &Db, id: i64) -> StoreResult<ConsentRecord> {
    let row: RecordRow = query_as(&format!("{RECORD_SELECT} WHERE k.id = $1"))
        .bind(id)
        .fetch_optional(db)
        .await?
        .ok_or_else(|| StoreError::not_found("consent"))?;
    let latest: i64 = query_scalar("SELECT id FROM current_consents WHERE participant_id = $1")
        .bind(row.participant_id)
        .fetch_one(db)
        .await?;
    let superseded = latest != row.id;
    Ok(to_record(row, superseded))
}

#[derive(sqlx::FromRow)]
pub(super) struct Pupil {
    pub(super) first_name: String,
    #[sqlx(try_from = "domain::sql_text::DateText")]
    pub(super) birth_date: Option<String>,
    pub(super) language: String,
    pub(super) guardian_name: Option<String>,
    pub(super) guardian_phone: Option<String>,
    pub(super) guardian_email: Option<String>,
    pub(super) guardian_language: Option<String>,
    pub(super) sms_opted_out: bool,
    pub(super) guardian_sms_opted_out: bool,
}

pub(super) async fn pupil(db: &Db, participant_id: i64) -> StoreResult<Pupil> {
    query_as(
        "SELECT first_name, birth_date, language, guardian_name, guardian_phone, guardian_email,
                guardian_language, sms_opted_out_at IS NOT NULL AS sms_opted_out,
                guardian_sms_opted_out_at IS NOT NULL AS guardian_sms_opted_out
         FROM participants WHERE id = $1",
    )
    .bind(participant_id)
    .fetch_optional(db)
    .await?
    .ok_or_else(|| StoreError::not_found("participant"))
}

impl Pupil {
    pub(super) fn guardian_language(&self) -> Language {
        self.guardian_language
            .as_deref()
            .and_then(Language::parse)
            .or_else(|| Language::parse(&self.language))
            .unwrap_or(Language::Nb)
    }

    pub(super) fn minor(&self, now: DateTime<Utc>) -> bool {
        is_minor_at(birth(self.birth_date.as_deref()), now, DEFAULT_ZONE)
    }
}

/// What the participant's page shows about consent (staff who may see the participant).
pub async fn overview(
    db: &Db,
    staff: &Actor,
    participant_id: i64,
    now: DateTime<Utc>,
) -> StoreResult<ConsentOverview> {
    visible_participant(db, staff, participant_id).await?;
    record(db, staff, participant_id, Access::Read, "consent").await?;
    let p = pupil(db, participant_id).await?;
    let (_, status, channels) = statuses(db, &[participant_id], now)
        .await?
        .pop()
        .ok_or_else(|| StoreError::not_found("participant"))?;
    let latest_request = query_as::<(i64, DateTime<Utc>, DateTime<Utc>, Option<DateTime<Utc>>)>(
        "SELECT id, requested_at, expires_at, answered_at FROM consent_requests
         WHERE participant_id = $1 ORDER BY requested_at DESC, id DESC LIMIT 1",
    )
    .bind(participant_id)
    .fetch_optional(db)
    .await?;
    let latest_request = match latest_request {
        Some((id, requested_at, expires_at, answered_at)) => {
            let channels: Vec<String> = query_scalar(
                "SELECT DISTINCT channel FROM outbox
                 WHERE participant_id = $1 AND kind = 'consent_request' AND rule_key = $2",
            )
            .bind(participant_id)
            .bind(format!("request-{id}"))
            .fetch_all(db)
            .await?;
            Some(ConsentRequestInfo {
                id,
                requested_at: requested_at.to_rfc3339(),
                expires_at: expires_at.to_rfc3339(),
                answered_at: answered_at.map(|t| t.to_rfc3339()),
                channels,
            })
        }
        None => None,
    };
    let (text_version, _, _) = current_text(db, p.guardian_language()).await?;
    let guardian_reachable = guardian_channels(&p).next().is_some();
    Ok(ConsentOverview {
        participant_id,
        first_name: p.first_name,
        status: status.code().into(),
        channels: channels.codes(),
        records: records(db, participant_id).await?,
        latest_request,
        guardian_name: p.guardian_name,
        guardian_reachable,
        sms_opted_out: p.sms_opted_out,
        guardian_sms_opted_out: p.guardian_sms_opted_out,
        text_version,
    })
}

/// The channels a guardian can be asked on: SMS to their mobile unless they said STOPP, and
/// e-mail to their address.
pub(super) fn guardian_channels(p: &Pupil) -> impl Iterator<Item = domain::messages::Channel> + '_ {
    use domain::messages::Channel;
    let sms =
        p.guardian_phone.as_deref().is_some_and(|s| !s.is_empty()) && !p.guardian_sms_opted_out;
    let email = p.guardian_email.as_deref().is_some_and(|s| !s.is_empty());
    [(Channel::Sms, sms), (Channel::Email, email)]
        .into_iter()
        .filter(|(_, on)| *on)
        .map(|(c, _)| c)
}

pub(super) fn checked_name(field: &str, value: &str, missing: Code) -> StoreResult<String> {
    let v = value.trim();
    if v.is_empty() {
        return Err(StoreError::invalid(field, missing));
    }
    if v.chars().count() > 120 {
        return Err(StoreError::invalid(field, Problem::at_most_characters(120)));
    }
    Ok(v.to_string())
}

/// Staff record a consent (or a refusal) given on paper, in person or by phone.
pub async fn record_consent(
    db: &Db,
    staff: &Actor,
    participant_id: i64,
    input: ConsentInput,
    now: DateTime<Utc>,
) -> StoreResult<ConsentRecord> {
    visible_participant(db, staff, participant_id).await?;
    let given_by = checked_name("given_by", &input.given_by, Code::GuardianNameMissing)?;
    let relation = checked_name("relation", &input.relation, Code::GuardianRelationMissing)?;
    let method = ConsentMethod::parse(&input.method)
        .ok_or_else(|| StoreError::invalid("method", Code::ConsentMethodChoice))?;
    if method == ConsentMethod::Digital {
        return Err(StoreError::invalid("method", Code::DigitalConsentByLink));
    }
    let decision = match input.decision.as_deref().map(str::trim) {
        None | Some("") => ConsentDecision::Given,
        Some(d) => ConsentDecision::parse(d)
            .ok_or_else(|| StoreError::invalid("decision", Code::DecisionChoice))?,
    };
    let channels = ConsentChannels::from_codes(&input.channels)
        .map_err(|c| StoreError::invalid("channels", Code::UnknownChannel.with("channel", c)))?;
    if decision == ConsentDecision::Given && channels.is_empty() {
        return Err(StoreError::invalid("channels", Code::ChooseChannel));
    }
    let channels = if decision == ConsentDecision::Refused {
        ConsentChannels::NONE
    } else {
        channels
    };
    let given_at = given_at(input.given_on.as_deref(), now)?;
    let p = pupil(db, participant_id).await?;
    if !p.minor(now) {
        return Err(StoreError::Conflict(Code::AdultNeedsNoConsent.into()));
    }
    let (version, text, language) = current_text(db, p.guardian_language()).await?;
    let id = insert(
        db,
        NewConsent {
            participant_id,
            decision,
            given_by: &given_by,
            relation: &relation,
            method,
            version,
            text: &text,
            language,
            channels,
            recorded_by: Some(staff.id),
            request_id: None,
            given_at,
        },
        now,
    )
    .await?;
    record(
        db,
        staff,
        participant_id,
        Access::Change,
        "consent recorded",
    )
    .await?;
    one_record(db, id).await
}

/// When a consent recorded by staff was given: now, or noon of an earlier day (within a year).
fn given_at(given_on: Option<&str>, now: DateTime<Utc>) -> StoreResult<DateTime<Utc>> {
    let Some(day) = given_on.map(str::trim).filter(|d| !d.is_empty()) else {
        return Ok(now);
    };
    let day = NaiveDate::parse_from_str(day, "%Y-%m-%d")
        .map_err(|_| StoreError::invalid("given_on", Code::DateForm))?;
    let today = now.with_timezone(&DEFAULT_ZONE).date_naive();
    if day > today {
        return Err(StoreError::invalid("given_on", Code::ConsentInFuture));
    }
    if day < today - Duration::days(366) {
        return Err(StoreError::invalid("given_on", Code::ConsentTooOld));
    }
    Ok(if day == today {
        now
    } else {
        domain::schedule::local_instant(
            DEFAULT_ZONE,
            day,
            chrono::NaiveTime::from_hms_opt(12, 0, 0).expect("noon exists"),
        )
    })
}

pub(super) struct NewConsent<'a> {
    pub(super) participant_id: i64,
    pub(super) decision: ConsentDecision,
    pub(super) given_by: &'a str,
    pub(super) relation: &'a str,
    pub(super) method: ConsentMethod,
    pub(super) version: i64,
    pub(super) text: &'a str,
    pub(super) language: Language,
    pub(super) channels: ConsentChannels,
    pub(super) recorded_by: Option<i64>,
    pub(super) request_id: Option<i64>,
    /// When the guardian gave it (recorded now).
    pub(super) given_at: DateTime<Utc>,
}

pub(super) async fn insert<'e>(
    db: impl Into<Exec<'e>>,
    c: NewConsent<'_>,
    now: DateTime<Utc>,
) -> StoreResult<i64> {
    Ok(query_scalar(
        "INSERT INTO consents (participant_id, decision, given_by, relation, method, given_at, text_version,
            text, language, sms, email, recorded_by, recorded_at, request_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id",
    )
    .bind(c.participant_id)
    .bind(c.decision.code())
    .bind(c.given_by)
    .bind(c.relation)
    .bind(c.method.code())
    .bind(c.given_at)
    .bind(c.version)
    .bind(c.text)
    .bind(c.language.code())
    .bind(c.channels.sms)
    .bind(c.channels.email)
    .bind(c.recorded_by)
    .bind(now)
    .bind(c.request_id)
    .fetch_one(db)
    .await?)
}

/// Withdraws the consent in force: it ends now, and the planning its change sets off holds
/// back everything pending on its channels (skipped, with the reason).
pub async fn withdraw(
    db: &Db,
    staff: &Actor,
    participant_id: i64,
    consent_id: i64,
    reason: Option<String>,
    now: DateTime<Utc>,
) -> StoreResult<ConsentRecord> {
    visible_participant(db, staff, participant_id).await?;
    let found: Option<(String, Option<DateTime<Utc>>, bool)> = query_as(
        "SELECT decision, withdrawn_at,
                id = (SELECT c.id FROM current_consents c WHERE c.participant_id = $2) AS in_force
         FROM consents WHERE id = $1 AND participant_id = $2",
    )
    .bind(consent_id)
    .bind(participant_id)
    .fetch_optional(db)
    .await?;
    match found {
        None => return Err(StoreError::not_found("consent")),
        Some((_, Some(_), _)) => return Err(StoreError::Conflict(Code::ConsentWithdrawn.into())),
        // An older record is history already; withdrawing it would leave the newer in force.
        Some((_, None, false)) => {
            return Err(StoreError::Conflict(Code::OnlyConsentInForce.into()))
        }
        Some((decision, None, true)) if decision == "refused" => {
            return Err(StoreError::Conflict(Code::RefusalNotWithdrawable.into()))
        }
        Some(_) => {}
    }
    let reason = reason
        .map(|r| r.trim().to_string())
        .filter(|r| !r.is_empty());
    query(
        "UPDATE consents SET withdrawn_at = $1, withdrawn_by = $2, withdraw_reason = $3 WHERE id = $4 AND withdrawn_at IS NULL",
    )
    .bind(now)
    .bind(staff.id)
    .bind(reason)
    .bind(consent_id)
    .execute(db)
    .await?;
    record(
        db,
        staff,
        participant_id,
        Access::Change,
        "consent withdrawn",
    )
    .await?;
    one_record(db, consent_id).await
}
