//! Samling's web app: domain rules, pages and server functions (features `ssr` and `hydrate`).
pub mod domain;
