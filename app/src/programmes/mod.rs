//! Programmes: templates for courses — the ordered session plan, the default cadence and the
//! follow-up rules. Coordinators (admins) define them; everyone on the staff reads them.

pub mod pages;

// The feature's records live in the domain crate, shared with the browser and the store.
pub use domain::programmes::*;
