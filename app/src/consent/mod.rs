//! Guardians' consent for pupils under 18: the records staff keep (and the guardian gives
//! through a link), asking the guardian, the versioned consent text, and turning SMS back on.

use serde::{Deserialize, Serialize};

pub mod guardian_page;
#[cfg(feature = "ssr")]
pub mod guardian_store;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod request_store;
#[cfg(feature = "ssr")]
pub mod settings_store;
#[cfg(feature = "ssr")]
pub mod store;
pub mod text_page;
#[cfg(feature = "ssr")]
pub mod text_store;

/// One consent record, as staff and the API see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsentRecord {
    pub id: i64,
    pub participant_id: i64,
    /// `given` or `refused`.
    pub decision: String,
    /// The guardian's name.
    pub given_by: String,
    pub relation: String,
    /// `paper`, `in_person`, `phone` or `digital`.
    pub method: String,
    pub given_at: String,
    pub text_version: Option<i64>,
    /// The exact consent text shown.
    pub text: String,
    pub language: String,
    /// `sms`, `email`.
    pub channels: Vec<String>,
    pub recorded_by: Option<i64>,
    pub recorded_by_name: Option<String>,
    pub recorded_at: String,
    pub withdrawn_at: Option<String>,
    pub withdrawn_by_name: Option<String>,
    pub withdraw_reason: Option<String>,
    /// A later record replaced it (the latest record is the one in force).
    pub superseded: bool,
}

/// A consent recorded by staff (from a paper form, in person, by phone).
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct ConsentInput {
    pub given_by: String,
    pub relation: String,
    pub method: String,
    #[serde(default)]
    pub channels: Vec<String>,
    /// `given` (the default) or `refused`.
    #[serde(default)]
    pub decision: Option<String>,
    /// The day the guardian gave it (YYYY-MM-DD), when that was before today: a signed paper
    /// brought in later. Today when left out.
    #[serde(default)]
    pub given_on: Option<String>,
}

/// An open or past request to the guardian.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsentRequestInfo {
    pub id: i64,
    pub requested_at: String,
    pub expires_at: String,
    pub answered_at: Option<String>,
    /// The channels the link went by (`sms`, `email`).
    pub channels: Vec<String>,
}

/// Everything the participant's page shows about consent.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsentOverview {
    pub participant_id: i64,
    pub first_name: String,
    /// See `domain::consent::ConsentStatus`.
    pub status: String,
    pub channels: Vec<String>,
    pub records: Vec<ConsentRecord>,
    pub latest_request: Option<ConsentRequestInfo>,
    pub guardian_name: Option<String>,
    pub guardian_reachable: bool,
    pub sms_opted_out: bool,
    pub guardian_sms_opted_out: bool,
    pub text_version: i64,
}
