//! Samling's storage layer: every SQL statement and every permission check, on SQLite or
//! PostgreSQL. Stores take the database and an explicit actor (who asks, through which
//! channel) and return the domain's records; nothing here knows about pages or HTTP.

pub mod access_log;
pub mod action_plan;
pub mod actor;
pub mod attendance;
pub mod audit;
pub mod auth;
pub mod backup;
pub mod calendar_feeds;
pub mod closed_periods;
pub mod consent;
pub mod copy;
pub mod courses;
pub mod digest;
pub mod error;
pub mod fields;
pub mod followups;
pub mod housekeeping;
pub mod logbook;
pub mod login_throttle;
pub mod messages;
pub mod outbox;
pub mod outcomes;
pub mod page_language;
pub mod paging;
pub mod pairs;
pub mod participant_access;
pub mod participants;
pub mod privacy;
pub mod programmes;
pub mod reports;
pub mod schools;
pub mod scope;
pub mod sql;
pub mod staff;
pub mod webhooks;
pub mod workers;

pub use actor::{Actor, Via};
pub use error::{StoreError, StoreResult};
pub use sql::{Db, Engine, Tx};
