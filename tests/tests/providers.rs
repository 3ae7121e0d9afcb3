//! The SMS providers against the local gateway emulator, and the mailer against a real SMTP
//! server (aiosmtpd): what goes over the wire, how failures are classified, and that the
//! emulator's receipts and incoming texts read back through Samling's webhook parsers.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, Method, Uri};
use samling::config::Config;
use samling::mail::{html_from_text, Mailer, OutgoingMail};
use samling::sms::{self, DeliveryOutcome, OutgoingSms, SmsProvider};
use samling_tests::sms_gateway::{self as gateway, Mode, SmsGateway};
use samling_tests::smtp::SmtpServer;
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};

const PROVIDERS: [&str; 3] = ["twilio", "linkmobility", "sveve"];
const PUBLIC_URL: &str = "https://samling.test";
const TO: &str = "+4791234567";

fn config_for(gw: &SmsGateway, provider: &str, overrides: &[(&str, &str)]) -> Config {
    let mut map = gw.config(provider);
    map.insert("public_url".into(), PUBLIC_URL.into());
    for (k, v) in overrides {
        map.insert(k.to_string(), v.to_string());
    }
    Config::from_map(&map).expect("the gateway's configuration is valid")
}

fn provider(gw: &SmsGateway, name: &str) -> Arc<dyn SmsProvider> {
    sms::from_config(&config_for(gw, name, &[]))
}

fn text(reference: &str) -> OutgoingSms {
    OutgoingSms {
        to: TO.into(),
        body: "Hei Ola! «Klart jeg kan» er i morgen kl. 14:00 på Huset. Svar JA eller NEI.".into(),
        reference: reference.into(),
    }
}

#[tokio::test]
async fn each_provider_sends_the_text_with_its_fields() {
    let gw = SmsGateway::start().await;
    for name in PROVIDERS {
        let p = provider(&gw, name);
        assert_eq!(p.name(), name);
        let sms = text(&format!("outbox-{name}"));
        let id = p.send(&sms).await.expect("the gateway accepts the text");
        let got = gw
            .received()
            .into_iter()
            .find(|m| m.provider == name)
            .expect("the gateway recorded the text");
        assert_eq!(got.id, id, "{name}: the id the gateway answered with");
        assert_eq!(got.to, TO, "{name}");
        assert_eq!(got.body, sms.body, "{name}: the text arrives unchanged");
        match name {
            "twilio" => {
                assert!(id.starts_with("SM"), "{id}");
                assert_eq!(got.from, gateway::TWILIO_FROM);
                assert_eq!(
                    got.status_callback.as_deref(),
                    Some("https://samling.test/hooks/sms/twilio/status")
                );
            }
            "linkmobility" => {
                assert_eq!(got.from, gateway::SMS_FROM);
                assert_eq!(got.raw_to, TO);
                assert_eq!(got.reference.as_deref(), Some("outbox-linkmobility"));
            }
            _ => {
                assert_eq!(got.from, gateway::SMS_FROM);
                assert_eq!(got.raw_to, "91234567", "Norwegian numbers go as 8 digits");
                assert_eq!(got.reference.as_deref(), Some("outbox-sveve"));
            }
        }
    }
    assert_eq!(gw.count(), 3);
}

#[tokio::test]
async fn server_errors_are_transient_and_the_next_try_goes_through() {
    let gw = SmsGateway::start().await;
    for name in PROVIDERS {
        let p = provider(&gw, name);
        gw.fail_next(2, Mode::ServerError);
        for _ in 0..2 {
            let e = p.send(&text("r")).await.unwrap_err();
            assert!(e.is_transient(), "{name}: {e}");
            assert!(e.message().contains("503"), "{name}: {e}");
        }
        p.send(&text("r"))
            .await
            .expect("the third try goes through");
    }
    assert_eq!(gw.count(), 3, "failed calls record nothing");
}

#[tokio::test]
async fn invalid_numbers_are_permanent() {
    let gw = SmsGateway::start().await;
    gw.set_mode(Mode::PermanentError);
    for name in PROVIDERS {
        let e = provider(&gw, name).send(&text("r")).await.unwrap_err();
        assert!(!e.is_transient(), "{name}: {e}");
        let m = e.message().to_lowercase();
        assert!(
            m.contains("valid") || m.contains("ugyldig") || m.contains("destination"),
            "{name}: the provider's reason is kept: {e}"
        );
    }
    assert_eq!(gw.count(), 0);
}

#[tokio::test]
async fn hanging_gateway_times_out_as_uncertain() {
    let gw = SmsGateway::start().await;
    gw.set_hang(Duration::from_secs(5));
    gw.set_mode(Mode::Timeout);
    for name in PROVIDERS {
        let p =
            sms::from_config_with_timeout(&config_for(&gw, name, &[]), Duration::from_millis(300));
        let e = p.send(&text("r")).await.unwrap_err();
        assert!(matches!(e, sms::SendError::Uncertain(_)), "{name}: {e}");
        assert!(e.message().contains("timed out"), "{name}: {e}");
    }
}

#[tokio::test]
async fn slow_gateway_still_succeeds() {
    let gw = SmsGateway::start().await;
    gw.set_mode(Mode::Latency(Duration::from_millis(100)));
    for name in PROVIDERS {
        provider(&gw, name)
            .send(&text("r"))
            .await
            .unwrap_or_else(|e| panic!("{name}: {e}"));
    }
    assert_eq!(gw.count(), 3);
}

#[tokio::test]
async fn wrong_credentials_are_permanent() {
    let gw = SmsGateway::start().await;
    for (name, key) in [
        ("twilio", "twilio_auth_token"),
        ("linkmobility", "linkmobility_password"),
        ("sveve", "sveve_password"),
    ] {
        let p = sms::from_config(&config_for(&gw, name, &[(key, "wrong")]));
        let e = p.send(&text("r")).await.unwrap_err();
        assert!(!e.is_transient(), "{name}: {e}");
    }
    assert_eq!(gw.count(), 0);
}

#[tokio::test]
async fn unreachable_gateway_is_transient() {
    let gw = SmsGateway::start().await;
    let configs: Vec<Config> = PROVIDERS
        .iter()
        .map(|name| config_for(&gw, name, &[]))
        .collect();
    drop(gw);
    // Give the aborted server a moment to let go of its port.
    tokio::time::sleep(Duration::from_millis(50)).await;
    for config in configs {
        let e = sms::from_config_with_timeout(&config, Duration::from_secs(2))
            .send(&text("r"))
            .await
            .unwrap_err();
        assert!(e.is_transient(), "{}: {e}", config.sms.name());
    }
}

/// What a fake Samling received from the gateway.
#[derive(Clone, Debug)]
struct Captured {
    method: Method,
    path: String,
    query: String,
    signature: Option<String>,
    body: Bytes,
}

type Log = Arc<Mutex<Vec<Captured>>>;

async fn capture(
    State(log): State<Log>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> &'static str {
    log.lock().unwrap().push(Captured {
        method,
        path: uri.path().to_string(),
        query: uri.query().unwrap_or_default().to_string(),
        signature: headers
            .get("x-twilio-signature")
            .and_then(|v| v.to_str().ok())
            .map(str::to_string),
        body,
    });
    "ok"
}

/// A stand-in for Samling's webhooks that records every call and answers 200.
async fn fake_samling() -> (String, Log) {
    let log: Log = Arc::default();
    let app = axum::Router::new()
        .fallback(capture)
        .with_state(log.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    (base, log)
}

fn form_pairs(encoded: &str) -> BTreeMap<String, String> {
    reqwest::Url::parse(&format!("http://x/?{encoded}"))
        .unwrap()
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

fn find(log: &Log, path: &str) -> Captured {
    log.lock()
        .unwrap()
        .iter()
        .find(|c| c.path == path)
        .cloned()
        .unwrap_or_else(|| panic!("nothing arrived at {path}"))
}

#[tokio::test]
async fn receipts_and_inbound_texts_read_back_through_the_webhook_parsers() {
    let gw = SmsGateway::start().await;
    let (samling_url, log) = fake_samling().await;
    let secret = gateway::WEBHOOK_SECRET;
    gw.set_receipts(
        samling_url.clone(),
        Some(secret.to_string()),
        Some(gateway::TWILIO_AUTH_TOKEN.to_string()),
    );
    let mut ids = BTreeMap::new();
    for name in PROVIDERS {
        ids.insert(
            name,
            provider(&gw, name).send(&text("outbox-9")).await.unwrap(),
        );
    }
    let results = gw.wait_for_receipts(3, Duration::from_secs(5)).await;
    assert_eq!(results.len(), 3);
    assert!(results.iter().all(|r| r.status == Some(200)), "{results:?}");

    // Twilio: a signed form that verifies against the URL it was posted to.
    let call = find(&log, "/hooks/sms/twilio/status");
    assert_eq!(call.method, Method::POST);
    let form = form_pairs(std::str::from_utf8(&call.body).unwrap());
    let url = format!("{samling_url}/hooks/sms/twilio/status");
    let signature = call.signature.expect("Twilio receipts are signed");
    assert!(sms::twilio::signature_valid(
        gateway::TWILIO_AUTH_TOKEN,
        &url,
        &form,
        &signature
    ));
    assert!(!sms::twilio::signature_valid(
        "another token",
        &url,
        &form,
        &signature
    ));
    let report = sms::twilio::parse_status(&form).unwrap();
    assert_eq!(report.provider_id, ids["twilio"]);
    assert_eq!(report.outcome, DeliveryOutcome::Delivered);

    // LINK: JSON with the secret in the path.
    let call = find(&log, &format!("/hooks/sms/linkmobility/{secret}/status"));
    let json: serde_json::Value = serde_json::from_slice(&call.body).unwrap();
    assert_eq!(json["refId"], "outbox-9");
    let report = sms::linkmobility::parse_status(&json).unwrap();
    assert_eq!(report.provider_id, ids["linkmobility"]);
    assert_eq!(report.outcome, DeliveryOutcome::Delivered);

    // Sveve: query parameters on a GET.
    let call = find(&log, &format!("/hooks/sms/sveve/{secret}/status"));
    assert_eq!(call.method, Method::GET);
    let params = form_pairs(&call.query);
    assert_eq!(params["ref"], "outbox-9");
    let report = sms::sveve::parse_status(&params).unwrap();
    assert_eq!(report.provider_id, ids["sveve"]);
    assert_eq!(report.outcome, DeliveryOutcome::Delivered);

    // A failure receipt on request, and a replay reads as the same event.
    let first = sms::sveve::parse_status(&params).unwrap();
    assert_eq!(gw.post_receipt(&ids["sveve"], false).await, 200);
    let failed = log
        .lock()
        .unwrap()
        .iter()
        .rfind(|c| c.path == format!("/hooks/sms/sveve/{secret}/status"))
        .cloned()
        .unwrap();
    let failed = sms::sveve::parse_status(&form_pairs(&failed.query)).unwrap();
    assert!(matches!(failed.outcome, DeliveryOutcome::Failed(_)));
    assert_ne!(failed.event_key, first.event_key);

    // Incoming texts.
    for name in PROVIDERS {
        assert_eq!(gw.send_inbound(name, TO, "JA").await, 200, "{name}");
    }
    let call = find(&log, "/hooks/sms/twilio/inbound");
    let form = form_pairs(std::str::from_utf8(&call.body).unwrap());
    assert!(sms::twilio::signature_valid(
        gateway::TWILIO_AUTH_TOKEN,
        &format!("{samling_url}/hooks/sms/twilio/inbound"),
        &form,
        call.signature.as_deref().unwrap_or_default()
    ));
    let inbound = [
        sms::twilio::parse_inbound(&form).unwrap(),
        sms::linkmobility::parse_inbound(
            &serde_json::from_slice(
                &find(&log, &format!("/hooks/sms/linkmobility/{secret}/inbound")).body,
            )
            .unwrap(),
        )
        .unwrap(),
        sms::sveve::parse_inbound(&form_pairs(
            &find(&log, &format!("/hooks/sms/sveve/{secret}/inbound")).query,
        ))
        .unwrap(),
    ];
    for sms in &inbound {
        assert_eq!(sms.from, TO, "{sms:?}");
        assert_eq!(sms.body, "JA", "{sms:?}");
        assert!(!sms.provider_message_id.is_empty());
    }
}

fn mail_config(smtp_url: &str) -> Config {
    let mut map = BTreeMap::new();
    map.insert("smtp_url".to_string(), smtp_url.to_string());
    map.insert(
        "mail_from".to_string(),
        "Samling <samling@kommune.test>".to_string(),
    );
    Config::from_map(&map).unwrap()
}

#[tokio::test]
async fn mailer_delivers_plain_and_html_to_a_real_smtp_server() {
    let server = SmtpServer::start().await;
    let mailer = Mailer::from_config(&mail_config(&server.url())).unwrap();
    assert!(!mailer.is_log());
    let text =
        "Hei Ola!\n\nVi sees i morgen kl. 14:00 på Huset.\nLes mer: https://samling.test/k/1";
    let first = OutgoingMail {
        to: "ola.nordmann@example.no".into(),
        subject: "Påminnelse: «Klart jeg kan» i morgen".into(),
        text: text.into(),
        html: html_from_text(text),
    };
    let id = mailer.send(&first).await.expect("aiosmtpd takes the mail");
    // Without an HTML part of its own, one is made from the text.
    let second = OutgoingMail {
        to: "kari@example.no".into(),
        subject: "Velkommen".into(),
        text: "Se https://samling.test/v <og> velkommen".into(),
        html: String::new(),
    };
    mailer.send(&second).await.unwrap();

    let mails = server.wait_for(2, Duration::from_secs(5)).await;
    assert_eq!(mails.len(), 2, "{mails:?}");
    let mail = mails
        .iter()
        .find(|m| m.to.contains("ola.nordmann@example.no"))
        .expect("Ola's mail");
    assert_eq!(mail.subject, first.subject);
    assert!(mail.from.contains("samling@kommune.test"), "{}", mail.from);
    assert_eq!(mail.message_id, id);
    assert_eq!(
        mail.envelope_to,
        vec!["ola.nordmann@example.no".to_string()]
    );
    assert_eq!(mail.text.replace("\r\n", "\n").trim_end(), text);
    assert!(
        mail.html
            .contains("<a href=\"https://samling.test/k/1\">https://samling.test/k/1</a>"),
        "{}",
        mail.html
    );
    assert!(mail.html.contains("på Huset"), "{}", mail.html);
    let kari = mails.iter().find(|m| m.to.contains("kari@")).unwrap();
    assert!(kari.html.contains("&lt;og&gt;"), "{}", kari.html);
    assert!(kari.html.contains("<a href=\"https://samling.test/v\">"));
}

/// An SMTP server that answers RCPT TO with `rcpt_reply` (a 4xx or 5xx line).
async fn refusing_smtp(rcpt_reply: &'static str) -> u16 {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            tokio::spawn(async move {
                let (read, mut write) = stream.into_split();
                let mut lines = BufReader::new(read).lines();
                let _ = write.write_all(b"220 refusing.test ESMTP\r\n").await;
                while let Ok(Some(line)) = lines.next_line().await {
                    let verb = line.get(..4).unwrap_or_default().to_ascii_uppercase();
                    let reply = match verb.as_str() {
                        "EHLO" | "HELO" => "250 refusing.test".to_string(),
                        "RCPT" => rcpt_reply.to_string(),
                        "QUIT" => {
                            let _ = write.write_all(b"221 bye\r\n").await;
                            return;
                        }
                        _ => "250 ok".to_string(),
                    };
                    if write
                        .write_all(format!("{reply}\r\n").as_bytes())
                        .await
                        .is_err()
                    {
                        return;
                    }
                }
            });
        }
    });
    port
}

#[tokio::test]
async fn smtp_refusals_are_classified_by_their_code() {
    let mail = OutgoingMail {
        to: "ola@example.no".into(),
        subject: "s".into(),
        text: "t".into(),
        html: String::new(),
    };
    let port = refusing_smtp("550 5.1.1 no such user").await;
    let mailer = Mailer::from_config(&mail_config(&format!("smtp://127.0.0.1:{port}"))).unwrap();
    let e = mailer.send(&mail).await.unwrap_err();
    assert!(!e.is_transient(), "{e}");
    assert!(e.message().contains("550"), "{e}");

    let port = refusing_smtp("451 4.3.0 try again later").await;
    let mailer = Mailer::from_config(&mail_config(&format!("smtp://127.0.0.1:{port}"))).unwrap();
    let e = mailer.send(&mail).await.unwrap_err();
    assert!(e.is_transient(), "{e}");
    assert!(e.message().contains("451"), "{e}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn many_concurrent_texts_are_all_recorded() {
    let gw = SmsGateway::start().await;
    let (samling_url, _log) = fake_samling().await;
    gw.set_receipts(
        samling_url,
        Some(gateway::WEBHOOK_SECRET.to_string()),
        Some(gateway::TWILIO_AUTH_TOKEN.to_string()),
    );
    // One provider (and so one connection pool) each, as the worker has.
    let providers: Vec<Arc<dyn SmsProvider>> =
        PROVIDERS.iter().map(|name| provider(&gw, name)).collect();
    let started = std::time::Instant::now();
    let mut tasks = tokio::task::JoinSet::new();
    for (i, p) in providers.iter().cycle().take(1200).enumerate() {
        let p = p.clone();
        tasks.spawn(async move { p.send(&text(&format!("load-{i}"))).await });
        if tasks.len() >= 64 {
            tasks.join_next().await.unwrap().unwrap().unwrap();
        }
    }
    while let Some(done) = tasks.join_next().await {
        done.unwrap().unwrap();
    }
    let elapsed = started.elapsed();
    assert_eq!(gw.count(), 1200);
    let ids: std::collections::HashSet<String> = gw.received().into_iter().map(|m| m.id).collect();
    assert_eq!(ids.len(), 1200, "every text has its own id");
    assert_eq!(
        gw.wait_for_receipts(1200, Duration::from_secs(10))
            .await
            .len(),
        1200
    );
    println!(
        "1200 texts in {elapsed:?}: {:.0} per second",
        1200.0 / elapsed.as_secs_f64()
    );
}
