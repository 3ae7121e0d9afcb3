//! Two `samling serve` processes on one database (PostgreSQL in the test command's second
//! round) behind no load balancer at all: a staff member signed in on one is signed in on
//! the other, both send, and when one is killed with SIGKILL in the middle of a dispatch the
//! other sends the rest: every participant gets their text exactly once, or it is uncertain.

use samling_tests::crowd::{course_of_texters, wait_until, welcomes};
use samling_tests::instance::Instance;
use samling_tests::sms_gateway::{Mode, SmsGateway};
use samling_tests::smtp::SmtpServer;
use samling_tests::TestApp;
use serde_json::Value;

const TEXTS: usize = 200;
/// Sends one worker has in flight at once (`Worker::concurrency`).
const IN_FLIGHT: usize = 32;

#[tokio::test]
async fn two_instances_share_sign_ins_and_send_each_text_once_even_when_one_is_killed() {
    let gateway = SmsGateway::start().await;
    let smtp = SmtpServer::start().await;
    let app = TestApp::spawn_messaging(&gateway, &smtp).await;
    let phones = course_of_texters(&app, TEXTS).await;
    app.user("leder@test.no", domain::people::Role::Leader, None)
        .await;
    // Slow enough that the kill lands in the middle of the dispatch, not after it, even on a
    // machine busy with the other tests (a second between rounds of 32 texts a worker).
    gateway.set_mode(Mode::Latency(std::time::Duration::from_millis(1000)));

    let bin = env!("CARGO_BIN_EXE_samling-instance");
    let mut one = Instance::start(bin, &app.settings);
    let two = Instance::start(bin, &app.settings);

    // A sign-in on one instance works on the other.
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let cookie = samling_tests::staff_session(&client, &one.base, "leder@test.no").await;
    let who: Value = client
        .post(format!("{}/api/whoami", two.base))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        who["email"], "leder@test.no",
        "signed in on the second instance"
    );

    // Both send; the first dies in the middle.
    let arrived = |g: &SmsGateway| phones.iter().filter(|p| g.arrivals_to(p) > 0).count();
    wait_until("half the texts reached the gateway", async || {
        arrived(&gateway) >= TEXTS / 2
    })
    .await;
    one.kill();
    assert!(
        arrived(&gateway) < TEXTS,
        "killed in the middle of the dispatch"
    );

    // The other takes back what the dead one had claimed and sends the rest.
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
        "at most the dead instance's requests in flight are uncertain: {}",
        uncertain.len()
    );
    for phone in &phones {
        let arrivals = gateway.arrivals_to(phone);
        assert!(arrivals <= 1, "{phone} was sent to {arrivals} times");
        if !uncertain.contains(&phone) {
            assert_eq!(
                gateway.texts_to(phone).len(),
                1,
                "{phone} got its welcome once"
            );
        }
    }
    // Both instances sent some of them (the claims are shared out, not taken by one).
    let senders: i64 = store::sql::query_scalar(
        "SELECT COUNT(DISTINCT claimed_by) FROM outbox WHERE kind = 'welcome' AND state IN ('sent', 'delivered')",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(senders, 2, "both instances sent");
    eprintln!(
        "{} sent, {} uncertain of {TEXTS}",
        TEXTS - uncertain.len(),
        uncertain.len()
    );
    drop(two);
}
