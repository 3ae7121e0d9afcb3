//! Messages: the pages of the outbox ledger, the reminder rules and the template editor, and
//! the invitation answer page (planning and rendering live in `store::messages`).

pub mod confirm;
pub mod pages;
pub mod rules;
pub mod templates;

// The feature's records live in the domain crate, shared with the browser and the store.
pub use domain::messages::*;
