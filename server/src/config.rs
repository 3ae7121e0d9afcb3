//! Configuration: `SAMLING_*` environment variables over an optional `samling.toml`. Every value
//! is checked at start-up; a bad one stops the program with a message naming its key.

use serde::Deserialize;
use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

#[derive(Clone, Debug)]
pub struct Config {
    pub database_url: String,
    pub addr: SocketAddr,
    pub public_url: String,
    pub sms_provider: String,
    pub smtp_url: String,
    pub mail_from: String,
    /// `None` when quiet hours are switched off.
    pub quiet_hours: Option<(chrono::NaiveTime, chrono::NaiveTime)>,
    pub time_zone: chrono_tz::Tz,
    /// Where the built site (pkg/, CSS, favicon) lives.
    pub site_root: PathBuf,
    /// Set the Secure flag on cookies (on when the public URL is https).
    pub secure_cookies: bool,
}

#[derive(Debug, thiserror::Error)]
#[error("configuration key {key}: {message}")]
pub struct ConfigError {
    pub key: String,
    pub message: String,
}

fn err(key: &str, message: impl Into<String>) -> ConfigError {
    ConfigError {
        key: key.to_string(),
        message: message.into(),
    }
}

const KEYS: &[&str] = &[
    "database_url",
    "addr",
    "public_url",
    "sms_provider",
    "smtp_url",
    "mail_from",
    "quiet_hours",
    "time_zone",
    "site_root",
];

/// The raw key → value map: file first, then environment on top.
#[derive(Debug, Default, Deserialize)]
#[serde(transparent)]
struct RawFile(BTreeMap<String, toml::Value>);

impl Config {
    /// Reads `SAMLING_CONFIG` (or `./samling.toml` if it exists) and the environment.
    pub fn load() -> Result<Self, ConfigError> {
        let path = std::env::var("SAMLING_CONFIG").ok().map(PathBuf::from);
        let file = match &path {
            Some(p) => Some(p.clone()),
            None => Path::new("samling.toml")
                .exists()
                .then(|| PathBuf::from("samling.toml")),
        };
        let mut values = BTreeMap::new();
        if let Some(file) = file {
            let text = std::fs::read_to_string(&file).map_err(|e| {
                err(
                    "SAMLING_CONFIG",
                    format!("cannot read {}: {e}", file.display()),
                )
            })?;
            let raw: RawFile = toml::from_str(&text).map_err(|e| {
                err(
                    "SAMLING_CONFIG",
                    format!("{} is not valid TOML: {e}", file.display()),
                )
            })?;
            for (k, v) in raw.0 {
                if !KEYS.contains(&k.as_str()) {
                    return Err(err(&k, format!("unknown key in {}", file.display())));
                }
                let v = match v {
                    toml::Value::String(s) => s,
                    other => other.to_string(),
                };
                values.insert(k, v);
            }
        }
        for key in KEYS {
            if let Ok(v) = std::env::var(format!("SAMLING_{}", key.to_uppercase())) {
                values.insert(key.to_string(), v);
            }
        }
        Self::from_map(&values)
    }

    /// Builds a configuration from keys without the `SAMLING_` prefix; tests use this directly.
    pub fn from_map(values: &BTreeMap<String, String>) -> Result<Self, ConfigError> {
        let get = |k: &str| {
            values
                .get(k)
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
        };
        let database_url = get("database_url").unwrap_or_else(|| "sqlite://data/samling.db".into());
        if !database_url.starts_with("sqlite:") {
            return Err(err(
                "SAMLING_DATABASE_URL",
                "only sqlite: URLs are supported, e.g. sqlite://data/samling.db",
            ));
        }
        let addr_text = get("addr").unwrap_or_else(|| "127.0.0.1:3000".into());
        let addr: SocketAddr = addr_text.parse().map_err(|_| {
            err(
                "SAMLING_ADDR",
                format!("\"{addr_text}\" is not an address like 127.0.0.1:3000"),
            )
        })?;
        let public_url = get("public_url").unwrap_or_else(|| format!("http://{addr}"));
        if !(public_url.starts_with("http://") || public_url.starts_with("https://")) {
            return Err(err(
                "SAMLING_PUBLIC_URL",
                "must start with http:// or https://",
            ));
        }
        let sms_provider = get("sms_provider").unwrap_or_else(|| "log".into());
        if !["log", "twilio", "linkmobility", "sveve"].contains(&sms_provider.as_str()) {
            return Err(err(
                "SAMLING_SMS_PROVIDER",
                "use log, twilio, linkmobility or sveve",
            ));
        }
        let smtp_url = get("smtp_url").unwrap_or_else(|| "log".into());
        if !(smtp_url == "log"
            || smtp_url.starts_with("smtp://")
            || smtp_url.starts_with("smtps://"))
        {
            return Err(err(
                "SAMLING_SMTP_URL",
                "use log, or an smtp:// or smtps:// URL",
            ));
        }
        let mail_from = get("mail_from").unwrap_or_else(|| "Samling <samling@localhost>".into());
        if !mail_from.contains('@') {
            return Err(err("SAMLING_MAIL_FROM", "must contain an e-mail address"));
        }
        let quiet_hours =
            parse_quiet_hours(&get("quiet_hours").unwrap_or_else(|| "21:00-08:00".into()))
                .ok_or_else(|| {
                    err(
                        "SAMLING_QUIET_HOURS",
                        "use HH:MM-HH:MM (e.g. 21:00-08:00) or off",
                    )
                })?;
        let tz_text = get("time_zone").unwrap_or_else(|| "Europe/Oslo".into());
        let time_zone = tz_text.parse().map_err(|_| {
            err(
                "SAMLING_TIME_ZONE",
                format!("\"{tz_text}\" is not a time zone like Europe/Oslo"),
            )
        })?;
        let site_root = PathBuf::from(get("site_root").unwrap_or_else(|| "target/site".into()));
        Ok(Config {
            secure_cookies: public_url.starts_with("https://"),
            database_url,
            addr,
            public_url,
            sms_provider,
            smtp_url,
            mail_from,
            quiet_hours,
            time_zone,
            site_root,
        })
    }
}

fn parse_quiet_hours(s: &str) -> Option<Option<(chrono::NaiveTime, chrono::NaiveTime)>> {
    if s.eq_ignore_ascii_case("off") {
        return Some(None);
    }
    let (from, to) = s.split_once('-')?;
    let parse = |t: &str| chrono::NaiveTime::parse_from_str(t.trim(), "%H:%M").ok();
    Some(Some((parse(from)?, parse(to)?)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn defaults_are_the_embedded_ones() {
        let c = Config::from_map(&BTreeMap::new()).unwrap();
        assert_eq!(c.database_url, "sqlite://data/samling.db");
        assert_eq!(c.addr.to_string(), "127.0.0.1:3000");
        assert_eq!(c.sms_provider, "log");
        assert_eq!(c.smtp_url, "log");
        assert!(c.quiet_hours.is_some());
    }

    #[test]
    fn bad_values_name_their_key() {
        for (key, value, named) in [
            ("addr", "nowhere", "SAMLING_ADDR"),
            ("sms_provider", "pigeon", "SAMLING_SMS_PROVIDER"),
            ("quiet_hours", "late", "SAMLING_QUIET_HOURS"),
            ("time_zone", "Mars/Olympus", "SAMLING_TIME_ZONE"),
            ("database_url", "postgres://x", "SAMLING_DATABASE_URL"),
        ] {
            let e = Config::from_map(&map(&[(key, value)])).unwrap_err();
            assert_eq!(e.key, named);
            assert!(e.to_string().contains(named));
        }
        assert!(Config::from_map(&map(&[("quiet_hours", "off")]))
            .unwrap()
            .quiet_hours
            .is_none());
    }
}
