//! The Content-Security-Policy. A page runs only Samling's own code: its scripts from this
//! origin, the inline hydration and resource scripts by this response's nonce (leptos_axum
//! makes one per request), and the WebAssembly by 'wasm-unsafe-eval'. Every other response
//! (JSON, downloads, files) allows nothing.

/// For responses that are not pages (set by the server's middleware when a page set none).
pub const NOT_A_PAGE: &str = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";

/// The policy of a page whose inline scripts carry `nonce`.
pub fn page_policy(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; \
         frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
    )
}

/// Sets the page's policy on the response being rendered (called from the shell).
#[cfg(feature = "ssr")]
pub fn set_page_policy() {
    use leptos::prelude::use_context;
    let (Some(nonce), Some(response)) = (
        leptos::nonce::use_nonce(),
        use_context::<leptos_axum::ResponseOptions>(),
    ) else {
        return;
    };
    if let Ok(value) = http::HeaderValue::from_str(&page_policy(&nonce)) {
        response.insert_header(http::header::CONTENT_SECURITY_POLICY, value);
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_page_allows_its_own_nonce_and_nothing_inline_else() {
        let policy = super::page_policy("abc123");
        assert!(policy.contains("script-src 'self' 'nonce-abc123' 'wasm-unsafe-eval';"));
        assert!(!policy.contains("unsafe-inline"));
        assert!(super::NOT_A_PAGE.starts_with("default-src 'none'"));
    }
}
