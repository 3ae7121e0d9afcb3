//! Courses: one run of a programme with its leaders, place, capacity and generated schedule of
//! sessions, each of which can later be moved, cancelled or added.

pub mod edit;
pub mod new_course;
pub mod pages;
pub mod pair_pages;
pub mod session_pages;

// The feature's records live in the domain crate, shared with the browser and the store.
pub use domain::courses::*;
