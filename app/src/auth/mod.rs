//! Who is signed in: the staff user (role, school) with the login page and session cookie,
//! and the participant signed in through a link (their own cookie).

pub mod pages;
#[cfg(feature = "ssr")]
pub mod participant_session;
#[cfg(feature = "ssr")]
pub mod session;

// The feature's records live in the domain crate, shared with the browser and the store.
pub use domain::people::*;
