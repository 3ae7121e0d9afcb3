//! Sending SMS through one provider behind the `SmsProvider` trait, and reading its webhooks.
//!
//! Each provider module has the sending half (`send`) and pure functions that turn a provider's
//! webhook call, as axum hands it over (form map, JSON value or query map), into a
//! [`DeliveryReport`] or an [`InboundSms`]. The webhook routes are
//! `/hooks/sms/twilio/{status,inbound}` (checked with Twilio's signature) and
//! `/hooks/sms/{linkmobility,sveve}/{secret}/{status,inbound}` (checked with the secret).

use crate::config::{Config, SmsConfig};
use futures_util::future::BoxFuture;
use std::sync::Arc;
use std::time::Duration;

pub mod linkmobility;
pub mod log;
pub mod sveve;
pub mod twilio;

/// How long one call to a provider may take before it counts as a transient failure.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(15);

/// One text to send.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutgoingSms {
    /// The recipient in E.164 (`+4791234567`).
    pub to: String,
    pub body: String,
    /// Our outbox id: it goes into the logs and, where the provider has such a field, into the
    /// request (LINK's `refId`, Sveve's `ref`) so that the provider's reports name it too.
    pub reference: String,
}

/// Why a text was not accepted. The reminder engine retries `Transient` with backoff and marks
/// `Permanent` as failed for the leader to see.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SendError {
    /// Worth trying again later: the network, a timeout, throttling (429) or the provider's own
    /// trouble (5xx). After a timeout the provider may still have accepted the text.
    #[error("temporary failure: {0}")]
    Transient(String),
    /// Trying again will not help: an invalid number, rejected credentials, a refused request.
    #[error("permanent failure: {0}")]
    Permanent(String),
    /// The request may have reached the provider (a timeout, a connection lost after
    /// sending): retrying could send the text twice, so the message is marked uncertain
    /// for a person to check — a young person must never get the same text twice.
    #[error("uncertain: {0}")]
    Uncertain(String),
}

impl SendError {
    pub fn is_transient(&self) -> bool {
        matches!(self, SendError::Transient(_))
    }

    /// The class the metrics count it under.
    pub fn class(&self) -> &'static str {
        match self {
            SendError::Transient(_) => "transient",
            SendError::Permanent(_) => "permanent",
            SendError::Uncertain(_) => "uncertain",
        }
    }

    /// The message without the transient/permanent prefix.
    pub fn message(&self) -> &str {
        match self {
            SendError::Transient(m) | SendError::Permanent(m) | SendError::Uncertain(m) => m,
        }
    }
}

/// A way of sending texts. Implementations are cheap to share: the worker holds one
/// `Arc<dyn SmsProvider>` for the life of the process.
pub trait SmsProvider: Send + Sync {
    /// `"log"`, `"twilio"`, `"linkmobility"` or `"sveve"`: the same names as the configuration.
    fn name(&self) -> &'static str;

    /// Hands one text to the provider and returns the provider's id for it, which its delivery
    /// reports will carry.
    fn send<'a>(&'a self, sms: &'a OutgoingSms) -> BoxFuture<'a, Result<String, SendError>>;
}

/// The provider named by the configuration, with the standard request timeout.
pub fn from_config(config: &Config) -> Arc<dyn SmsProvider> {
    from_config_with_timeout(config, REQUEST_TIMEOUT)
}

/// The provider named by the configuration, with another request timeout (tests use a short
/// one so that a hanging gateway does not hold them up for 15 s).
pub fn from_config_with_timeout(config: &Config, timeout: Duration) -> Arc<dyn SmsProvider> {
    match &config.sms {
        SmsConfig::Log => Arc::new(log::LogProvider),
        SmsConfig::Twilio {
            account_sid,
            auth_token,
            from,
            base_url,
        } => Arc::new(twilio::Twilio {
            client: http_client(timeout),
            account_sid: account_sid.clone(),
            auth_token: auth_token.clone(),
            from: from.clone(),
            base_url: base_url.clone(),
            status_callback: Some(status_callback_url(&config.public_url, "twilio", None)),
        }),
        SmsConfig::LinkMobility {
            username,
            password,
            platform_id,
            platform_partner_id,
            delivery_report_gate,
            from,
            base_url,
        } => Arc::new(linkmobility::LinkMobility {
            client: http_client(timeout),
            username: username.clone(),
            password: password.clone(),
            platform_id: platform_id.clone(),
            platform_partner_id: platform_partner_id.clone(),
            from: from.clone(),
            base_url: base_url.clone(),
            delivery_report_gate: delivery_report_gate.clone(),
        }),
        SmsConfig::Sveve {
            user,
            password,
            from,
            base_url,
        } => Arc::new(sveve::Sveve {
            client: http_client(timeout),
            user: user.clone(),
            password: password.clone(),
            from: from.clone(),
            base_url: base_url.clone(),
        }),
    }
}

/// What a delivery receipt says about one text we sent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeliveryReport {
    /// The id `SmsProvider::send` returned for the text.
    pub provider_id: String,
    pub outcome: DeliveryOutcome,
    /// The same for a replay of the same event and different for every other event, so that
    /// a receipt the provider sends twice is recorded once.
    pub event_key: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DeliveryOutcome {
    /// The provider has the text and passed it on (or is about to); not yet on the phone.
    Sent,
    /// The phone has it.
    Delivered,
    /// It will not arrive; the reason as the provider gave it.
    Failed(String),
}

/// A text a participant sent to us.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InboundSms {
    /// The sender in E.164 where the provider's format allows telling (see [`normalize_msisdn`]).
    pub from: String,
    pub body: String,
    /// Unique per text at the provider, for replay detection.
    pub provider_message_id: String,
}

/// Where a provider should send delivery receipts: `{public_url}/hooks/sms/twilio/status` for
/// Twilio (signed, no secret in the path), `{public_url}/hooks/sms/{provider}/{secret}/status`
/// for the others.
pub fn status_callback_url(public_url: &str, provider: &str, secret: Option<&str>) -> String {
    hook_url(public_url, provider, secret, "status")
}

/// Where a provider should send texts participants send us (configured in the provider's portal).
pub fn inbound_url(public_url: &str, provider: &str, secret: Option<&str>) -> String {
    hook_url(public_url, provider, secret, "inbound")
}

fn hook_url(public_url: &str, provider: &str, secret: Option<&str>, kind: &str) -> String {
    let base = public_url.trim_end_matches('/');
    match secret {
        Some(secret) if provider != "twilio" => {
            format!("{base}/hooks/sms/{provider}/{secret}/{kind}")
        }
        _ => format!("{base}/hooks/sms/{provider}/{kind}"),
    }
}

/// Compares the secret from a webhook path with the configured one in constant time, so that
/// the time a wrong guess takes says nothing about how close it was.
pub fn secret_matches(expected: &str, got: &str) -> bool {
    let (a, b) = (expected.as_bytes(), got.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// A phone number for logs: only the last two digits, because logs are kept and read more
/// widely than the database.
pub fn masked(number: &str) -> String {
    let digits: Vec<char> = number.chars().filter(|c| c.is_ascii_digit()).collect();
    let tail: String = digits[digits.len().saturating_sub(2)..].iter().collect();
    format!("…{tail}")
}

/// A sender number as providers write it, in E.164 where that can be told: `+4791234567` stays,
/// `004791234567` gets its `+`, eight digits starting with 4 or 9 are a Norwegian mobile number
/// (+47), and ten or more bare digits are taken to start with a country code (`4791234567`).
/// Anything else (a short number, a name) is returned trimmed as it came.
pub fn normalize_msisdn(raw: &str) -> String {
    let s: String = raw
        .trim()
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '(' | ')'))
        .collect();
    let all_digits = |t: &str| !t.is_empty() && t.chars().all(|c| c.is_ascii_digit());
    if let Some(rest) = s.strip_prefix('+') {
        if all_digits(rest) {
            return s;
        }
    } else if let Some(rest) = s.strip_prefix("00") {
        if all_digits(rest) && rest.len() >= 8 {
            return format!("+{rest}");
        }
    } else if all_digits(&s) {
        if s.len() == 8 && (s.starts_with('4') || s.starts_with('9')) {
            return format!("+47{s}");
        }
        if s.len() >= 10 {
            return format!("+{s}");
        }
    }
    raw.trim().to_string()
}

/// The one HTTP client a provider uses: connections are reused, and every request (connect,
/// send, answer) has to finish within `timeout`.
pub(crate) fn http_client(timeout: Duration) -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(timeout)
        .connect_timeout(timeout.min(Duration::from_secs(5)))
        .user_agent(concat!("samling/", env!("CARGO_PKG_VERSION")))
        .build()
        // Fails only when the TLS backend cannot start: a broken installation that no request
        // could get past, so start-up stops here with the reason.
        .expect("the HTTP client for the SMS provider starts")
}

/// A network-level failure with no answer from the provider. Only a failed connection is
/// surely harmless to retry; after a timeout or a broken answer the text may have gone.
pub(crate) fn network_error(provider: &str, e: &reqwest::Error) -> SendError {
    if e.is_connect() {
        return SendError::Transient(format!("{provider}: could not connect: {}", error_chain(e)));
    }
    let what = if e.is_timeout() {
        "timed out (the provider may still have accepted the text)"
    } else {
        "request failed after it was sent"
    };
    SendError::Uncertain(format!("{provider}: {what}: {}", error_chain(e)))
}

/// An HTTP error status: 408, 429 and 5xx are the provider's passing trouble; any other 4xx
/// means this request will never be accepted.
pub(crate) fn status_error(provider: &str, status: u16, detail: &str) -> SendError {
    let message = format!("{provider}: HTTP {status}: {}", shorten(detail));
    if status == 408 || status == 429 || status >= 500 {
        SendError::Transient(message)
    } else {
        SendError::Permanent(message)
    }
}

/// Provider answers end up in the outbox's last error; keep them readable.
pub(crate) fn shorten(s: &str) -> String {
    const MAX: usize = 300;
    let s = s.trim();
    if s.chars().count() <= MAX {
        s.to_string()
    } else {
        let cut: String = s.chars().take(MAX).collect();
        format!("{cut}…")
    }
}

fn error_chain(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        text.push_str(": ");
        text.push_str(&s.to_string());
        source = s.source();
    }
    text
}

/// A field from a webhook's form or query map, trimmed; `None` when missing or empty.
pub(crate) fn field<'a>(
    map: &'a std::collections::BTreeMap<String, String>,
    names: &[&str],
) -> Option<&'a str> {
    names
        .iter()
        .filter_map(|n| map.get(*n))
        .map(|v| v.trim())
        .find(|v| !v.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn config(pairs: &[(&str, &str)]) -> Config {
        let map: BTreeMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Config::from_map(&map).unwrap()
    }

    #[test]
    fn from_config_picks_the_configured_provider() {
        assert_eq!(from_config(&config(&[])).name(), "log");
        let twilio = config(&[
            ("sms_provider", "twilio"),
            ("twilio_account_sid", "AC1"),
            ("twilio_auth_token", "t"),
            ("twilio_from", "+4759440000"),
        ]);
        assert_eq!(from_config(&twilio).name(), "twilio");
        let secret = ("webhook_secret", "abcdefghijklmnop1234");
        let link = config(&[
            ("sms_provider", "linkmobility"),
            ("linkmobility_username", "u"),
            ("linkmobility_password", "p"),
            ("linkmobility_platform_id", "1"),
            ("linkmobility_platform_partner_id", "2"),
            secret,
        ]);
        assert_eq!(from_config(&link).name(), "linkmobility");
        let sveve = config(&[
            ("sms_provider", "sveve"),
            ("sveve_user", "u"),
            ("sveve_password", "p"),
            secret,
        ]);
        assert_eq!(from_config(&sveve).name(), "sveve");
    }

    #[test]
    fn hook_urls() {
        assert_eq!(
            status_callback_url("https://samling.example/", "twilio", Some("ignored")),
            "https://samling.example/hooks/sms/twilio/status"
        );
        assert_eq!(
            inbound_url("https://samling.example", "sveve", Some("s3cr3t")),
            "https://samling.example/hooks/sms/sveve/s3cr3t/inbound"
        );
        assert_eq!(
            status_callback_url("http://127.0.0.1:3000", "linkmobility", Some("abc")),
            "http://127.0.0.1:3000/hooks/sms/linkmobility/abc/status"
        );
    }

    #[test]
    fn http_status_classification() {
        for transient in [408, 429, 500, 502, 503, 504] {
            assert!(
                status_error("x", transient, "").is_transient(),
                "{transient}"
            );
        }
        for permanent in [400, 401, 403, 404, 422] {
            assert!(
                !status_error("x", permanent, "").is_transient(),
                "{permanent}"
            );
        }
        let e = status_error("twilio", 400, &"x".repeat(1000));
        assert!(e.message().len() < 400);
        assert!(e
            .to_string()
            .starts_with("permanent failure: twilio: HTTP 400"));
    }

    #[tokio::test]
    async fn network_failures_are_transient() {
        // A port nothing listens on: bind one and close it again.
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let client = http_client(Duration::from_secs(2));
        let e = client
            .get(format!("http://127.0.0.1:{port}/"))
            .send()
            .await
            .unwrap_err();
        let classified = network_error("test", &e);
        assert!(classified.is_transient());
        assert!(classified.message().contains("could not connect"));
    }

    #[test]
    fn secrets_compare_exactly() {
        assert!(secret_matches("abcdef1234567890", "abcdef1234567890"));
        assert!(!secret_matches("abcdef1234567890", "abcdef1234567891"));
        assert!(!secret_matches("abcdef1234567890", "abcdef123456789"));
        assert!(!secret_matches("abcdef1234567890", ""));
    }

    #[test]
    fn numbers_are_masked_in_logs() {
        assert_eq!(masked("+4791234567"), "…67");
        assert_eq!(masked("7"), "…7");
        assert_eq!(masked(""), "…");
    }

    #[test]
    fn sender_numbers_become_e164() {
        assert_eq!(normalize_msisdn("+4791234567"), "+4791234567");
        assert_eq!(normalize_msisdn("004791234567"), "+4791234567");
        assert_eq!(normalize_msisdn("4791234567"), "+4791234567");
        assert_eq!(normalize_msisdn(" 912 34 567 "), "+4791234567");
        assert_eq!(normalize_msisdn("46701234567"), "+46701234567");
        // Short numbers and names are not phone numbers we can complete.
        assert_eq!(normalize_msisdn("2229"), "2229");
        assert_eq!(normalize_msisdn("Samling"), "Samling");
    }
}
