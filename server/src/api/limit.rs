//! The request limit per API token: `SAMLING_API_REQUESTS_PER_MINUTE` (default 300; 0 turns it
//! off), kept by each instance for the tokens it serves. A script may burst up to the minute's
//! allowance; past it, 429 with `Retry-After` until the allowance refills.

use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use http::{header, HeaderValue, StatusCode};
use std::num::NonZeroU32;

/// The limiter, keyed by the token's hash (the token itself never sits in memory longer
/// than the request).
pub struct ApiLimit(Option<DefaultKeyedRateLimiter<String>>);

impl ApiLimit {
    pub fn per_minute(requests: u32) -> Self {
        ApiLimit(NonZeroU32::new(requests).map(|n| RateLimiter::keyed(Quota::per_minute(n))))
    }

    /// Counts a request of this token; the wait until it may ask again when over the limit.
    pub fn check(&self, token: &str) -> Result<(), std::time::Duration> {
        let Some(limiter) = &self.0 else {
            return Ok(());
        };
        let key = store::auth::secret_hash(token);
        let outcome = limiter.check_key(&key);
        // Forget tokens idle long enough to be full again; the map stays as small as the
        // set of tokens in use.
        if limiter.len() > 1_000 {
            limiter.retain_recent();
        }
        outcome.map_err(|not_until| not_until.wait_time_from(DefaultClock::default().now()))
    }
}

/// 429 in the API's error shape, with the seconds to wait in `Retry-After`.
pub fn too_many(wait: std::time::Duration) -> axum::response::Response {
    use axum::response::IntoResponse;
    let seconds = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
    let body = serde_json::json!({ "error": {
        "code": "rate_limited",
        "message": format!("too many requests with this API token; try again in {seconds} s"),
    }});
    let mut response = (StatusCode::TOO_MANY_REQUESTS, axum::Json(body)).into_response();
    response
        .headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from(seconds.max(1)));
    response
}
