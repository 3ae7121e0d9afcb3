//! The operators' settings: where `/metrics` is served and to whom, and the request limit per
//! API token. (The log format is read by `telemetry` before the configuration, so that a bad
//! configuration is logged in the chosen format too.)

use super::{err, whole, ConfigError};
use std::net::SocketAddr;

/// A secret that never shows in `Debug` output or logs.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(…)")
    }
}

#[derive(Clone, Debug)]
pub struct Operations {
    /// `GET /metrics` on the main address answers only with `Authorization: Bearer <token>`;
    /// without a token it is not served there.
    pub metrics_token: Option<Secret>,
    /// A separate address serving only `/metrics`, without a token (bind it where only the
    /// monitoring can reach it).
    pub metrics_addr: Option<SocketAddr>,
    /// Requests per minute one API token may make; 0 switches the limit off.
    pub api_requests_per_minute: u32,
}

pub(super) fn operations(get: &dyn Fn(&str) -> Option<String>) -> Result<Operations, ConfigError> {
    let metrics_token = get("metrics_token")
        .map(|t| {
            if t.len() >= 16 && t.chars().all(|c| c.is_ascii_graphic()) {
                Ok(Secret(t))
            } else {
                Err(err(
                    "SAMLING_METRICS_TOKEN",
                    "use at least 16 printable characters without spaces",
                ))
            }
        })
        .transpose()?;
    let metrics_addr = get("metrics_addr")
        .map(|a| {
            a.parse::<SocketAddr>().map_err(|_| {
                err(
                    "SAMLING_METRICS_ADDR",
                    format!("\"{a}\" is not an address like 127.0.0.1:9464"),
                )
            })
        })
        .transpose()?;
    let api_requests_per_minute = whole(
        get,
        "api_requests_per_minute",
        300,
        0..=1_000_000,
        "requests per minute",
    )?;
    Ok(Operations {
        metrics_token,
        metrics_addr,
        api_requests_per_minute,
    })
}
