//! Participants (deltakere) and their enrolments (påmeldinger) into courses, with the waitlist.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "sql", derive(sqlx::FromRow))]
pub struct Participant {
    pub id: i64,
    pub first_name: String,
    pub last_name: String,
    #[cfg_attr(feature = "sql", sqlx(try_from = "crate::sql_text::DateText"))]
    pub birth_date: Option<String>,
    /// E.164, e.g. +4791234567.
    pub phone: Option<String>,
    pub email: Option<String>,
    pub language: String,
    pub preferred_channel: String,
    pub school_id: Option<i64>,
    pub school: Option<String>,
    pub referral_source: String,
    pub primary_contact_id: Option<i64>,
    pub primary_contact_name: Option<String>,
    pub category: Option<i64>,
    pub guardian_name: Option<String>,
    pub guardian_phone: Option<String>,
    pub guardian_email: Option<String>,
    /// The guardian's language for their texts and the consent page; none: the participant's.
    pub guardian_language: Option<String>,
    pub sms_opted_out: bool,
    pub guardian_sms_opted_out: bool,
    /// Where the guardian's consent stands (`crate::consent::ConsentStatus`), filled in
    /// after loading.
    #[cfg_attr(feature = "sql", sqlx(skip))]
    #[serde(default)]
    pub consent_status: String,
    /// The channels the consent in force covers.
    #[cfg_attr(feature = "sql", sqlx(skip))]
    #[serde(default)]
    pub consent_channels: Vec<String>,
}

/// The fields of a new or changed participant; optional ones may be left out or empty.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct ParticipantInput {
    pub first_name: String,
    pub last_name: String,
    #[serde(default)]
    pub birth_date: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub language: Option<String>,
    #[serde(default)]
    pub preferred_channel: Option<String>,
    /// The school, from the managed list (`GET /api/v1/schools`).
    #[serde(default)]
    pub school_id: Option<i64>,
    /// Or the school's name as the list has it (for API callers that know names).
    #[serde(default)]
    pub school: Option<String>,
    #[serde(default)]
    pub referral_source: Option<String>,
    #[serde(default)]
    pub primary_contact_id: Option<i64>,
    #[serde(default)]
    pub category: Option<i64>,
    #[serde(default)]
    pub guardian_name: Option<String>,
    #[serde(default)]
    pub guardian_phone: Option<String>,
    #[serde(default)]
    pub guardian_email: Option<String>,
    #[serde(default)]
    pub guardian_language: Option<String>,
    /// Why the priority category was set or changed (kept in its history).
    #[serde(default)]
    pub category_reason: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "sql", derive(sqlx::FromRow))]
pub struct Enrolment {
    pub course_id: i64,
    pub course_title: String,
    pub participant_id: i64,
    pub first_name: String,
    pub last_name: String,
    pub status: String,
    #[cfg_attr(feature = "sql", sqlx(try_from = "crate::sql_text::InstantText"))]
    pub requested_at: String,
    #[cfg_attr(feature = "sql", sqlx(try_from = "crate::sql_text::InstantText"))]
    pub enrolled_at: Option<String>,
    #[cfg_attr(feature = "sql", sqlx(try_from = "crate::sql_text::InstantText"))]
    pub withdrawn_at: Option<String>,
    pub withdraw_reason: Option<String>,
    /// 1 for the first on the waitlist; absent unless waitlisted.
    pub waitlist_position: Option<i64>,
}
