//! Making forms work before the wasm has loaded. A plain HTML form post to a server function
//! is answered with a redirect back to the page; on failure we add `?form_error=<sentence>`
//! so the page can say what went wrong (`PlainFormError` shows it).

#[cfg(feature = "ssr")]
use crate::error::AppError;
use leptos::prelude::*;

/// Passes a server-function result through; for a plain (no-wasm) form post that failed, it
/// also redirects back with the error sentence in the page language.
#[cfg(feature = "ssr")]
pub fn plain_form<T>(result: Result<T, AppError>) -> Result<T, AppError> {
    if let Err(e) = &result {
        // The status tells API-style callers what kind of failure this was (not always 500).
        if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
            response.set_status(e.status());
        }
        if let Some(parts) = use_context::<http::request::Parts>() {
            let plain = parts
                .headers
                .get(http::header::ACCEPT)
                .and_then(|v| v.to_str().ok())
                .is_some_and(|v| v.contains("text/html"));
            let referer = parts
                .headers
                .get(http::header::REFERER)
                .and_then(|v| v.to_str().ok());
            if let (true, Some(referer)) = (plain, referer) {
                let text = crate::app::error_text(crate::i18n::detect_lang().texts(), e);
                let base = referer.split('?').next().unwrap_or(referer);
                let query: String = url_encode(&text);
                leptos_axum::redirect(&format!("{base}?form_error={query}"));
            }
        }
    }
    result
}

#[cfg(feature = "ssr")]
fn url_encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The error a plain form post came back with, if any.
#[component]
pub fn PlainFormError() -> impl IntoView {
    let query = leptos_router::hooks::use_query_map();
    move || {
        query
            .with(|q| q.get("form_error"))
            .map(|text| view! { <p class="error" role="alert">{text}</p> })
    }
}
