//! Taking back the claims of a worker that is gone: a claimed text whose request never
//! started is sent once by the next worker, one whose request started is uncertain and never
//! sent again, and the claims of a worker that is alive elsewhere are left alone.

use chrono::{Duration, Utc};
use samling_tests::sms_gateway::SmsGateway;
use samling_tests::smtp::SmtpServer;
use samling_tests::TestApp;
use std::collections::BTreeMap;

struct World {
    app: TestApp,
    gateway: SmsGateway,
    _smtp: SmtpServer,
}

/// The demo, with its messages planned (the welcomes are due now) but nothing sent.
async fn planned() -> World {
    let gateway = SmsGateway::start().await;
    let smtp = SmtpServer::start().await;
    let app = TestApp::spawn_messaging(&gateway, &smtp).await;
    store::messages::planner::replan_all(&app.pool, None, Utc::now())
        .await
        .unwrap();
    World {
        app,
        gateway,
        _smtp: smtp,
    }
}

/// Registers a worker that is not this process's and claims every due row for it.
async fn claimed_by(
    w: &World,
    id: &str,
    host: &str,
    pid: i64,
    beat: chrono::DateTime<Utc>,
) -> Vec<store::outbox::Claimed> {
    store::workers::heartbeat(&w.app.pool, id, host, pid, beat)
        .await
        .unwrap();
    let rows = store::outbox::claim(&w.app.pool, id, 10_000, Utc::now())
        .await
        .unwrap();
    assert!(
        rows.len() >= 10,
        "the demo's welcomes are due: {}",
        rows.len()
    );
    rows
}

/// A process id that has ended: a child that ran and was reaped.
fn ended_pid() -> i64 {
    let mut child = std::process::Command::new("true").spawn().unwrap();
    let pid = child.id();
    child.wait().unwrap();
    i64::from(pid)
}

async fn state_counts(app: &TestApp) -> BTreeMap<String, i64> {
    store::sql::query_as::<(String, i64)>("SELECT state, COUNT(*) FROM outbox GROUP BY state")
        .fetch_all(&app.pool)
        .await
        .unwrap()
        .into_iter()
        .collect()
}

#[tokio::test]
async fn a_dead_process_on_this_host_gives_back_at_once_what_never_reached_the_provider() {
    let w = planned().await;
    let host = samling::worker::host();
    // Its heartbeat is fresh: only the ended process tells that it is gone.
    let rows = claimed_by(&w, "dead-here", &host, ended_pid(), Utc::now()).await;
    let sms: Vec<_> = rows.iter().filter(|r| r.channel == "sms").collect();
    // One request had started when it died.
    let in_flight = sms[0];
    assert!(
        store::outbox::start_send(&w.app.pool, in_flight.id, "dead-here", Utc::now())
            .await
            .unwrap()
    );

    w.app.run_worker_at(Utc::now()).await;

    let ledger = w.app.ledger("state=uncertain").await;
    assert_eq!(ledger.len(), 1, "only the started request is uncertain");
    assert_eq!(ledger[0]["id"], in_flight.id);
    let numbers: Vec<String> = store::sql::query_scalar(
        "SELECT recipient FROM outbox WHERE channel = 'sms' AND state = 'sent'",
    )
    .fetch_all(&w.app.pool)
    .await
    .unwrap();
    assert_eq!(numbers.len(), sms.len() - 1, "every other text went");
    for number in &numbers {
        assert_eq!(w.gateway.arrivals_to(number), 1, "{number} got one request");
    }
    let counts = state_counts(&w.app).await;
    assert_eq!(counts.get("sending"), None, "{counts:?}");
    // The worker that was gone is forgotten.
    let workers: i64 = store::sql::query_scalar("SELECT COUNT(*) FROM workers")
        .fetch_one(&w.app.pool)
        .await
        .unwrap();
    assert_eq!(workers, 0);
}

#[tokio::test]
async fn a_live_worker_elsewhere_keeps_its_claims_until_its_heartbeat_is_stale() {
    let w = planned().await;
    let rows = claimed_by(&w, "elsewhere", "another-host", 1, Utc::now()).await;

    // Alive: its claims stay its own and nothing is sent twice.
    w.app.run_worker_at(Utc::now()).await;
    assert_eq!(
        state_counts(&w.app).await.get("sending"),
        Some(&(rows.len() as i64))
    );
    assert_eq!(w.gateway.count(), 0);

    // Gone quiet for longer than a heartbeat may: what it never started goes out, once.
    w.app
        .run_worker_at(Utc::now() + Duration::seconds(20))
        .await;
    let counts = state_counts(&w.app).await;
    assert_eq!(counts.get("sending"), None, "{counts:?}");
    assert_eq!(counts.get("uncertain"), None, "{counts:?}");
    let sms = rows.iter().filter(|r| r.channel == "sms").count();
    assert_eq!(w.gateway.count(), sms);
    let attempts: Vec<i64> = store::sql::query_scalar(
        "SELECT attempts FROM outbox WHERE state IN ('sent', 'delivered') ORDER BY id",
    )
    .fetch_all(&w.app.pool)
    .await
    .unwrap();
    assert!(
        attempts.iter().all(|a| *a == 1),
        "a claim given back is not an attempt: {attempts:?}"
    );
}
