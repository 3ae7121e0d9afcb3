//! The schools the organisation works with: a managed list that counsellors belong to and
//! participants' schools are chosen from.

use serde::{Deserialize, Serialize};

code_enum! {
    /// What kind of school: pupils of 13–16 (ungdomsskole), 16–19 (videregående), or other.
    SchoolKind {
        LowerSecondary => "lower_secondary",
        UpperSecondary => "upper_secondary",
        Other => "other",
    }
}

/// A school as pages and the API show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "sql", derive(sqlx::FromRow))]
pub struct School {
    pub id: i64,
    pub name: String,
    pub kind: String,
    /// An inactive school stays on the records that name it but is not offered for new ones.
    pub active: bool,
}

/// A new school, as `POST /api/v1/schools` sends it.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct SchoolInput {
    pub name: String,
    /// `lower_secondary`, `upper_secondary` or `other` (the default).
    #[serde(default)]
    pub kind: Option<String>,
}

/// A change to a school; absent fields stay as they are.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct SchoolPatch {
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub kind: Option<String>,
    #[serde(default)]
    pub active: Option<bool>,
}
