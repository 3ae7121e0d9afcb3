//! Buddy pairs (makkerpar) of a course: generated or set by hand, every pairing kept.

// The feature's records live in the domain crate, shared with the browser and the store.
pub use domain::pairing::*;
