//! Absence follow-up: unexplained absences on the leader's dashboard, and an alert when a
//! participant has two in a row — to the course's leaders, the primary contact and, for a
//! pupil, their school counsellor — until someone records what was done.

pub mod pages;

// The feature's records live in the domain crate, shared with the browser and the store.
pub use domain::followups::*;
