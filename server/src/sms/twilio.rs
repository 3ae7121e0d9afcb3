//! Twilio: sending through the Messages API, and reading its signed status and inbound webhooks.
//!
//! Sending: `POST {base_url}/2010-04-01/Accounts/{sid}/Messages.json`, HTTP Basic (account
//! sid : auth token), form fields `To`, `From` (or `MessagingServiceSid` when the configured
//! sender is an `MG…` service id), `Body` and `StatusCallback`; the answer is 201 with JSON whose
//! `sid` is the message id. Errors come as JSON `{"code", "message", "status"}`.
//!
//! Webhooks (form-encoded POSTs, signed with `X-Twilio-Signature`):
//! - status: `MessageSid`, `MessageStatus` (queued, sending, sent, delivered, undelivered,
//!   failed, …), `ErrorCode` on failures;
//! - inbound: `MessageSid`, `From`, `To`, `Body`.

use super::{
    field, network_error, shorten, status_error, DeliveryOutcome, DeliveryReport, InboundSms,
    OutgoingSms, SendError, SmsProvider,
};
use base64::Engine as _;
use futures_util::future::BoxFuture;
use hmac::{Hmac, Mac};
use sha1::Sha1;
use std::collections::BTreeMap;

pub struct Twilio {
    pub(crate) client: reqwest::Client,
    pub(crate) account_sid: String,
    pub(crate) auth_token: String,
    pub(crate) from: String,
    pub(crate) base_url: String,
    /// `{public_url}/hooks/sms/twilio/status`: Twilio takes the receipt URL per message.
    pub(crate) status_callback: Option<String>,
}

impl SmsProvider for Twilio {
    fn name(&self) -> &'static str {
        "twilio"
    }

    fn send<'a>(&'a self, sms: &'a OutgoingSms) -> BoxFuture<'a, Result<String, SendError>> {
        Box::pin(self.send_one(sms))
    }
}

impl Twilio {
    async fn send_one(&self, sms: &OutgoingSms) -> Result<String, SendError> {
        let url = format!(
            "{}/2010-04-01/Accounts/{}/Messages.json",
            self.base_url, self.account_sid
        );
        // A Messaging Service id (MG + 32 hex) lets Twilio pick the sender from a pool.
        let from_field = if self.from.starts_with("MG") && self.from.len() == 34 {
            "MessagingServiceSid"
        } else {
            "From"
        };
        let mut form: Vec<(&str, &str)> = vec![
            ("To", &sms.to),
            (from_field, &self.from),
            ("Body", &sms.body),
        ];
        if let Some(callback) = &self.status_callback {
            form.push(("StatusCallback", callback));
        }
        let response = self
            .client
            .post(&url)
            .basic_auth(&self.account_sid, Some(&self.auth_token))
            .form(&form)
            .send()
            .await
            .map_err(|e| network_error("twilio", &e))?;
        let status = response.status();
        let text = response
            .text()
            .await
            .map_err(|e| network_error("twilio", &e))?;
        if !status.is_success() {
            return Err(status_error(
                "twilio",
                status.as_u16(),
                &error_detail(&text),
            ));
        }
        // Accepted (2xx) but without a readable sid: the text is probably on its way, and a
        // retry could send it twice, which is worse than a failure the leader sees.
        let sid = serde_json::from_str::<serde_json::Value>(&text)
            .ok()
            .and_then(|json| json["sid"].as_str().map(str::to_string))
            .filter(|sid| !sid.is_empty())
            .ok_or_else(|| {
                SendError::Permanent(format!(
                    "twilio: HTTP {status} without a message sid, not retried in case it was sent: {}",
                    shorten(&text)
                ))
            })?;
        tracing::debug!(reference = %sms.reference, sid, "twilio accepted the text");
        Ok(sid)
    }
}

/// Twilio's error JSON as one line: `21211: The 'To' number … is not a valid phone number.`
fn error_detail(body: &str) -> String {
    match serde_json::from_str::<serde_json::Value>(body) {
        Ok(json) if json["message"].is_string() => {
            let message = json["message"].as_str().unwrap_or_default();
            match &json["code"] {
                serde_json::Value::Null => message.to_string(),
                code => format!("{code}: {message}"),
            }
        }
        _ => body.to_string(),
    }
}

/// Reads a status callback (`MessageSid`, `MessageStatus`, `ErrorCode`).
///
/// The pre-send states (queued, accepted, scheduled, sending) count as `Sent`: Twilio has the
/// text and nothing has gone wrong. The event key is sid + status, so Twilio's retry of the same
/// callback is a replay while the later "delivered" for the same text is not.
pub fn parse_status(form: &BTreeMap<String, String>) -> Result<DeliveryReport, String> {
    let sid = field(form, &["MessageSid", "SmsSid"]).ok_or("MessageSid is missing")?;
    let status = field(form, &["MessageStatus", "SmsStatus"])
        .ok_or("MessageStatus is missing")?
        .to_ascii_lowercase();
    let outcome = match status.as_str() {
        "queued" | "accepted" | "scheduled" | "sending" | "sent" => DeliveryOutcome::Sent,
        "delivered" | "read" => DeliveryOutcome::Delivered,
        "undelivered" | "failed" | "canceled" => {
            let mut reason = status.clone();
            if let Some(code) = field(form, &["ErrorCode"]) {
                reason.push_str(&format!(" (error {code})"));
            }
            if let Some(message) = field(form, &["ErrorMessage"]) {
                reason.push_str(&format!(": {message}"));
            }
            DeliveryOutcome::Failed(reason)
        }
        other => return Err(format!("unknown MessageStatus \"{other}\"")),
    };
    Ok(DeliveryReport {
        provider_id: sid.to_string(),
        event_key: format!("twilio:{sid}:{status}"),
        outcome,
    })
}

/// Reads an incoming text (`MessageSid`, `From`, `Body`). An empty body is a real (if odd) text.
pub fn parse_inbound(form: &BTreeMap<String, String>) -> Result<InboundSms, String> {
    let sid = field(form, &["MessageSid", "SmsSid"]).ok_or("MessageSid is missing")?;
    let from = field(form, &["From"]).ok_or("From is missing")?;
    Ok(InboundSms {
        from: super::normalize_msisdn(from),
        body: form.get("Body").cloned().unwrap_or_default(),
        provider_message_id: sid.to_string(),
    })
}

/// Twilio's request signature: HMAC-SHA1 keyed with the auth token over the full URL Twilio
/// called (scheme, host, path and query, as configured at Twilio) followed by every POST
/// parameter's name and value, sorted by name; base64.
pub fn signature(auth_token: &str, full_url: &str, form: &BTreeMap<String, String>) -> String {
    base64::engine::general_purpose::STANDARD
        .encode(mac(auth_token, full_url, form).finalize().into_bytes())
}

/// Checks an `X-Twilio-Signature` header. `full_url` must be the URL as Twilio knows it, so the
/// handler builds it from the configured public URL and the route, never from the request's
/// Host header (which a proxy may change and a forger controls). The comparison takes the same
/// time however many bytes match.
pub fn signature_valid(
    auth_token: &str,
    full_url: &str,
    form: &BTreeMap<String, String>,
    header_value: &str,
) -> bool {
    let Ok(given) = base64::engine::general_purpose::STANDARD.decode(header_value.trim()) else {
        return false;
    };
    mac(auth_token, full_url, form).verify_slice(&given).is_ok()
}

fn mac(auth_token: &str, full_url: &str, form: &BTreeMap<String, String>) -> Hmac<Sha1> {
    // HMAC takes keys of any length, so this cannot fail.
    let mut mac = <Hmac<Sha1> as Mac>::new_from_slice(auth_token.as_bytes())
        .expect("HMAC accepts any key length");
    mac.update(full_url.as_bytes());
    // BTreeMap iterates in byte order of the names, which is the order Twilio sorts them in.
    for (name, value) in form {
        mac.update(name.as_bytes());
        mac.update(value.as_bytes());
    }
    mac
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    /// The worked example in Twilio's "Secure webhooks" documentation.
    fn documented_example() -> (
        &'static str,
        &'static str,
        BTreeMap<String, String>,
        &'static str,
    ) {
        (
            "12345",
            "https://mycompany.com/myapp.php?foo=1&bar=2",
            form(&[
                ("CallSid", "CA1234567890ABCDE"),
                ("Caller", "+12349013030"),
                ("Digits", "1234"),
                ("From", "+12349013030"),
                ("To", "+18005551212"),
            ]),
            "0/KCTR6DLpKmkAf8muzZqo1nDgQ=",
        )
    }

    #[test]
    fn signature_matches_twilios_documented_example() {
        let (token, url, params, expected) = documented_example();
        assert_eq!(signature(token, url, &params), expected);
        assert!(signature_valid(token, url, &params, expected));
        assert!(signature_valid(
            token,
            url,
            &params,
            &format!(" {expected}\n")
        ));
    }

    #[test]
    fn signature_fails_when_anything_differs() {
        let (token, url, params, good) = documented_example();
        assert!(!signature_valid("12346", url, &params, good), "token");
        assert!(
            !signature_valid(
                token,
                "https://mycompany.com/myapp.php?foo=1&bar=3",
                &params,
                good
            ),
            "url"
        );
        assert!(
            !signature_valid(
                token,
                "http://mycompany.com/myapp.php?foo=1&bar=2",
                &params,
                good
            ),
            "scheme"
        );
        let mut changed = params.clone();
        changed.insert("Digits".into(), "1235".into());
        assert!(!signature_valid(token, url, &changed, good), "value");
        let mut extra = params.clone();
        extra.insert("Body".into(), "JA".into());
        assert!(
            !signature_valid(token, url, &extra, good),
            "extra parameter"
        );
        let mut missing = params.clone();
        missing.remove("Caller");
        assert!(
            !signature_valid(token, url, &missing, good),
            "missing parameter"
        );
        assert!(!signature_valid(token, url, &params, ""), "empty header");
        assert!(
            !signature_valid(token, url, &params, "not base64!"),
            "garbage"
        );
        assert!(
            !signature_valid(token, url, &params, "0/KCTR6DLpKmkAf8muzZqo1nDgQ"),
            "truncated"
        );
    }

    #[test]
    fn status_callbacks() {
        let delivered = parse_status(&form(&[
            ("MessageSid", "SM123"),
            ("MessageStatus", "delivered"),
            ("AccountSid", "AC1"),
        ]))
        .unwrap();
        assert_eq!(delivered.provider_id, "SM123");
        assert_eq!(delivered.outcome, DeliveryOutcome::Delivered);
        let sent =
            parse_status(&form(&[("MessageSid", "SM123"), ("MessageStatus", "sent")])).unwrap();
        assert_eq!(sent.outcome, DeliveryOutcome::Sent);
        assert_ne!(sent.event_key, delivered.event_key);
        // The same callback again is the same event.
        let again = parse_status(&form(&[
            ("MessageSid", "SM123"),
            ("MessageStatus", "delivered"),
        ]))
        .unwrap();
        assert_eq!(again.event_key, delivered.event_key);

        let failed = parse_status(&form(&[
            ("MessageSid", "SM9"),
            ("MessageStatus", "undelivered"),
            ("ErrorCode", "30003"),
        ]))
        .unwrap();
        assert_eq!(
            failed.outcome,
            DeliveryOutcome::Failed("undelivered (error 30003)".into())
        );
        // The older field names still arrive from some accounts.
        let old = parse_status(&form(&[("SmsSid", "SM7"), ("SmsStatus", "failed")])).unwrap();
        assert!(matches!(old.outcome, DeliveryOutcome::Failed(_)));

        assert!(parse_status(&form(&[("MessageStatus", "delivered")])).is_err());
        assert!(parse_status(&form(&[("MessageSid", "SM1")])).is_err());
        assert!(parse_status(&form(&[
            ("MessageSid", "SM1"),
            ("MessageStatus", "teleported")
        ]))
        .is_err());
    }

    #[test]
    fn inbound_texts() {
        let sms = parse_inbound(&form(&[
            ("MessageSid", "SMabc"),
            ("From", "+4791234567"),
            ("To", "+4759440000"),
            ("Body", " JA "),
        ]))
        .unwrap();
        assert_eq!(sms.from, "+4791234567");
        assert_eq!(sms.body, " JA ");
        assert_eq!(sms.provider_message_id, "SMabc");
        let empty =
            parse_inbound(&form(&[("MessageSid", "SMx"), ("From", "+4791234567")])).unwrap();
        assert_eq!(empty.body, "");
        assert!(parse_inbound(&form(&[("From", "+4791234567"), ("Body", "JA")])).is_err());
        assert!(parse_inbound(&form(&[("MessageSid", "SMx"), ("Body", "JA")])).is_err());
    }

    #[test]
    fn error_answers_are_read() {
        assert_eq!(
            error_detail(r#"{"code":21211,"message":"Invalid 'To' Phone Number","status":400}"#),
            "21211: Invalid 'To' Phone Number"
        );
        assert_eq!(error_detail("Bad Gateway"), "Bad Gateway");
    }
}
