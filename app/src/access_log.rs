//! The access log's entries as pages show them; recording and listing live in
//! `store::access_log`.

pub use domain::access_log::AccessEntry;
