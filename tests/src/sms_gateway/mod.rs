//! A local SMS gateway emulator speaking the Twilio, LINK Mobility and Sveve HTTP shapes.
//!
//! It runs in-process on 127.0.0.1 (a free port), accepts each provider's send call as Samling's
//! providers make it (checking credentials and required fields, answering in the provider's
//! shape), records every text, misbehaves on request ([`Mode`]), and can call Samling back with
//! delivery receipts and incoming texts on the provider's webhook paths:
//!
//! | provider | send call | receipts and inbound texts go to |
//! |---|---|---|
//! | twilio | `POST /2010-04-01/Accounts/{sid}/Messages.json` (form, Basic auth) | `POST {target}/hooks/sms/twilio/{status,inbound}`, form, `X-Twilio-Signature` |
//! | linkmobility | `POST /sms/send` (JSON, Basic auth) | `POST {target}/hooks/sms/linkmobility/{secret}/{status,inbound}`, JSON |
//! | sveve | `POST /SMS/SendMessage` (form) or `GET` (query) | `GET {target}/hooks/sms/sveve/{secret}/{status,inbound}?…` |
//!
//! [`SmsGateway::config`] gives the configuration keys that point Samling at it with the
//! credentials it accepts.

mod providers;

use providers::{link_send, sveve_get, sveve_post, twilio_send};

use axum::body::Bytes;
use axum::extract::{Form, Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use base64::Engine as _;
use serde_json::{json, Value};
use std::collections::{BTreeMap, HashMap, VecDeque};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

pub const TWILIO_ACCOUNT_SID: &str = "AC0000000000000000000000000000e401";
pub const TWILIO_AUTH_TOKEN: &str = "emulator-twilio-auth-token";
pub const TWILIO_FROM: &str = "+4759440000";
pub const LINK_USERNAME: &str = "samling-link";
pub const LINK_PASSWORD: &str = "emulator-link-password";
pub const LINK_PLATFORM_ID: &str = "COMMON_API";
pub const LINK_PLATFORM_PARTNER_ID: &str = "4242";
pub const SVEVE_USER: &str = "samling-sveve";
pub const SVEVE_PASSWORD: &str = "emulator-sveve-password";
/// The sender name Samling uses for LINK and Sveve (`SAMLING_SMS_FROM`).
pub const SMS_FROM: &str = "Samling";
/// The webhook secret in [`SmsGateway::config`].
pub const WEBHOOK_SECRET: &str = "emulatorWebhookSecret2026";
/// The short number participants text for LINK and Sveve.
pub const SHORT_NUMBER: &str = "2229";

/// How the gateway answers a send call.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Accept and record the text.
    Ok,
    /// Accept and record it, after this delay.
    Latency(Duration),
    /// 503 without recording anything.
    ServerError,
    /// Hang for the hang time (20 s unless [`SmsGateway::set_hang`] changes it), then 503;
    /// nothing is recorded. Use it with a provider whose timeout is shorter.
    Timeout,
    /// The provider's own "invalid number" answer; nothing is recorded.
    PermanentError,
}

/// One text the gateway accepted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReceivedSms {
    /// `twilio`, `linkmobility` or `sveve`.
    pub provider: String,
    /// The recipient in E.164, whatever form the provider got it in.
    pub to: String,
    /// The recipient exactly as the request had it.
    pub raw_to: String,
    pub body: String,
    pub from: String,
    /// The message id the gateway answered with.
    pub id: String,
    /// LINK's `refId` or Sveve's `ref`.
    pub reference: Option<String>,
    /// Twilio's per-message `StatusCallback`.
    pub status_callback: Option<String>,
}

/// What became of one receipt the gateway posted back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReceiptResult {
    pub provider: String,
    pub message_id: String,
    /// Samling's HTTP status, or `None` when the call itself failed.
    pub status: Option<u16>,
}

pub struct SmsGateway {
    pub base_url: String,
    shared: Arc<Shared>,
    server: tokio::task::JoinHandle<()>,
}

struct Shared {
    state: Mutex<GatewayState>,
    next_id: AtomicU64,
    client: reqwest::Client,
}

struct GatewayState {
    received: Vec<ReceivedSms>,
    /// The number of every send request that reached the gateway, whatever it answered.
    arrived: Vec<String>,
    mode: Mode,
    next_modes: VecDeque<Mode>,
    hang: Duration,
    receipts: Option<Receipts>,
    receipt_results: Vec<ReceiptResult>,
}

#[derive(Clone)]
struct Receipts {
    target: String,
    secret: Option<String>,
    twilio_auth_token: Option<String>,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, GatewayState> {
        // A test that panicked while holding the lock must not take every other test with it.
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn next_mode(&self) -> Mode {
        let mut state = self.lock();
        state
            .next_modes
            .pop_front()
            .unwrap_or_else(|| state.mode.clone())
    }

    fn new_id(&self) -> u64 {
        self.next_id.fetch_add(1, Ordering::Relaxed)
    }
}

impl SmsGateway {
    /// Starts the gateway on a free port of 127.0.0.1.
    pub async fn start() -> SmsGateway {
        let shared = Arc::new(Shared {
            state: Mutex::new(GatewayState {
                received: Vec::new(),
                arrived: Vec::new(),
                mode: Mode::Ok,
                next_modes: VecDeque::new(),
                hang: Duration::from_secs(20),
                receipts: None,
                receipt_results: Vec::new(),
            }),
            next_id: AtomicU64::new(1),
            client: reqwest::Client::builder()
                .timeout(Duration::from_secs(10))
                .build()
                .expect("an HTTP client for receipts"),
        });
        let app = Router::new()
            .route(
                "/2010-04-01/Accounts/{sid}/Messages.json",
                post(twilio_send),
            )
            .route("/sms/send", post(link_send))
            .route("/SMS/SendMessage", post(sveve_post).get(sveve_get))
            .with_state(shared.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("the SMS gateway binds a port");
        let addr = listener.local_addr().expect("a bound address");
        let server = tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        SmsGateway {
            base_url: format!("http://{addr}"),
            shared,
            server,
        }
    }

    /// Configuration keys (without `SAMLING_`) that make `provider` send through this gateway
    /// with the credentials it accepts, including the webhook secret.
    pub fn config(&self, provider: &str) -> BTreeMap<String, String> {
        let pairs: Vec<(&str, &str)> = match provider {
            "twilio" => vec![
                ("twilio_account_sid", TWILIO_ACCOUNT_SID),
                ("twilio_auth_token", TWILIO_AUTH_TOKEN),
                ("twilio_from", TWILIO_FROM),
                ("twilio_base_url", &self.base_url),
            ],
            "linkmobility" => vec![
                ("linkmobility_username", LINK_USERNAME),
                ("linkmobility_password", LINK_PASSWORD),
                ("linkmobility_platform_id", LINK_PLATFORM_ID),
                ("linkmobility_platform_partner_id", LINK_PLATFORM_PARTNER_ID),
                ("linkmobility_base_url", &self.base_url),
            ],
            "sveve" => vec![
                ("sveve_user", SVEVE_USER),
                ("sveve_password", SVEVE_PASSWORD),
                ("sveve_base_url", &self.base_url),
            ],
            other => panic!("the gateway emulates twilio, linkmobility and sveve, not {other}"),
        };
        let mut map: BTreeMap<String, String> = pairs
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        map.insert("sms_provider".into(), provider.into());
        map.insert("sms_from".into(), SMS_FROM.into());
        map.insert("webhook_secret".into(), WEBHOOK_SECRET.into());
        map
    }

    /// Every text accepted so far, oldest first.
    pub fn received(&self) -> Vec<ReceivedSms> {
        self.shared.lock().received.clone()
    }

    /// The bodies of the texts accepted for one number (E.164), oldest first.
    pub fn texts_to(&self, number: &str) -> Vec<String> {
        self.received()
            .into_iter()
            .filter(|m| m.to == number)
            .map(|m| m.body)
            .collect()
    }

    /// How many send requests for one number (E.164) reached the gateway, whatever it
    /// answered: a request counts from the moment it arrives, before any latency.
    pub fn arrivals_to(&self, number: &str) -> usize {
        self.shared
            .lock()
            .arrived
            .iter()
            .filter(|to| *to == number)
            .count()
    }

    /// How many texts were accepted, without copying them.
    pub fn count(&self) -> usize {
        self.shared.lock().received.len()
    }

    /// Forgets the texts and receipt results recorded so far.
    pub fn clear(&self) {
        let mut state = self.shared.lock();
        state.received.clear();
        state.arrived.clear();
        state.receipt_results.clear();
    }

    /// How the gateway answers from now on (after any calls queued with `fail_next`).
    pub fn set_mode(&self, mode: Mode) {
        self.shared.lock().mode = mode;
    }

    /// The next `n` send calls are answered with `mode`, then the standing mode applies again.
    pub fn fail_next(&self, n: usize, mode: Mode) {
        let mut state = self.shared.lock();
        state.next_modes.extend(std::iter::repeat_n(mode, n));
    }

    /// How long [`Mode::Timeout`] hangs.
    pub fn set_hang(&self, hang: Duration) {
        self.shared.lock().hang = hang;
    }

    /// After accepting a text, post a "delivered" receipt to Samling at `target_base_url` (its
    /// public URL): LINK and Sveve with `secret` in the path (without a secret segment when
    /// `None`), Twilio signed with `twilio_auth_token` (unsigned when `None`). Incoming texts
    /// from [`SmsGateway::send_inbound`] go to the same place. Twilio's receipts go to the
    /// fixed path under `target_base_url`, not to the message's `StatusCallback` (recorded in
    /// [`ReceivedSms::status_callback`] for checking), because a test server's configured
    /// public URL is often not where it listens; the signature covers the URL actually called.
    pub fn set_receipts(
        &self,
        target_base_url: String,
        secret: Option<String>,
        twilio_auth_token: Option<String>,
    ) {
        self.shared.lock().receipts = Some(Receipts {
            target: target_base_url.trim_end_matches('/').to_string(),
            secret,
            twilio_auth_token,
        });
    }

    /// No more receipts after accepted texts.
    pub fn stop_receipts(&self) {
        self.shared.lock().receipts = None;
    }

    /// The receipts posted so far and how Samling answered them.
    pub fn receipt_results(&self) -> Vec<ReceiptResult> {
        self.shared.lock().receipt_results.clone()
    }

    /// Waits until `n` receipts have been answered (or the timeout passes) and returns them.
    pub async fn wait_for_receipts(&self, n: usize, timeout: Duration) -> Vec<ReceiptResult> {
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            let results = self.receipt_results();
            if results.len() >= n || tokio::time::Instant::now() >= deadline {
                return results;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// Posts a receipt for a text the gateway accepted (again, for replay tests, or a failure
    /// with `delivered = false`) and returns Samling's HTTP status.
    pub async fn post_receipt(&self, message_id: &str, delivered: bool) -> u16 {
        let (sms, receipts) = {
            let state = self.shared.lock();
            let sms = state
                .received
                .iter()
                .find(|m| m.id == message_id)
                .cloned()
                .unwrap_or_else(|| panic!("the gateway has no text with id {message_id}"));
            (sms, state.receipts.clone().expect("set_receipts first"))
        };
        post_receipt(&self.shared, &receipts, &sms, delivered)
            .await
            .expect("Samling answers the receipt")
    }

    /// Posts an incoming text from `from` (E.164) to Samling the way `provider` would, and
    /// returns Samling's HTTP status. Needs [`SmsGateway::set_receipts`] first.
    pub async fn send_inbound(&self, provider: &str, from: &str, body: &str) -> u16 {
        let id = match provider {
            "twilio" => format!("SM{:032x}", 0xabc0_0000_0000u64 + self.shared.new_id()),
            "linkmobility" => format!("mo-{:016x}", self.shared.new_id()),
            _ => (9_000_000 + self.shared.new_id()).to_string(),
        };
        self.send_inbound_with_id(provider, from, body, &id).await
    }

    /// [`SmsGateway::send_inbound`] with a chosen provider message id, to replay the same text.
    pub async fn send_inbound_with_id(
        &self,
        provider: &str,
        from: &str,
        body: &str,
        id: &str,
    ) -> u16 {
        let receipts = self
            .shared
            .lock()
            .receipts
            .clone()
            .expect("set_receipts first: it says where Samling is");
        let client = &self.shared.client;
        let request = match provider {
            "twilio" => {
                let url = format!("{}/hooks/sms/twilio/inbound", receipts.target);
                let form = form_map(&[
                    ("MessageSid", id),
                    ("SmsSid", id),
                    ("SmsMessageSid", id),
                    ("AccountSid", TWILIO_ACCOUNT_SID),
                    ("From", from),
                    ("To", TWILIO_FROM),
                    ("Body", body),
                    ("NumMedia", "0"),
                    ("NumSegments", "1"),
                    ("ApiVersion", "2010-04-01"),
                ]);
                signed_twilio_post(client, &receipts, url, &form)
            }
            "linkmobility" => client
                .post(hook_url(&receipts, "linkmobility", "inbound"))
                .json(&json!({
                    "messageId": id,
                    "source": from,
                    "sourceTON": "MSISDN",
                    "destination": SHORT_NUMBER,
                    "destinationTON": "SHORTNUMBER",
                    "userData": body,
                    "dcs": "TEXT",
                    "platformId": LINK_PLATFORM_ID,
                    "platformPartnerId": LINK_PLATFORM_PARTNER_ID,
                    "timestamp": chrono::Utc::now().to_rfc3339(),
                })),
            "sveve" => client.get(hook_url(&receipts, "sveve", "inbound")).query(&[
                ("number", from.trim_start_matches('+')),
                ("msg", body),
                ("prefix", ""),
                ("shortnumber", SHORT_NUMBER),
                ("id", id),
            ]),
            other => panic!("the gateway emulates twilio, linkmobility and sveve, not {other}"),
        };
        request
            .send()
            .await
            .unwrap_or_else(|e| panic!("posting an inbound text to Samling failed: {e}"))
            .status()
            .as_u16()
    }
}

impl Drop for SmsGateway {
    fn drop(&mut self) {
        self.server.abort();
    }
}

fn form_map(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

fn hook_url(receipts: &Receipts, provider: &str, kind: &str) -> String {
    match &receipts.secret {
        Some(secret) => format!("{}/hooks/sms/{provider}/{secret}/{kind}", receipts.target),
        None => format!("{}/hooks/sms/{provider}/{kind}", receipts.target),
    }
}

fn signed_twilio_post(
    client: &reqwest::Client,
    receipts: &Receipts,
    url: String,
    form: &BTreeMap<String, String>,
) -> reqwest::RequestBuilder {
    let mut request = client.post(&url).form(form);
    if let Some(token) = &receipts.twilio_auth_token {
        let signature = samling::sms::twilio::signature(token, &url, form);
        request = request.header("X-Twilio-Signature", signature);
    }
    request
}

async fn post_receipt(
    shared: &Shared,
    receipts: &Receipts,
    sms: &ReceivedSms,
    delivered: bool,
) -> Option<u16> {
    let client = &shared.client;
    let now = chrono::Utc::now().to_rfc3339();
    let request = match sms.provider.as_str() {
        "twilio" => {
            let url = format!("{}/hooks/sms/twilio/status", receipts.target);
            let status = if delivered {
                "delivered"
            } else {
                "undelivered"
            };
            let mut form = form_map(&[
                ("MessageSid", &sms.id),
                ("SmsSid", &sms.id),
                ("MessageStatus", status),
                ("SmsStatus", status),
                ("AccountSid", TWILIO_ACCOUNT_SID),
                ("From", &sms.from),
                ("To", &sms.to),
                ("ApiVersion", "2010-04-01"),
            ]);
            if !delivered {
                form.insert("ErrorCode".into(), "30003".into());
            }
            signed_twilio_post(client, receipts, url, &form)
        }
        "linkmobility" => {
            let (code, text) = if delivered {
                (1001, "DELIVRD")
            } else {
                (1006, "UNDELIV")
            };
            client
                .post(hook_url(receipts, "linkmobility", "status"))
                .json(&json!({
                    "refId": sms.reference,
                    "id": sms.id,
                    "operator": "no_telenor",
                    "sentTimestamp": now,
                    "timestamp": now,
                    "resultCode": code,
                    "operatorResultCode": text,
                    "segments": 1,
                    "gateCustomParameters": [],
                    "customParameters": [
                        {"key": "source", "value": sms.from},
                        {"key": "destination", "value": sms.raw_to},
                    ],
                }))
        }
        _ => {
            let (error_code, error_desc) = if delivered {
                ("", "")
            } else {
                ("3", "Ukjent mottaker")
            };
            client.get(hook_url(receipts, "sveve", "status")).query(&[
                ("number", sms.to.trim_start_matches('+')),
                ("status", if delivered { "true" } else { "false" }),
                ("id", &sms.id),
                ("ref", sms.reference.as_deref().unwrap_or_default()),
                ("errorCode", error_code),
                ("errorDesc", error_desc),
            ])
        }
    };
    let status = request.send().await.ok().map(|r| r.status().as_u16());
    shared.lock().receipt_results.push(ReceiptResult {
        provider: sms.provider.clone(),
        message_id: sms.id.clone(),
        status,
    });
    status
}

/// Records an accepted text and, when receipts are on, posts one in the background.
fn accept(shared: &Arc<Shared>, sms: ReceivedSms) {
    let receipts = {
        let mut state = shared.lock();
        state.received.push(sms.clone());
        state.receipts.clone()
    };
    if let Some(receipts) = receipts {
        let shared = shared.clone();
        tokio::spawn(async move {
            post_receipt(&shared, &receipts, &sms, true).await;
        });
    }
}

/// What the mode asks for before a valid text is accepted: `Some(answer)` to answer without
/// accepting, `None` to go on and accept.
async fn misbehave(
    shared: &Shared,
    to: &str,
    permanent: impl FnOnce() -> Response,
) -> Option<Response> {
    shared
        .lock()
        .arrived
        .push(samling::sms::normalize_msisdn(to));
    match shared.next_mode() {
        Mode::Ok => None,
        Mode::Latency(delay) => {
            tokio::time::sleep(delay).await;
            None
        }
        Mode::ServerError => Some(server_error()),
        Mode::Timeout => {
            let hang = shared.lock().hang;
            tokio::time::sleep(hang).await;
            Some(server_error())
        }
        Mode::PermanentError => Some(permanent()),
    }
}

fn server_error() -> Response {
    (
        StatusCode::SERVICE_UNAVAILABLE,
        [(header::RETRY_AFTER, "1")],
        "Service Unavailable",
    )
        .into_response()
}

/// `(user, password)` from an `Authorization: Basic …` header.
fn basic_auth(headers: &HeaderMap) -> Option<(String, String)> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let encoded = value.strip_prefix("Basic ")?;
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(encoded.trim())
        .ok()?;
    let text = String::from_utf8(decoded).ok()?;
    let (user, password) = text.split_once(':')?;
    Some((user.to_string(), password.to_string()))
}

fn nonempty<'a>(map: &'a HashMap<String, String>, key: &str) -> Option<&'a str> {
    map.get(key).map(String::as_str).filter(|v| !v.is_empty())
}
