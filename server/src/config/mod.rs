//! Configuration: `SAMLING_*` environment variables over an optional `samling.toml`. Every value
//! is checked at start-up; a bad one stops the program with a message naming its key.

mod debug;
mod operations;
mod sms;

pub use operations::{Operations, Secret};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

/// `Debug` is written by hand (config/debug.rs): credentials never show.
#[derive(Clone)]
pub struct Config {
    pub database_url: String,
    pub addr: SocketAddr,
    pub public_url: String,
    pub sms: SmsConfig,
    /// The secret in the webhook URLs of providers that do not sign their calls (LINK, Sveve).
    pub webhook_secret: Option<String>,
    pub smtp_url: String,
    pub mail_from: String,
    /// `None` when quiet hours are switched off.
    pub quiet_hours: Option<(chrono::NaiveTime, chrono::NaiveTime)>,
    pub time_zone: chrono_tz::Tz,
    /// Where the built site (pkg/, CSS, favicon) lives.
    pub site_root: PathBuf,
    /// Set the Secure flag on cookies (on when the public URL is https).
    pub secure_cookies: bool,
    /// Housekeeping: purge old delivery payloads (cron, seconds first).
    pub purge_schedule: croner::Cron,
    /// Housekeeping: the daily digest to leaders of tomorrow's sessions and open alerts.
    pub digest_schedule: croner::Cron,
    /// Delivery receipts and inbound texts are kept this many days.
    pub payload_retention_days: i64,
    /// The scheduled backup of a SQLite database, when a folder is configured.
    pub backup: Option<BackupSchedule>,
    /// Participants are erased this many months after their last activity.
    pub retention_months: u32,
    /// The texts of messages that left the queue are forgotten after this many days.
    pub message_text_retention_days: i64,
    /// Housekeeping: retention (erasures, forgotten texts).
    pub retention_schedule: croner::Cron,
    /// Behind a proxy: the header whose last entry is the client's address (e.g.
    /// X-Forwarded-For); `None` uses the connection's peer address.
    pub client_ip_header: Option<String>,
    /// Metrics and the request limit per API token.
    pub operations: Operations,
}

/// Housekeeping's backup: when, where, and how many copies stay.
#[derive(Clone, Debug)]
pub struct BackupSchedule {
    pub schedule: croner::Cron,
    pub folder: PathBuf,
    pub keep: usize,
}

/// The SMS provider and its credentials.
/// `Debug` shows the provider and its non-secret settings (config/debug.rs).
#[derive(Clone)]
pub enum SmsConfig {
    /// Writes each text to the log instead of sending it (the embedded default).
    Log,
    Twilio {
        account_sid: String,
        auth_token: String,
        from: String,
        base_url: String,
    },
    LinkMobility {
        username: String,
        password: String,
        platform_id: String,
        platform_partner_id: String,
        /// The gate LINK support set up for delivery reports; none: the account's default.
        delivery_report_gate: Option<String>,
        from: String,
        base_url: String,
    },
    Sveve {
        user: String,
        password: String,
        from: String,
        base_url: String,
    },
}

impl SmsConfig {
    pub fn name(&self) -> &'static str {
        match self {
            SmsConfig::Log => "log",
            SmsConfig::Twilio { .. } => "twilio",
            SmsConfig::LinkMobility { .. } => "linkmobility",
            SmsConfig::Sveve { .. } => "sveve",
        }
    }
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
    "sms_from",
    "twilio_account_sid",
    "twilio_auth_token",
    "twilio_from",
    "twilio_base_url",
    "linkmobility_username",
    "linkmobility_password",
    "linkmobility_platform_id",
    "linkmobility_platform_partner_id",
    "linkmobility_gate_id",
    "linkmobility_base_url",
    "sveve_user",
    "sveve_password",
    "sveve_base_url",
    "webhook_secret",
    "purge_schedule",
    "digest_schedule",
    "payload_retention_days",
    "backup_dir",
    "backup_schedule",
    "backup_keep",
    "retention_months",
    "message_text_retention_days",
    "retention_schedule",
    "client_ip_header",
    "metrics_token",
    "metrics_addr",
    "api_requests_per_minute",
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
        if let Err(why) = store::Engine::of_url(&database_url) {
            return Err(err(
                "SAMLING_DATABASE_URL",
                format!("{why}, e.g. sqlite://data/samling.db or postgres://user@host/samling"),
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
        let sms = sms::sms_config(&get)?;
        let webhook_secret = get("webhook_secret");
        if let Some(secret) = &webhook_secret {
            if secret.len() < 16 || !secret.chars().all(|c| c.is_ascii_alphanumeric()) {
                return Err(err(
                    "SAMLING_WEBHOOK_SECRET",
                    "use at least 16 letters and digits (it becomes part of the webhook URLs)",
                ));
            }
        } else if matches!(
            sms,
            SmsConfig::LinkMobility { .. } | SmsConfig::Sveve { .. }
        ) {
            return Err(err(
                "SAMLING_WEBHOOK_SECRET",
                "is required for this SMS provider: its delivery reports are checked with it",
            ));
        }
        let purge_schedule = cron(
            "purge_schedule",
            &get("purge_schedule").unwrap_or_else(|| "0 30 3 * * *".into()),
        )?;
        let digest_schedule = cron(
            "digest_schedule",
            &get("digest_schedule").unwrap_or_else(|| "0 0 15 * * *".into()),
        )?;
        let payload_retention_days = whole(&get, "payload_retention_days", 30, 1..=36_500, "days")?;
        let backup = backup_schedule(&get, &database_url)?;
        let retention_months = whole(
            &get,
            "retention_months",
            domain::retention::DEFAULT_MONTHS,
            1..=1200,
            "months",
        )?;
        let message_text_retention_days =
            whole(&get, "message_text_retention_days", 90, 1..=36_500, "days")?;
        let retention_schedule = cron(
            "retention_schedule",
            &get("retention_schedule").unwrap_or_else(|| "0 15 3 * * *".into()),
        )?;
        let client_ip_header = get("client_ip_header")
            .map(|h| {
                http::HeaderName::from_bytes(h.as_bytes())
                    .map(|name| name.as_str().to_string())
                    .map_err(|_| {
                        err(
                            "SAMLING_CLIENT_IP_HEADER",
                            format!("\"{h}\" is not a header name, e.g. X-Forwarded-For"),
                        )
                    })
            })
            .transpose()?;
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
            sms,
            webhook_secret,
            smtp_url,
            mail_from,
            quiet_hours,
            time_zone,
            site_root,
            purge_schedule,
            digest_schedule,
            payload_retention_days,
            backup,
            retention_months,
            message_text_retention_days,
            retention_schedule,
            client_ip_header,
            operations: operations::operations(&get)?,
        })
    }
}

/// A housekeeping schedule: a cron expression with seconds (`sec min hour day month weekday`).
fn cron(key: &str, expr: &str) -> Result<croner::Cron, ConfigError> {
    let env_key = format!("SAMLING_{}", key.to_uppercase());
    croner::parser::CronParser::builder()
        .seconds(croner::parser::Seconds::Required)
        .build()
        .parse(expr)
        .map_err(|e| {
            err(
                &env_key,
                format!(
                    "\"{expr}\" is not a cron expression with seconds, e.g. \"0 30 3 * * *\" ({e})"
                ),
            )
        })
}

/// A whole-number setting within `range`, or `default` when it is not set.
fn whole<T>(
    get: &dyn Fn(&str) -> Option<String>,
    key: &str,
    default: T,
    range: std::ops::RangeInclusive<T>,
    unit: &str,
) -> Result<T, ConfigError>
where
    T: std::str::FromStr + PartialOrd + std::fmt::Display,
{
    match get(key) {
        None => Ok(default),
        Some(v) => v.parse().ok().filter(|n| range.contains(n)).ok_or_else(|| {
            err(
                &format!("SAMLING_{}", key.to_uppercase()),
                format!(
                    "use a whole number of {unit}, from {} to {}",
                    range.start(),
                    range.end()
                ),
            )
        }),
    }
}

/// `SAMLING_BACKUP_DIR` switches the scheduled backup on (SQLite only).
fn backup_schedule(
    get: &dyn Fn(&str) -> Option<String>,
    database_url: &str,
) -> Result<Option<BackupSchedule>, ConfigError> {
    let Some(folder) = get("backup_dir") else {
        return Ok(None);
    };
    if store::Engine::of_url(database_url) == Ok(store::Engine::Postgres) {
        return Err(err(
            "SAMLING_BACKUP_DIR",
            "scheduled backups copy a SQLite database; back PostgreSQL up with pg_dump (see the README)",
        ));
    }
    let schedule = cron(
        "backup_schedule",
        &get("backup_schedule").unwrap_or_else(|| "0 0 2 * * *".into()),
    )?;
    let keep = whole(&get, "backup_keep", 14, 1..=10_000, "backups to keep")?;
    Ok(Some(BackupSchedule {
        schedule,
        folder: PathBuf::from(folder),
        keep,
    }))
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
        assert_eq!(c.sms.name(), "log");
        assert_eq!(c.smtp_url, "log");
        assert!(c.quiet_hours.is_some());
    }

    #[test]
    fn the_link_delivery_report_gate_is_optional() {
        let mut keys = map(&[
            ("sms_provider", "linkmobility"),
            ("linkmobility_username", "u"),
            ("linkmobility_password", "p"),
            ("linkmobility_platform_id", "1"),
            ("linkmobility_platform_partner_id", "2"),
            ("webhook_secret", "aLongEnoughSecret1234"),
        ]);
        let gate = |c: Config| match c.sms {
            SmsConfig::LinkMobility {
                delivery_report_gate,
                ..
            } => delivery_report_gate,
            _ => panic!("LINK is configured"),
        };
        assert_eq!(gate(Config::from_map(&keys).unwrap()), None);
        keys.insert("linkmobility_gate_id".into(), "gate-7".into());
        assert_eq!(
            gate(Config::from_map(&keys).unwrap()),
            Some("gate-7".to_string())
        );
    }

    #[test]
    fn the_metrics_token_never_shows_in_debug_output() {
        let token = "a-metrics-token-0123456789";
        let config = Config::from_map(&map(&[("metrics_token", token)])).unwrap();
        assert_eq!(
            config.operations.metrics_token.as_ref().map(|t| t.expose()),
            Some(token)
        );
        assert!(!format!("{config:?}").contains(token));
        assert_eq!(config.operations.api_requests_per_minute, 300);
    }

    #[test]
    fn bad_values_name_their_key() {
        for (key, value, named) in [
            ("addr", "nowhere", "SAMLING_ADDR"),
            ("sms_provider", "pigeon", "SAMLING_SMS_PROVIDER"),
            ("quiet_hours", "late", "SAMLING_QUIET_HOURS"),
            ("time_zone", "Mars/Olympus", "SAMLING_TIME_ZONE"),
            ("database_url", "mysql://x", "SAMLING_DATABASE_URL"),
            ("purge_schedule", "every night", "SAMLING_PURGE_SCHEDULE"),
            ("digest_schedule", "0 15 * * *", "SAMLING_DIGEST_SCHEDULE"),
            ("retention_months", "0", "SAMLING_RETENTION_MONTHS"),
            (
                "client_ip_header",
                "not a header",
                "SAMLING_CLIENT_IP_HEADER",
            ),
            (
                "message_text_retention_days",
                "-1",
                "SAMLING_MESSAGE_TEXT_RETENTION_DAYS",
            ),
            ("metrics_token", "short", "SAMLING_METRICS_TOKEN"),
            ("metrics_addr", "port 9464", "SAMLING_METRICS_ADDR"),
            (
                "api_requests_per_minute",
                "lots",
                "SAMLING_API_REQUESTS_PER_MINUTE",
            ),
        ] {
            let e = Config::from_map(&map(&[(key, value)])).unwrap_err();
            assert_eq!(e.key, named);
            assert!(e.to_string().contains(named));
        }
        // A provider without its credentials names the first missing one.
        let e = Config::from_map(&map(&[("sms_provider", "twilio")])).unwrap_err();
        assert_eq!(e.key, "SAMLING_TWILIO_ACCOUNT_SID");
        let e = Config::from_map(&map(&[
            ("sms_provider", "sveve"),
            ("sveve_user", "u"),
            ("sveve_password", "p"),
        ]))
        .unwrap_err();
        assert_eq!(e.key, "SAMLING_WEBHOOK_SECRET");
        // Scheduled backups copy SQLite; on PostgreSQL the README points to pg_dump.
        let e = Config::from_map(&map(&[
            ("database_url", "postgres://samling@db/samling"),
            ("backup_dir", "/var/backups/samling"),
        ]))
        .unwrap_err();
        assert_eq!(e.key, "SAMLING_BACKUP_DIR");
        let e = Config::from_map(&map(&[("backup_dir", "b"), ("backup_keep", "0")])).unwrap_err();
        assert_eq!(e.key, "SAMLING_BACKUP_KEEP");
        assert!(Config::from_map(&map(&[("backup_keep", "0")]))
            .unwrap()
            .backup
            .is_none());
        assert!(Config::from_map(&map(&[("quiet_hours", "off")]))
            .unwrap()
            .quiet_hours
            .is_none());
    }
}
