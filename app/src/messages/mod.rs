//! Messages: the outbox ledger, planning reminders from the database, rendering texts from
//! templates, and the pages that show them.

pub mod confirm;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod planner;
#[cfg(feature = "ssr")]
pub mod render;
#[cfg(feature = "ssr")]
pub mod replies;
pub mod rules;
#[cfg(feature = "ssr")]
pub mod store;
pub mod templates;

// The feature's records live in the domain crate, shared with the browser and the store.
pub use domain::messages::*;
