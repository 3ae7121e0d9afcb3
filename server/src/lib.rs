//! The Samling server: configuration, start-up, the REST API and the command-line tasks.
//! `main.rs` is a thin shell over this library so that tests can start the real server.

pub mod api;
pub mod calendar;
pub mod cli;
pub mod commands;
pub mod config;
pub mod db;
pub mod demo;
pub mod hardening;
pub mod hooks;
pub mod mail;
pub mod metrics;
pub mod page_language;
pub mod reports;
pub mod run;
pub mod sms;
pub mod startup;
pub mod state;
pub mod static_files;
pub mod telemetry;
pub mod worker;
