//! LINK Mobility ("Common" SMS REST API): sending, and reading its JSON delivery reports and
//! incoming texts.
//!
//! Sending: `POST {base_url}/sms/send`, HTTP Basic (username : password), JSON
//! `{source, sourceTON, destination, destinationTON, userData, dcs, platformId,
//! platformPartnerId, refId}`; the answer is JSON `{messageId, resultCode, description}` with
//! resultCode 1005 (queued) on success, and a 4xx with `{resultCode, description}` when refused.
//!
//! Delivery reports go to a "gate": a URL that LINK support registers for the account and
//! names by a gate id. Ask them to point it, as JSON, at
//! `{public_url}/hooks/sms/linkmobility/{webhook_secret}/status`; incoming texts likewise at
//! `…/{webhook_secret}/inbound`. A message names its gate in `deliveryReportGates`
//! (`SAMLING_LINKMOBILITY_GATE_ID`); without that key we send none and LINK uses the account's
//! default.
//!
//! Report JSON: `{refId, id, operator, sentTimestamp, timestamp, resultCode,
//! operatorResultCode, segments, …}`; a text of several segments gets one report per segment,
//! with `id` = `{messageId}${n}`. Incoming JSON: `{messageId | id, source, destination,
//! userData, …}`.

use super::{
    network_error, normalize_msisdn, shorten, status_error, DeliveryOutcome, DeliveryReport,
    InboundSms, OutgoingSms, SendError, SmsProvider,
};
use futures_util::future::BoxFuture;
use serde_json::{json, Value};

/// The result code of a text LINK has queued for sending.
pub const RESULT_QUEUED: i64 = 1005;
/// The result code of a text the phone has received.
pub const RESULT_DELIVERED: i64 = 1001;
/// The result code LINK uses for "sent to the operator, no final status yet".
pub const RESULT_SENT: i64 = 1000;

pub struct LinkMobility {
    pub(crate) client: reqwest::Client,
    pub(crate) username: String,
    pub(crate) password: String,
    pub(crate) platform_id: String,
    pub(crate) platform_partner_id: String,
    pub(crate) from: String,
    pub(crate) base_url: String,
    /// The gate id for delivery reports, when one is configured.
    pub(crate) delivery_report_gate: Option<String>,
}

impl SmsProvider for LinkMobility {
    fn name(&self) -> &'static str {
        "linkmobility"
    }

    fn send<'a>(&'a self, sms: &'a OutgoingSms) -> BoxFuture<'a, Result<String, SendError>> {
        Box::pin(self.send_one(sms))
    }
}

impl LinkMobility {
    fn request_body(&self, sms: &OutgoingSms) -> Value {
        let mut body = json!({
            "source": self.from,
            "sourceTON": source_ton(&self.from),
            "destination": sms.to,
            "destinationTON": "MSISDN",
            "userData": sms.body,
            "dcs": "TEXT",
            "platformId": self.platform_id,
            "platformPartnerId": self.platform_partner_id,
            "refId": sms.reference,
        });
        if let Some(gate) = &self.delivery_report_gate {
            body["useDeliveryReport"] = json!(true);
            body["deliveryReportGates"] = json!([gate]);
        }
        body
    }

    async fn send_one(&self, sms: &OutgoingSms) -> Result<String, SendError> {
        let response = self
            .client
            .post(format!("{}/sms/send", self.base_url))
            .basic_auth(&self.username, Some(&self.password))
            .json(&self.request_body(sms))
            .send()
            .await
            .map_err(|e| network_error("linkmobility", &e))?;
        let status = response.status();
        let text = response
            .text()
            .await
            .map_err(|e| network_error("linkmobility", &e))?;
        let json: Option<Value> = serde_json::from_str(&text).ok();
        if !status.is_success() {
            let detail = json
                .as_ref()
                .map(result_text)
                .unwrap_or_else(|| text.clone());
            return Err(status_error("linkmobility", status.as_u16(), &detail));
        }
        // From here on LINK said yes (2xx). Without a readable id the text is probably on its
        // way, and a retry could send it twice, which is worse than a failure the leader sees.
        let Some(json) = json else {
            return Err(SendError::Permanent(format!(
                "linkmobility: HTTP {status} with an unreadable answer, not retried in case it was sent: {}",
                shorten(&text)
            )));
        };
        match json["messageId"].as_str() {
            Some(id) if !id.is_empty() => {
                tracing::debug!(reference = %sms.reference, id, "LINK queued the text");
                Ok(id.to_string())
            }
            // A 2xx that names a result other than "queued" and no id: LINK refused the text.
            _ if result_code(&json).is_some_and(|c| c != RESULT_QUEUED) => Err(
                SendError::Permanent(format!("linkmobility: {}", shorten(&result_text(&json)))),
            ),
            _ => Err(SendError::Permanent(format!(
                "linkmobility: HTTP {status} without a messageId, not retried in case it was sent: {}",
                shorten(&text)
            ))),
        }
    }
}

/// LINK wants to know what kind of sender it is: a phone number, a short number or a name.
fn source_ton(from: &str) -> &'static str {
    let digits = from.strip_prefix('+').unwrap_or(from);
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
        "ALPHANUMERIC"
    } else if digits.len() <= 6 && !from.starts_with('+') {
        "SHORTNUMBER"
    } else {
        "MSISDN"
    }
}

/// `resultCode` as LINK writes it: a number, or now and then a number in a string.
fn result_code(json: &Value) -> Option<i64> {
    match &json["resultCode"] {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// `1102: Invalid destination`, from whichever of the fields are there.
fn result_text(json: &Value) -> String {
    let description = json["description"]
        .as_str()
        .or_else(|| json["operatorResultCode"].as_str())
        .unwrap_or("no description");
    match result_code(json) {
        Some(code) => format!("{code}: {description}"),
        None => description.to_string(),
    }
}

/// Reads a delivery report. 1001 is delivered, 1000 and 1005 are on the way, every other code
/// means the text will not arrive. A report for one segment (`id` = `abc$1`) is reported
/// against the whole text (`abc`); the event key keeps the segment, so each segment's report is
/// its own event and a re-sent report is a replay.
pub fn parse_status(json: &Value) -> Result<DeliveryReport, String> {
    let id = json["id"]
        .as_str()
        .or_else(|| json["messageId"].as_str())
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .ok_or("id is missing")?;
    let code = result_code(json).ok_or("resultCode is missing or not a number")?;
    let outcome = match code {
        RESULT_DELIVERED => DeliveryOutcome::Delivered,
        RESULT_SENT | RESULT_QUEUED => DeliveryOutcome::Sent,
        _ => DeliveryOutcome::Failed(result_text(json)),
    };
    let message_id = match id.rsplit_once('$') {
        Some((whole, part)) if !part.is_empty() && part.chars().all(|c| c.is_ascii_digit()) => {
            whole
        }
        _ => id,
    };
    Ok(DeliveryReport {
        provider_id: message_id.to_string(),
        event_key: format!("linkmobility:{id}:{code}"),
        outcome,
    })
}

/// Reads an incoming text (`source`, `userData`, `messageId` or `id`).
pub fn parse_inbound(json: &Value) -> Result<InboundSms, String> {
    let id = json["messageId"]
        .as_str()
        .or_else(|| json["id"].as_str())
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .ok_or("messageId is missing")?;
    let source = json["source"]
        .as_str()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .ok_or("source is missing")?;
    Ok(InboundSms {
        from: normalize_msisdn(source),
        body: json["userData"].as_str().unwrap_or_default().to_string(),
        provider_message_id: id.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn provider(gate: Option<&str>) -> LinkMobility {
        LinkMobility {
            client: reqwest::Client::new(),
            username: "u".into(),
            password: "p".into(),
            platform_id: "COMMON_API".into(),
            platform_partner_id: "1234".into(),
            from: "Samling".into(),
            base_url: "http://127.0.0.1:9".into(),
            delivery_report_gate: gate.map(str::to_string),
        }
    }

    #[test]
    fn request_has_the_fields_link_expects() {
        let sms = OutgoingSms {
            to: "+4791234567".into(),
            body: "Hei".into(),
            reference: "outbox-7".into(),
        };
        let body = provider(None).request_body(&sms);
        assert_eq!(body["source"], "Samling");
        assert_eq!(body["sourceTON"], "ALPHANUMERIC");
        assert_eq!(body["destination"], "+4791234567");
        assert_eq!(body["destinationTON"], "MSISDN");
        assert_eq!(body["userData"], "Hei");
        assert_eq!(body["platformId"], "COMMON_API");
        assert_eq!(body["platformPartnerId"], "1234");
        assert_eq!(body["refId"], "outbox-7");
        assert!(body.get("deliveryReportGates").is_none());
        let gated = provider(Some("gate1")).request_body(&sms);
        assert_eq!(gated["deliveryReportGates"], json!(["gate1"]));
        assert_eq!(gated["useDeliveryReport"], true);
    }

    #[test]
    fn sender_kinds() {
        assert_eq!(source_ton("Samling"), "ALPHANUMERIC");
        assert_eq!(source_ton("+4759440000"), "MSISDN");
        assert_eq!(source_ton("4759440000"), "MSISDN");
        assert_eq!(source_ton("2229"), "SHORTNUMBER");
    }

    #[test]
    fn delivery_reports() {
        let delivered = parse_status(&json!({
            "refId": "outbox-7",
            "id": "abc123",
            "operator": "no_telenor",
            "sentTimestamp": "2026-03-01T10:00:00Z",
            "timestamp": "2026-03-01T10:00:03Z",
            "resultCode": 1001,
            "operatorResultCode": "DELIVRD",
            "segments": 1
        }))
        .unwrap();
        assert_eq!(delivered.provider_id, "abc123");
        assert_eq!(delivered.outcome, DeliveryOutcome::Delivered);

        let queued = parse_status(&json!({"id": "abc123", "resultCode": "1005"})).unwrap();
        assert_eq!(queued.outcome, DeliveryOutcome::Sent);
        assert_ne!(queued.event_key, delivered.event_key);

        let failed = parse_status(&json!({
            "id": "abc123", "resultCode": 1006, "description": "Not delivered"
        }))
        .unwrap();
        assert_eq!(
            failed.outcome,
            DeliveryOutcome::Failed("1006: Not delivered".into())
        );

        // Segment reports are about the whole text but are separate events.
        let part0 = parse_status(&json!({"id": "abc123$0", "resultCode": 1001})).unwrap();
        let part1 = parse_status(&json!({"id": "abc123$1", "resultCode": 1001})).unwrap();
        assert_eq!(part0.provider_id, "abc123");
        assert_eq!(part1.provider_id, "abc123");
        assert_ne!(part0.event_key, part1.event_key);

        assert!(parse_status(&json!({"resultCode": 1001})).is_err());
        assert!(parse_status(&json!({"id": "abc"})).is_err());
        assert!(parse_status(&json!({"id": "abc", "resultCode": "many"})).is_err());
        assert!(parse_status(&json!("not an object")).is_err());
    }

    #[test]
    fn inbound_texts() {
        let sms = parse_inbound(&json!({
            "messageId": "mo-1",
            "source": "+4791234567",
            "sourceTON": "MSISDN",
            "destination": "2229",
            "userData": "NEI kan ikke"
        }))
        .unwrap();
        assert_eq!(sms.from, "+4791234567");
        assert_eq!(sms.body, "NEI kan ikke");
        assert_eq!(sms.provider_message_id, "mo-1");
        let bare = parse_inbound(&json!({"id": "mo-2", "source": "4791234567"})).unwrap();
        assert_eq!(bare.from, "+4791234567");
        assert_eq!(bare.body, "");
        assert!(parse_inbound(&json!({"source": "+4791234567", "userData": "JA"})).is_err());
        assert!(parse_inbound(&json!({"messageId": "mo-3", "userData": "JA"})).is_err());
    }

    #[test]
    fn refusals_are_read() {
        assert_eq!(
            result_text(&json!({"resultCode": 1102, "description": "Invalid destination"})),
            "1102: Invalid destination"
        );
        assert_eq!(result_text(&json!({})), "no description");
    }
}
