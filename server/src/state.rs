//! What every request handler can reach: the Leptos options, the database pool and the config.

use crate::config::Config;
use axum::extract::FromRef;
use leptos::config::LeptosOptions;

use std::sync::Arc;

#[derive(Clone, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub pool: store::Db,
    pub config: Arc<Config>,
    pub metrics: Arc<crate::metrics::Metrics>,
    /// The request limit per API token.
    pub api_limit: Arc<crate::api::limit::ApiLimit>,
}
