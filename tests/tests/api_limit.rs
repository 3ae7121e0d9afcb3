//! The request limit per API token: past the minute's allowance a token gets 429 with
//! `Retry-After` and the API's error shape, while other tokens, and guesses, are unaffected.

use domain::people::Role;
use samling_tests::{assert_error, TestApp};

#[tokio::test]
async fn a_token_past_its_allowance_waits_and_others_do_not() {
    let app = TestApp::spawn_with(&[("api_requests_per_minute", "5")]).await;
    let other = app.user("other@samling.test", Role::Leader, None).await;
    // Wrong tokens are refused before they are counted: they use up nobody's allowance.
    for _ in 0..10 {
        assert_eq!(app.get("guessed-token", "/api/v1/courses").await.0, 401);
    }
    for _ in 0..5 {
        assert_eq!(app.get(&app.admin, "/api/v1/courses").await.0, 200);
    }
    let refused = app
        .client
        .get(app.url("/api/v1/courses"))
        .bearer_auth(&app.admin)
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 429);
    let wait: u64 = refused.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    // Five a minute: one more after twelve seconds at most.
    assert!((1..=12).contains(&wait), "{wait}");
    let body: serde_json::Value = refused.json().await.unwrap();
    assert_eq!(body["error"]["code"], "rate_limited");
    assert_error(
        &app.get(&app.admin, "/api/v1/programmes").await,
        429,
        "rate_limited",
        None,
    );
    assert_eq!(app.get(&other, "/api/v1/courses").await.0, 200);
}

#[tokio::test]
async fn zero_turns_the_limit_off() {
    let app = TestApp::spawn_with(&[("api_requests_per_minute", "0")]).await;
    for _ in 0..400 {
        assert_eq!(app.get(&app.admin, "/api/v1/programmes").await.0, 200);
    }
}
