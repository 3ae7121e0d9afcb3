//! Logbooks (loggbok): entries per participant, optionally tied to a session and its
//! reflection task. Staff write only with the participant's permission; edits keep the
//! earlier text. Leaders of the participant's courses and the primary contact read it; a
//! school counsellor does not.

pub mod pages;

// The feature's records live in the domain crate, shared with the browser and the store.
pub use domain::logbook::*;
