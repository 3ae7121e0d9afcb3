//! Participants (deltakere) and their enrolments (påmeldinger) into courses, with the waitlist.

pub mod pages;
pub mod work;

// The feature's records live in the domain crate, shared with the browser and the store.
pub use domain::participants::*;
