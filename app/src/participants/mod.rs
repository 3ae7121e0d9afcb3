//! Participants (deltakere) and their enrolments (påmeldinger) into courses, with the waitlist.

#[cfg(feature = "ssr")]
pub mod enrolment_store;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod store;
pub mod work;

// The feature's records live in the domain crate, shared with the browser and the store.
pub use domain::participants::*;
