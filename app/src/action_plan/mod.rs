//! Action plans (handlingsplan): a participant's goals, each with measures, a due date, who is
//! responsible and a status; made in the last session and reviewed at the follow-ups.

// The feature's records live in the domain crate, shared with the browser and the store.
pub use domain::action_plan::*;
