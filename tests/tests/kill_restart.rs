//! One instance on SQLite, killed with SIGKILL in the middle of sending 80 texts through a
//! gateway that answers in 100 ms, then started again on the same database: every text the
//! gateway never received is sent after the restart, exactly once, and the only uncertain
//! texts are requests that were in flight when the process died.

use samling_tests::crowd::{course_of_texters, wait_until, welcomes};
use samling_tests::instance::Instance;
use samling_tests::sms_gateway::{Mode, SmsGateway};
use samling_tests::smtp::SmtpServer;
use samling_tests::TestApp;

const TEXTS: usize = 80;
/// Sends a worker has in flight at once (`Worker::concurrency`).
const IN_FLIGHT: usize = 32;

#[tokio::test]
async fn a_killed_instance_restarted_sends_every_text_the_gateway_never_got_exactly_once() {
    let gateway = SmsGateway::start().await;
    let smtp = SmtpServer::start().await;
    let app = TestApp::spawn_messaging(&gateway, &smtp).await;
    let phones = course_of_texters(&app, TEXTS).await;
    gateway.set_mode(Mode::Latency(std::time::Duration::from_millis(100)));

    // The instance plans the welcomes and starts sending; it dies after 40 have arrived.
    let bin = env!("CARGO_BIN_EXE_samling-instance");
    let mut first = Instance::start(bin, &app.settings);
    let arrived = |g: &SmsGateway| phones.iter().filter(|p| g.arrivals_to(p) > 0).count();
    wait_until("40 requests reached the gateway", async || {
        arrived(&gateway) >= 40
    })
    .await;
    first.kill();
    let got_before: Vec<&String> = phones
        .iter()
        .filter(|p| gateway.arrivals_to(p) > 0)
        .collect();
    assert!(
        got_before.len() < TEXTS,
        "killed in the middle of the dispatch"
    );

    // Started again: what was in flight is uncertain, everything else goes out.
    let _second = Instance::start(bin, &app.settings);
    wait_until("every welcome is sent or uncertain", async || {
        let w = welcomes(&app).await;
        w.len() == TEXTS
            && w.values()
                .all(|s| s == "sent" || s == "delivered" || s == "uncertain")
    })
    .await;
    let states = welcomes(&app).await;
    let uncertain: Vec<&String> = states
        .iter()
        .filter(|(_, s)| *s == "uncertain")
        .map(|(p, _)| p)
        .collect();
    assert!(
        uncertain.len() <= IN_FLIGHT,
        "at most the requests in flight are uncertain: {}",
        uncertain.len()
    );
    for phone in &phones {
        let arrivals = gateway.arrivals_to(phone);
        assert!(arrivals <= 1, "{phone} was sent to {arrivals} times");
        if uncertain.contains(&phone) {
            continue;
        }
        assert_eq!(arrivals, 1, "{phone} got its welcome");
        assert_eq!(
            gateway.texts_to(phone).len(),
            1,
            "{phone} got its welcome once"
        );
    }
    // Each uncertain text was a request the first process had started: nobody claimed it
    // again (one attempt, still the first worker's claim).
    let taken_again: i64 = store::sql::query_scalar(
        "SELECT COUNT(*) FROM outbox WHERE state = 'uncertain' AND kind = 'welcome'
           AND (attempts <> 1 OR send_started_at IS NULL)",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(taken_again, 0);
    eprintln!(
        "killed after {} of {TEXTS} requests arrived; {} uncertain after the restart",
        got_before.len(),
        uncertain.len()
    );
    // The ledger shows them to staff.
    let shown = app.ledger("state=uncertain").await;
    assert!(shown.len() >= uncertain.len());
}
