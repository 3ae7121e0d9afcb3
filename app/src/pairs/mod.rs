//! Buddy pairs (makkerpar) of a course: generated or set by hand, every pairing kept.

use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
pub mod store;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BuddyMember {
    pub participant_id: i64,
    pub name: String,
    /// Still enrolled in the course.
    pub active: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BuddyGroup {
    pub participant_ids: Vec<i64>,
    pub members: Vec<BuddyMember>,
    /// Members whose buddy has withdrawn and who need a new pair.
    pub needs_new_buddy: Vec<i64>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pairing {
    pub id: Option<i64>,
    pub how: String,
    pub created_at: Option<String>,
    pub groups: Vec<BuddyGroup>,
    /// Enrolled participants who are in no group of this pairing (joined later).
    pub unpaired: Vec<i64>,
}

/// Groups set by hand: each inner list is a pair or a trio of participant ids.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct ManualPairs {
    pub groups: Vec<Vec<i64>>,
}

impl Pairing {
    /// The names of a participant's active buddies, joined ("Ola og Kari" for a trio).
    pub fn buddies_of(&self, participant_id: i64) -> Option<String> {
        let group = self
            .groups
            .iter()
            .find(|g| g.participant_ids.contains(&participant_id))?;
        let names: Vec<&str> = group
            .members
            .iter()
            .filter(|m| m.participant_id != participant_id && m.active)
            .map(|m| m.name.as_str())
            .collect();
        (!names.is_empty()).then(|| names.join(" / "))
    }
}
