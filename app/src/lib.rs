//! Samling's web app: pages and server functions (features `ssr` and `hydrate`); the rules
//! they apply live in the `domain` crate.
//! Server-only code (database access, auth checks) sits behind the `ssr` feature.

pub mod access_log;
pub mod action_plan;
pub mod attendance;
pub mod audit;
pub mod auth;
pub mod calendar;
pub mod closed_periods;
pub mod consent;
pub mod courses;
pub mod error;
pub mod pairs;
pub mod participants;
pub mod programmes;
pub mod schools;
pub mod staff;

#[cfg(feature = "ssr")]
pub mod db;

pub mod app;
pub mod components;
pub mod csp;
pub mod followups;
pub mod forms;
pub mod i18n;
pub mod logbook;
pub mod messages;
pub mod outcomes;
pub mod participant_access;
pub mod privacy;
pub mod reports;

/// The browser entry point: hydrates the server-rendered page. The pages' code is loaded
/// lazily (see `app`), so hydration waits for the shown page's code before it is done.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    wasm_bindgen_futures::spawn_local(async {
        let Some(body) = leptos::prelude::document().body() else {
            return;
        };
        leptos::mount::hydrate_from_async(body.clone(), app::App)
            .await
            .forget();
        // Lets browser tests (and curious developers) see that the page is interactive.
        let _ = body.set_attribute("data-hydrated", "true");
    });
}
