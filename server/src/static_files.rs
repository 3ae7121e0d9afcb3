//! Cache headers for the site's static files. A content-hashed name (`samling.<hash>.css`)
//! never changes meaning, so browsers keep it for a year without asking again; anything else
//! under `/pkg/` is checked each time. The files themselves come pre-compressed (brotli or
//! gzip, whichever the browser takes) from the site build.

use axum::extract::Request;
use axum::middleware::Next;
use axum::response::Response;
use http::header::{CACHE_CONTROL, VARY};
use http::HeaderValue;

pub async fn cache_control(request: Request, next: Next) -> Response {
    let path = request.uri().path().to_owned();
    let mut response = next.run(request).await;
    if path.starts_with("/pkg/") && response.status().is_success() {
        let value = if is_content_hashed(&path) {
            "public, max-age=31536000, immutable"
        } else {
            "no-cache"
        };
        let headers = response.headers_mut();
        headers.insert(CACHE_CONTROL, HeaderValue::from_static(value));
        // The same address answers brotli, gzip or plain bytes by what the browser accepts.
        headers
            .entry(VARY)
            .or_insert(HeaderValue::from_static("accept-encoding"));
    }
    response
}

/// `…/samling.0123456789abcdef.wasm`: a name with 16 hex digits of the content's hash (the
/// split build's loader, `__wasm_split.<hash>.js`, is named by the hash of the whole build).
fn is_content_hashed(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or_default();
    let mut parts = name.split('.');
    matches!(
        (parts.next(), parts.next(), parts.next(), parts.next()),
        (Some("samling"), Some(hash), Some("js" | "wasm" | "css"), None)
            | (Some("__wasm_split"), Some(hash), Some("js"), None)
            if hash.len() == 16 && hash.bytes().all(|b| b.is_ascii_hexdigit())
    )
}

#[cfg(test)]
mod tests {
    use super::is_content_hashed;

    #[test]
    fn only_hashed_names_are_kept_for_a_year() {
        assert!(is_content_hashed("/pkg/samling.0123456789abcdef.wasm"));
        assert!(is_content_hashed("/pkg/samling.0123456789abcdef.css"));
        assert!(is_content_hashed("/pkg/__wasm_split.0123456789abcdef.js"));
        assert!(!is_content_hashed("/pkg/__wasm_split.________________.js"));
        assert!(!is_content_hashed("/pkg/samling.css"));
        assert!(!is_content_hashed("/pkg/samling_bg.wasm"));
        assert!(!is_content_hashed("/pkg/samling.0123456789abcdeg.js"));
        assert!(!is_content_hashed("/pkg/samling.0123456789abcdef.css.br"));
    }
}
