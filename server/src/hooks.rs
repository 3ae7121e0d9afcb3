//! Webhooks from the SMS providers under /hooks/sms/...: delivery receipts move a message from
//! sent to delivered or failed, inbound texts are replies. Twilio's calls are signed; LINK and
//! Sveve carry the configured secret in the URL. A replayed call changes nothing.

use crate::config::SmsConfig;
use crate::sms::{self, DeliveryOutcome, DeliveryReport, InboundSms};
use crate::state::AppState;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::routing::{get, post};
use axum::Router;
use chrono::Utc;
use std::collections::BTreeMap;
use store::messages::replies::handle_reply;
use store::outbox::Receipt;
use store::webhooks::WebhookEvent;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/hooks/sms/twilio/status", post(twilio_status))
        .route("/hooks/sms/twilio/inbound", post(twilio_inbound))
        .route("/hooks/sms/linkmobility/{secret}/status", post(link_status))
        .route(
            "/hooks/sms/linkmobility/{secret}/inbound",
            post(link_inbound),
        )
        .route(
            "/hooks/sms/sveve/{secret}/status",
            get(sveve_status).post(sveve_status_form),
        )
        .route(
            "/hooks/sms/sveve/{secret}/inbound",
            get(sveve_inbound).post(sveve_inbound_form),
        )
}

type Answer = (StatusCode, &'static str);

const OK: Answer = (StatusCode::OK, "ok");
const FORBIDDEN: Answer = (StatusCode::FORBIDDEN, "signature or secret does not match");
const NOT_HERE: Answer = (StatusCode::NOT_FOUND, "this provider is not configured");
const BAD: Answer = (StatusCode::BAD_REQUEST, "the call could not be read");
const BROKEN: Answer = (StatusCode::SERVICE_UNAVAILABLE, "try again later");

fn form(body: &Bytes) -> BTreeMap<String, String> {
    form_urlencoded::parse(body).into_owned().collect()
}

/// Twilio signs the full URL it called (our public URL plus the path) and the form fields.
fn twilio_signed(
    s: &AppState,
    uri: &Uri,
    headers: &HeaderMap,
    fields: &BTreeMap<String, String>,
) -> Result<(), Answer> {
    let SmsConfig::Twilio { auth_token, .. } = &s.config.sms else {
        return Err(NOT_HERE);
    };
    let url = format!(
        "{}{}",
        s.config.public_url.trim_end_matches('/'),
        uri.path_and_query()
            .map(|p| p.as_str())
            .unwrap_or(uri.path())
    );
    let signature = headers
        .get("x-twilio-signature")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    if sms::twilio::signature_valid(auth_token, &url, fields, signature) {
        Ok(())
    } else {
        tracing::warn!("twilio webhook with a bad signature refused");
        Err(FORBIDDEN)
    }
}

fn secret_ok(s: &AppState, provider: &str, secret: &str) -> Result<(), Answer> {
    if s.config.sms.name() != provider {
        return Err(NOT_HERE);
    }
    match &s.config.webhook_secret {
        Some(expected) if sms::secret_matches(expected, secret) => Ok(()),
        _ => {
            tracing::warn!(provider, "webhook with a wrong secret refused");
            Err(FORBIDDEN)
        }
    }
}

/// Records a receipt once and moves the message on: sent → delivered or failed. A receipt
/// never moves a message back, and one for a text still being sent is kept for the
/// dispatcher, which applies it when it records the send.
async fn apply_receipt(
    s: &AppState,
    provider: &str,
    report: DeliveryReport,
    payload: String,
) -> Answer {
    let now = Utc::now();
    let (outcome, reason) = match &report.outcome {
        DeliveryOutcome::Sent => ("sent", None),
        DeliveryOutcome::Delivered => ("delivered", None),
        DeliveryOutcome::Failed(why) => ("failed", Some(why.clone())),
    };
    let receipt = match outcome {
        "delivered" => Receipt::Delivered,
        "failed" => Receipt::Failed(reason.as_deref()),
        // "sent" says nothing new: it is only recorded, as a replay guard.
        _ => Receipt::Sent,
    };
    let event = WebhookEvent {
        provider,
        event_key: &report.event_key,
        kind: "status",
        payload,
        provider_id: Some(&report.provider_id),
        outcome: Some(outcome),
    };
    match store::webhooks::apply_receipt(&s.pool, event, receipt, now).await {
        Ok(_) => OK,
        Err(e) => {
            tracing::error!("cannot apply a receipt: {e}");
            BROKEN
        }
    }
}

/// Records an inbound text once and acts on it.
async fn take_reply(s: &AppState, provider: &str, text: InboundSms, payload: String) -> Answer {
    let now = Utc::now();
    let event = WebhookEvent {
        provider,
        event_key: &text.provider_message_id,
        kind: "inbound",
        payload,
        provider_id: None,
        outcome: None,
    };
    match store::webhooks::record(&s.pool, event, now).await {
        Ok(false) => return OK,
        Ok(true) => {}
        Err(e) => {
            tracing::error!("cannot record an inbound text: {e}");
            return BROKEN;
        }
    }
    match handle_reply(&s.pool, &text.from, &text.body, now).await {
        Ok(action) => {
            tracing::info!(provider, from = %sms::masked(&text.from), ?action, "reply handled");
            OK
        }
        Err(e) => {
            tracing::error!("cannot handle a reply: {e}");
            // Forget the event so the provider's retry is handled.
            let _ = store::webhooks::forget(&s.pool, provider, &text.provider_message_id).await;
            BROKEN
        }
    }
}

fn payload_of(fields: &BTreeMap<String, String>) -> String {
    serde_json::to_string(fields).unwrap_or_default()
}

async fn twilio_status(
    State(s): State<AppState>,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Answer {
    let fields = form(&body);
    if let Err(a) = twilio_signed(&s, &uri, &headers, &fields) {
        return a;
    }
    match sms::twilio::parse_status(&fields) {
        Ok(report) => apply_receipt(&s, "twilio", report, payload_of(&fields)).await,
        Err(e) => {
            tracing::warn!("unreadable twilio receipt: {e}");
            BAD
        }
    }
}

async fn twilio_inbound(
    State(s): State<AppState>,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Answer {
    let fields = form(&body);
    if let Err(a) = twilio_signed(&s, &uri, &headers, &fields) {
        return a;
    }
    match sms::twilio::parse_inbound(&fields) {
        Ok(text) => take_reply(&s, "twilio", text, payload_of(&fields)).await,
        Err(e) => {
            tracing::warn!("unreadable twilio inbound text: {e}");
            BAD
        }
    }
}

async fn link_status(State(s): State<AppState>, Path(secret): Path<String>, body: Bytes) -> Answer {
    if let Err(a) = secret_ok(&s, "linkmobility", &secret) {
        return a;
    }
    let Ok(json) = serde_json::from_slice::<serde_json::Value>(&body) else {
        return BAD;
    };
    match sms::linkmobility::parse_status(&json) {
        Ok(report) => apply_receipt(&s, "linkmobility", report, json.to_string()).await,
        Err(e) => {
            tracing::warn!("unreadable LINK receipt: {e}");
            BAD
        }
    }
}

async fn link_inbound(
    State(s): State<AppState>,
    Path(secret): Path<String>,
    body: Bytes,
) -> Answer {
    if let Err(a) = secret_ok(&s, "linkmobility", &secret) {
        return a;
    }
    let Ok(json) = serde_json::from_slice::<serde_json::Value>(&body) else {
        return BAD;
    };
    match sms::linkmobility::parse_inbound(&json) {
        Ok(text) => take_reply(&s, "linkmobility", text, json.to_string()).await,
        Err(e) => {
            tracing::warn!("unreadable LINK inbound text: {e}");
            BAD
        }
    }
}

async fn sveve_status_of(s: AppState, secret: String, fields: BTreeMap<String, String>) -> Answer {
    if let Err(a) = secret_ok(&s, "sveve", &secret) {
        return a;
    }
    match sms::sveve::parse_status(&fields) {
        Ok(report) => apply_receipt(&s, "sveve", report, payload_of(&fields)).await,
        Err(e) => {
            tracing::warn!("unreadable Sveve receipt: {e}");
            BAD
        }
    }
}

async fn sveve_inbound_of(s: AppState, secret: String, fields: BTreeMap<String, String>) -> Answer {
    if let Err(a) = secret_ok(&s, "sveve", &secret) {
        return a;
    }
    match sms::sveve::parse_inbound(&fields) {
        Ok(text) => take_reply(&s, "sveve", text, payload_of(&fields)).await,
        Err(e) => {
            tracing::warn!("unreadable Sveve inbound text: {e}");
            BAD
        }
    }
}

async fn sveve_status(
    State(s): State<AppState>,
    Path(secret): Path<String>,
    Query(q): Query<BTreeMap<String, String>>,
) -> Answer {
    sveve_status_of(s, secret, q).await
}

async fn sveve_status_form(
    State(s): State<AppState>,
    Path(secret): Path<String>,
    body: Bytes,
) -> Answer {
    sveve_status_of(s, secret, form(&body)).await
}

async fn sveve_inbound(
    State(s): State<AppState>,
    Path(secret): Path<String>,
    Query(q): Query<BTreeMap<String, String>>,
) -> Answer {
    sveve_inbound_of(s, secret, q).await
}

async fn sveve_inbound_form(
    State(s): State<AppState>,
    Path(secret): Path<String>,
    body: Bytes,
) -> Answer {
    sveve_inbound_of(s, secret, form(&body)).await
}
