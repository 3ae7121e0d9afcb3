//! The sign-in throttle against the real server behind a proxy (`SAMLING_CLIENT_IP_HEADER`):
//! a guesser locks a known account only for their own address — the staff member signs in from
//! elsewhere — and an address that fails on many accounts is refused for all of them. Without
//! the setting, a forged X-Forwarded-For changes nothing: the peer address counts.

use domain::people::Role;
use samling_tests::TestApp;

async fn sign_in(app: &TestApp, email: &str, password: &str, from: &str) -> u16 {
    app.client
        .post(app.url("/api/login"))
        .header("x-forwarded-for", format!("10.9.9.9, {from}"))
        .form(&[("email", email), ("password", password), ("next", "/")])
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

#[tokio::test]
async fn a_guesser_locks_an_account_only_for_their_own_address() {
    let app = TestApp::spawn_with(&[("client_ip_header", "X-Forwarded-For")]).await;
    app.user("leder@test.no", Role::Leader, None).await;
    let guesser = "203.0.113.7";
    for _ in 0..4 {
        assert_eq!(
            sign_in(&app, "leder@test.no", "gjetning", guesser).await,
            401
        );
    }
    assert_eq!(
        sign_in(&app, "leder@test.no", "gjetning", guesser).await,
        429,
        "the fifth failure locks this address out of the account"
    );
    assert_eq!(
        sign_in(&app, "leder@test.no", "correct horse battery", guesser).await,
        429,
        "even the right password waits, from this address"
    );
    // The staff member, at the office, is not locked out.
    let office = "198.51.100.20";
    assert_eq!(
        sign_in(&app, "leder@test.no", "correct horse battery", office).await,
        200
    );
    // The proxy's own entry counts, not what the client put before it: the first entry
    // (10.9.9.9) is the same in every request and was never throttled as such.
    assert_eq!(
        sign_in(&app, "leder@test.no", "correct horse battery", "192.0.2.1").await,
        200
    );
}

#[tokio::test]
async fn an_address_failing_on_many_accounts_is_refused_for_all() {
    let app = TestApp::spawn_with(&[("client_ip_header", "X-Forwarded-For")]).await;
    app.user("leder@test.no", Role::Leader, None).await;
    let sprayer = "203.0.113.99";
    for n in 0..store::login_throttle::MAX_PER_CLIENT {
        let status = sign_in(&app, &format!("person{n}@test.no"), "Sommer2026", sprayer).await;
        assert_eq!(
            status, 401,
            "attempt {n}: unknown accounts look like wrong passwords"
        );
    }
    assert_eq!(
        sign_in(&app, "leder@test.no", "correct horse battery", sprayer).await,
        429
    );
    assert_eq!(
        sign_in(
            &app,
            "leder@test.no",
            "correct horse battery",
            "198.51.100.20"
        )
        .await,
        200
    );
}

#[tokio::test]
async fn without_a_proxy_setting_a_forged_header_changes_nothing() {
    let app = TestApp::spawn().await;
    app.user("leder@test.no", Role::Leader, None).await;
    // Each failure claims another address; all of them are 127.0.0.1.
    for n in 0..5 {
        let status = sign_in(&app, "leder@test.no", "gjetning", &format!("203.0.113.{n}")).await;
        assert_eq!(status, if n < 4 { 401 } else { 429 });
    }
    assert_eq!(
        sign_in(
            &app,
            "leder@test.no",
            "correct horse battery",
            "198.51.100.20"
        )
        .await,
        429
    );
    // `samling user add` (here: the same upsert) lets the staff member back in.
    app.user("leder@test.no", Role::Leader, None).await;
    assert_eq!(
        sign_in(
            &app,
            "leder@test.no",
            "correct horse battery",
            "198.51.100.20"
        )
        .await,
        200
    );
}
