//! Guardians' consent for pupils under 18: the records staff keep (and the guardian gives
//! through a link), asking the guardian, the versioned consent text, and turning SMS back on.

pub mod guardian_page;
pub mod pages;
pub mod text_page;

// The feature's records live in the domain crate, shared with the browser and the store.
pub use domain::consent::*;
