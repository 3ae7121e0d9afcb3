//! Guardians' consent for pupils under 18: the records staff keep (and the guardian gives
//! through a link), asking the guardian, the versioned consent text, and turning SMS back on.

pub mod guardian_page;
#[cfg(feature = "ssr")]
pub mod guardian_store;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod request_store;
#[cfg(feature = "ssr")]
pub mod settings_store;
#[cfg(feature = "ssr")]
pub mod store;
pub mod text_page;
#[cfg(feature = "ssr")]
pub mod text_store;

// The feature's records live in the domain crate, shared with the browser and the store.
pub use domain::consent::*;
