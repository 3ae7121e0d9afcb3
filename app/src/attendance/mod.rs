//! Attendance: the roll call a leader takes on a phone in the group room, one tap per mark.

pub mod pages;

// The feature's records live in the domain crate, shared with the browser and the store.
pub use domain::attendance::*;
