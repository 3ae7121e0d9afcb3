//! The answer of a paged list: the page's rows as a JSON array (as before paging, so clients
//! that read one page keep working), and where the next page is, in a `Link: <…>; rel="next"`
//! header and an `X-Next-Cursor` header. No header: this was the last page.

use http::header::{HeaderName, HeaderValue, LINK};
use http::Uri;
use serde::Serialize;
use store::paging::Page;

/// The header that carries the next page's cursor alone.
pub const NEXT_CURSOR: HeaderName = HeaderName::from_static("x-next-cursor");

/// The rows, with the next page's address when there is one: the same path and query,
/// with the cursor replaced.
pub fn answer<T: Serialize>(uri: &Uri, page: Page<T>) -> axum::response::Response {
    use axum::response::IntoResponse;
    let mut response = axum::Json(page.items).into_response();
    if let Some(cursor) = page.next {
        let link = format!("<{}>; rel=\"next\"", next_page(uri, &cursor));
        // Cursors are base64url and the query is percent-encoded: both are valid header text.
        if let (Ok(link), Ok(cursor)) =
            (HeaderValue::from_str(&link), HeaderValue::from_str(&cursor))
        {
            response.headers_mut().insert(LINK, link);
            response.headers_mut().insert(NEXT_CURSOR, cursor);
        }
    }
    response
}

/// The request's path and query with `cursor` set to the next page's (a reference relative to
/// the request, so it holds behind any proxy that keeps the path).
fn next_page(uri: &Uri, cursor: &str) -> String {
    let mut query = form_urlencoded::Serializer::new(String::new());
    for (key, value) in form_urlencoded::parse(uri.query().unwrap_or("").as_bytes()) {
        if key != "cursor" {
            query.append_pair(&key, &value);
        }
    }
    query.append_pair("cursor", cursor);
    format!("{}?{}", uri.path(), query.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_next_page_keeps_the_filters_and_replaces_the_cursor() {
        let uri: Uri = "/api/v1/messages?course_id=3&cursor=old&limit=50"
            .parse()
            .unwrap();
        assert_eq!(
            next_page(&uri, "abc_-1"),
            "/api/v1/messages?course_id=3&limit=50&cursor=abc_-1"
        );
        let bare: Uri = "/api/v1/messages".parse().unwrap();
        assert_eq!(next_page(&bare, "x"), "/api/v1/messages?cursor=x");
    }
}
