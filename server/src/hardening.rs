//! Protections around every request: a state-changing request a browser sends from another
//! site is refused (checked by `Sec-Fetch-Site`, else `Origin`; SameSite cookies alone do not
//! cover older browsers or sibling subdomains), HSTS when Samling is reached over https, and
//! a restrictive Content-Security-Policy on every response that is not a page (pages carry
//! their own, with the nonce of their scripts: `app::csp`).

use app::error::AppError;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http::{header, HeaderValue, Method};

/// What the middleware needs from the configuration.
#[derive(Clone, Debug)]
pub struct Hardening {
    /// The origin users reach Samling at (`scheme://host[:port]` of the public URL).
    pub public_origin: String,
    /// Send `Strict-Transport-Security` (the public URL is https).
    pub hsts: bool,
}

impl Hardening {
    pub fn new(public_url: &str) -> Self {
        Hardening {
            public_origin: origin_of(public_url),
            hsts: public_url.starts_with("https://"),
        }
    }
}

/// `scheme://host[:port]` of a URL, without path or trailing slash.
fn origin_of(url: &str) -> String {
    let (scheme, rest) = url.split_once("://").unwrap_or(("http", url));
    let host = rest.split('/').next().unwrap_or_default();
    format!(
        "{}://{}",
        scheme.to_ascii_lowercase(),
        host.to_ascii_lowercase()
    )
}

/// Whether a browser says this request comes from another site. Requests without the
/// browser's headers (the API with a token, providers' webhooks, scripts) carry no cookies a
/// page elsewhere could have made them send, and pass.
fn from_another_site(request: &Request, public_origin: &str) -> bool {
    let headers = request.headers();
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        // `none`: typed into the address bar or a bookmark.
        return !(site == "same-origin" || site == "none");
    }
    let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) else {
        return false;
    };
    let origin = origin.to_ascii_lowercase();
    // Behind a proxy the public URL is the origin; tested or reached directly, the Host is.
    let direct = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|host| {
            origin.split_once("://").map(|(_, h)| h) == Some(&host.to_ascii_lowercase())
        });
    !(origin == public_origin || direct)
}

fn changes_state(method: &Method) -> bool {
    !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

pub async fn guard(State(h): State<Hardening>, request: Request, next: Next) -> Response {
    // Providers call the webhooks from their own servers.
    let webhook = request.uri().path().starts_with("/hooks/");
    if changes_state(request.method()) && !webhook && from_another_site(&request, &h.public_origin)
    {
        tracing::warn!(
            path = request.uri().path(),
            origin = ?request.headers().get(header::ORIGIN),
            "refused a state-changing request from another site"
        );
        return AppError::Forbidden.into_response();
    }
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    if h.hsts {
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        );
    }
    if !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(app::csp::NOT_A_PAGE),
        );
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(method: &str, headers: &[(&str, &str)]) -> Request {
        let mut builder = http::Request::builder().method(method).uri("/api/login");
        for (k, v) in headers {
            builder = builder.header(*k, *v);
        }
        builder.body(axum::body::Body::empty()).unwrap()
    }

    #[test]
    fn the_public_origin_is_scheme_and_host() {
        assert_eq!(
            origin_of("https://Samling.Kommune.no/"),
            "https://samling.kommune.no"
        );
        assert_eq!(origin_of("http://127.0.0.1:3000"), "http://127.0.0.1:3000");
    }

    #[test]
    fn only_requests_a_browser_marks_as_foreign_are_refused() {
        let public = "https://samling.kommune.no";
        let foreign =
            |headers: &[(&str, &str)]| from_another_site(&request("POST", headers), public);
        assert!(foreign(&[("sec-fetch-site", "cross-site")]));
        assert!(foreign(&[("sec-fetch-site", "same-site")]));
        assert!(!foreign(&[("sec-fetch-site", "same-origin")]));
        assert!(foreign(&[("origin", "https://evil.example")]));
        assert!(!foreign(&[("origin", "https://samling.kommune.no")]));
        assert!(!foreign(&[
            ("origin", "http://10.0.0.5:3000"),
            ("host", "10.0.0.5:3000")
        ]));
        assert!(foreign(&[
            ("origin", "http://evil.example"),
            ("host", "10.0.0.5:3000")
        ]));
        // No browser headers: a token client or a script.
        assert!(!foreign(&[]));
        assert!(!changes_state(&Method::GET));
    }
}
