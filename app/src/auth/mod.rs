//! Staff identity: who is signed in, their role and school, and the login page.

pub mod pages;
#[cfg(feature = "ssr")]
pub mod session;

// The feature's records live in the domain crate, shared with the browser and the store.
pub use domain::people::*;
