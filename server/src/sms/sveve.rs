//! Sveve: sending through its SendMessage API, and reading its delivery reports and incoming
//! texts (plain query or form parameters).
//!
//! Sending: `POST {base_url}/SMS/SendMessage`, form fields `user`, `passwd`, `to`, `msg`, `from`,
//! `ref` (our reference, echoed in reports) and `f=json`. The answer is 200 with
//! `{"response": {"msgOkCount": 1, "stdSMSCount": 1, "ids": [123]}}`, or with
//! `"errors": [{"number", "message"}]` for refused recipients, or `"fatalError": "…"` when the
//! whole request is refused (credentials, credit).
//!
//! Sveve calls back to URLs registered on the account (by Sveve support or on the
//! "Kodeord" page), with GET or POST: point them at
//! `{public_url}/hooks/sms/sveve/{webhook_secret}/status` and `…/inbound`.
//! - delivery report: `number`, `status` (`true` sent, `false` failed), `id`, `ref`,
//!   `errorCode`, `errorDesc`;
//! - incoming text: `number`, `msg`, `prefix` (the keyword), `shortnumber`, and `id` where
//!   Sveve includes one (see [`parse_inbound`] for when it does not).

use super::{
    field, network_error, normalize_msisdn, shorten, status_error, DeliveryOutcome, DeliveryReport,
    InboundSms, OutgoingSms, SendError, SmsProvider,
};
use futures_util::future::BoxFuture;
use serde_json::Value;
use sha1::{Digest, Sha1};
use std::collections::BTreeMap;

pub struct Sveve {
    pub(crate) client: reqwest::Client,
    pub(crate) user: String,
    pub(crate) password: String,
    pub(crate) from: String,
    pub(crate) base_url: String,
}

impl SmsProvider for Sveve {
    fn name(&self) -> &'static str {
        "sveve"
    }

    fn send<'a>(&'a self, sms: &'a OutgoingSms) -> BoxFuture<'a, Result<String, SendError>> {
        Box::pin(self.send_one(sms))
    }
}

impl Sveve {
    async fn send_one(&self, sms: &OutgoingSms) -> Result<String, SendError> {
        let to = recipient(&sms.to);
        let form = [
            ("user", self.user.as_str()),
            ("passwd", self.password.as_str()),
            ("to", to.as_str()),
            ("msg", sms.body.as_str()),
            ("from", self.from.as_str()),
            ("ref", sms.reference.as_str()),
            ("f", "json"),
        ];
        let response = self
            .client
            .post(format!("{}/SMS/SendMessage", self.base_url))
            .form(&form)
            .send()
            .await
            .map_err(|e| network_error("sveve", &e))?;
        let status = response.status();
        let text = response
            .text()
            .await
            .map_err(|e| network_error("sveve", &e))?;
        if !status.is_success() {
            return Err(status_error("sveve", status.as_u16(), &text));
        }
        let id = read_answer(&text)?;
        tracing::debug!(reference = %sms.reference, id, "sveve accepted the text");
        Ok(id)
    }
}

/// Sveve is Norwegian: a Norwegian number goes as its eight digits, which Sveve takes in any
/// case; other countries keep the E.164 form with `+`.
fn recipient(e164: &str) -> String {
    match e164.strip_prefix("+47") {
        Some(local) if local.len() == 8 => local.to_string(),
        _ => e164.to_string(),
    }
}

/// The message id from a SendMessage answer, or why there is none.
fn read_answer(text: &str) -> Result<String, SendError> {
    let json: Value = serde_json::from_str(text).map_err(|_| {
        // A 200 we cannot read may still have sent the text: a retry could send it twice.
        SendError::Permanent(format!(
            "sveve: unreadable answer, not retried in case it was sent: {}",
            shorten(text)
        ))
    })?;
    let response = &json["response"];
    if let Some(fatal) = response["fatalError"].as_str().filter(|s| !s.is_empty()) {
        return Err(SendError::Permanent(format!("sveve: {}", shorten(fatal))));
    }
    if let Some(id) = response["ids"].as_array().and_then(|ids| ids.first()) {
        let id = match id {
            Value::Number(n) => n.to_string(),
            Value::String(s) => s.clone(),
            _ => String::new(),
        };
        if !id.is_empty() {
            return Ok(id);
        }
    }
    let errors: Vec<String> = response["errors"]
        .as_array()
        .map(|list| {
            list.iter()
                .map(|e| {
                    e["message"]
                        .as_str()
                        .map(str::to_string)
                        .unwrap_or_else(|| e.to_string())
                })
                .collect()
        })
        .unwrap_or_default();
    if !errors.is_empty() {
        return Err(SendError::Permanent(format!(
            "sveve: {}",
            shorten(&errors.join("; "))
        )));
    }
    Err(SendError::Permanent(format!(
        "sveve: answer without a message id, not retried in case it was sent: {}",
        shorten(text)
    )))
}

/// Reads a delivery report (`id`, `status`, `errorCode`, `errorDesc`). Sveve reports once per
/// text, true or false; the event key is id + status.
pub fn parse_status(params: &BTreeMap<String, String>) -> Result<DeliveryReport, String> {
    let id = field(params, &["id"]).ok_or("id is missing")?;
    let status = field(params, &["status"])
        .ok_or("status is missing")?
        .to_ascii_lowercase();
    let outcome = match status.as_str() {
        "true" => DeliveryOutcome::Delivered,
        "false" => {
            let reason = match (field(params, &["errorCode"]), field(params, &["errorDesc"])) {
                (Some(code), Some(desc)) => format!("{code}: {desc}"),
                (Some(only), None) | (None, Some(only)) => only.to_string(),
                (None, None) => "not delivered".to_string(),
            };
            DeliveryOutcome::Failed(reason)
        }
        other => return Err(format!("status must be true or false, not \"{other}\"")),
    };
    Ok(DeliveryReport {
        provider_id: id.to_string(),
        event_key: format!("sveve:{id}:{status}"),
        outcome,
    })
}

/// Reads an incoming text (`number`, `msg`, `prefix`, `id`).
///
/// When the keyword (`prefix`) opens the text ("SAMLING JA"), it is taken off so that the reply
/// reads as "JA". Sveve's documentation does not promise an `id` on incoming texts; without one
/// the id is a hash of all parameters, so a re-sent call is still a replay, at the price that two
/// identical calls (same number, text and parameters) count as one.
pub fn parse_inbound(params: &BTreeMap<String, String>) -> Result<InboundSms, String> {
    let number = field(params, &["number"]).ok_or("number is missing")?;
    let raw = params.get("msg").map(String::as_str).unwrap_or_default();
    let body = match field(params, &["prefix"]) {
        Some(prefix) => strip_keyword(raw, prefix),
        None => raw.trim().to_string(),
    };
    let provider_message_id = match field(params, &["id", "msgid"]) {
        Some(id) => id.to_string(),
        None => {
            let mut hash = Sha1::new();
            for (k, v) in params {
                hash.update(k.as_bytes());
                hash.update([0]);
                hash.update(v.as_bytes());
                hash.update([0]);
            }
            let hex: String = hash.finalize().iter().map(|b| format!("{b:02x}")).collect();
            format!("sveve-{hex}")
        }
    };
    Ok(InboundSms {
        from: normalize_msisdn(number),
        body,
        provider_message_id,
    })
}

fn strip_keyword(text: &str, keyword: &str) -> String {
    let trimmed = text.trim();
    let head: String = trimmed.chars().take(keyword.chars().count()).collect();
    if head.to_lowercase() == keyword.to_lowercase() {
        let rest = &trimmed[head.len()..];
        // Only a whole word: "SAMLINGJA" is not the keyword followed by "JA".
        if rest.is_empty() || rest.starts_with(char::is_whitespace) {
            return rest.trim().to_string();
        }
    }
    trimmed.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn norwegian_recipients_go_as_eight_digits() {
        assert_eq!(recipient("+4791234567"), "91234567");
        assert_eq!(recipient("+46701234567"), "+46701234567");
    }

    #[test]
    fn answers() {
        assert_eq!(
            read_answer(r#"{"response":{"msgOkCount":1,"stdSMSCount":1,"ids":[123]}}"#),
            Ok("123".to_string())
        );
        let invalid = read_answer(
            r#"{"response":{"msgOkCount":0,"stdSMSCount":0,"errors":[{"number":"12","message":"Ugyldig mobilnummer"}]}}"#,
        )
        .unwrap_err();
        assert_eq!(
            invalid,
            SendError::Permanent("sveve: Ugyldig mobilnummer".into())
        );
        let fatal =
            read_answer(r#"{"response":{"fatalError":"Feil brukernavn/passord"}}"#).unwrap_err();
        assert!(!fatal.is_transient());
        assert!(fatal.message().contains("Feil brukernavn"));
        assert!(!read_answer("<html>").unwrap_err().is_transient());
        assert!(!read_answer(r#"{"response":{"msgOkCount":1}}"#)
            .unwrap_err()
            .is_transient());
    }

    #[test]
    fn delivery_reports() {
        let ok = parse_status(&params(&[
            ("number", "4791234567"),
            ("status", "true"),
            ("id", "42824112"),
            ("ref", "outbox-7"),
            ("errorCode", ""),
            ("errorDesc", ""),
        ]))
        .unwrap();
        assert_eq!(ok.provider_id, "42824112");
        assert_eq!(ok.outcome, DeliveryOutcome::Delivered);
        assert_eq!(ok.event_key, "sveve:42824112:true");

        let failed = parse_status(&params(&[
            ("status", "false"),
            ("id", "42824113"),
            ("errorCode", "3"),
            ("errorDesc", "Ukjent nummer"),
        ]))
        .unwrap();
        assert_eq!(
            failed.outcome,
            DeliveryOutcome::Failed("3: Ukjent nummer".into())
        );
        assert!(parse_status(&params(&[("status", "true")])).is_err());
        assert!(parse_status(&params(&[("id", "1")])).is_err());
        assert!(parse_status(&params(&[("id", "1"), ("status", "maybe")])).is_err());
    }

    #[test]
    fn inbound_texts() {
        let sms = parse_inbound(&params(&[
            ("number", "91234567"),
            ("msg", "SAMLING ja"),
            ("prefix", "samling"),
            ("shortnumber", "2229"),
            ("id", "777"),
        ]))
        .unwrap();
        assert_eq!(sms.from, "+4791234567");
        assert_eq!(sms.body, "ja");
        assert_eq!(sms.provider_message_id, "777");

        // Without an id: a stable hash, different for different texts.
        let a = params(&[("number", "4791234567"), ("msg", "JA")]);
        let b = params(&[("number", "4791234567"), ("msg", "NEI")]);
        let first = parse_inbound(&a).unwrap();
        assert_eq!(first.from, "+4791234567");
        assert_eq!(first.body, "JA");
        assert_eq!(
            first.provider_message_id,
            parse_inbound(&a).unwrap().provider_message_id
        );
        assert_ne!(
            first.provider_message_id,
            parse_inbound(&b).unwrap().provider_message_id
        );
        assert!(parse_inbound(&params(&[("msg", "JA")])).is_err());
    }

    #[test]
    fn keywords_come_off_whole_words_only() {
        assert_eq!(strip_keyword("Samling kan ikke", "SAMLING"), "kan ikke");
        assert_eq!(strip_keyword("SAMLINGJA", "SAMLING"), "SAMLINGJA");
        assert_eq!(strip_keyword("JA", "SAMLING"), "JA");
        assert_eq!(strip_keyword("SAMLING", "SAMLING"), "");
        assert_eq!(strip_keyword("ÆØÅ hei", "æøå"), "hei");
    }
}
