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
                let text = crate::components::error_text(crate::i18n::detect_lang(), e);
                leptos_axum::redirect(&with_form_error(referer, &text));
            }
        }
    }
    result
}

/// Whether the current server-function call is a plain HTML form post (the browser asks for
/// a page back) rather than a call from the hydrated app (which asks for data).
#[cfg(feature = "ssr")]
pub fn is_plain_form() -> bool {
    use_context::<http::request::Parts>().is_some_and(|parts| {
        parts
            .headers
            .get(http::header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.contains("text/html"))
    })
}

/// The page address with `form_error` set, keeping its other query parameters (like `next`).
#[cfg(feature = "ssr")]
fn with_form_error(page: &str, text: &str) -> String {
    let (base, query) = page.split_once('?').unwrap_or((page, ""));
    let mut params: Vec<&str> = query
        .split('&')
        .filter(|p| !p.is_empty() && !p.starts_with("form_error="))
        .collect();
    let error = format!("form_error={}", url_encode(text));
    params.push(&error);
    format!("{base}?{}", params.join("&"))
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

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::with_form_error;

    #[test]
    fn the_error_replaces_an_old_one_and_keeps_other_parameters() {
        assert_eq!(with_form_error("/login", "Feil"), "/login?form_error=Feil");
        assert_eq!(
            with_form_error("http://x/login?next=/p&form_error=old", "Feil e-post"),
            "http://x/login?next=/p&form_error=Feil%20e-post"
        );
    }
}
