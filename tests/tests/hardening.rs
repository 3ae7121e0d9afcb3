//! Hardening against the real server: a state-changing request a browser sends from another
//! site is refused (sign-in, a server function, the API), while the same request from
//! Samling's own pages, a token client or a provider's webhook goes through; pages carry a
//! Content-Security-Policy whose nonce is on every inline script, other responses one that
//! allows nothing; HSTS only when the public URL is https.

use samling_tests::{assert_error, TestApp};

async fn sign_in(app: &TestApp, headers: &[(&str, &str)]) -> reqwest::Response {
    let mut request = app.client.post(app.url("/api/login")).form(&[
        ("email", "admin@test.no"),
        ("password", "correct horse battery"),
        ("next", "/"),
    ]);
    for (k, v) in headers {
        request = request.header(*k, *v);
    }
    request.send().await.unwrap()
}

async fn json(r: reqwest::Response) -> (u16, serde_json::Value) {
    let status = r.status().as_u16();
    (status, r.json().await.unwrap_or_default())
}

#[tokio::test]
async fn state_changing_requests_from_another_site_are_refused() {
    let app = TestApp::spawn().await;
    // Another site's page posting the login form: refused before the password is looked at.
    for headers in [
        &[("origin", "https://evil.example")][..],
        &[("sec-fetch-site", "cross-site")][..],
        &[
            ("sec-fetch-site", "same-site"),
            ("origin", "https://x.kommune.no"),
        ][..],
    ] {
        let refused = json(sign_in(&app, headers).await).await;
        assert_error(&refused, 403, "forbidden", None);
    }
    // The same form from Samling's own page signs in.
    let own = sign_in(
        &app,
        &[("origin", &app.base), ("sec-fetch-site", "same-origin")],
    )
    .await;
    assert!(
        own.headers().get("set-cookie").is_some(),
        "{}",
        own.status()
    );
    // A script or token client sends no browser headers and is not affected.
    assert!(sign_in(&app, &[])
        .await
        .headers()
        .get("set-cookie")
        .is_some());

    // The API with a token, sent by a page elsewhere: refused, and nothing was created.
    let cross = app
        .client
        .post(app.url("/api/v1/schools"))
        .bearer_auth(&app.admin)
        .header("origin", "https://evil.example")
        .json(&serde_json::json!({"name": "Fremmed skole"}))
        .send()
        .await
        .unwrap();
    assert_error(&json(cross).await, 403, "forbidden", None);
    let (_, schools) = app.get(&app.admin, "/api/v1/schools").await;
    assert!(!schools.to_string().contains("Fremmed skole"));
    // Reading stays open to any origin that holds a token.
    let read = app
        .client
        .get(app.url("/api/v1/schools"))
        .bearer_auth(&app.admin)
        .header("sec-fetch-site", "cross-site")
        .send()
        .await
        .unwrap();
    assert_eq!(read.status(), 200);
    // Providers' webhooks come from their servers and are judged by their own checks.
    let hook = app
        .client
        .post(app.url("/hooks/sms/twilio/status"))
        .header("origin", "https://api.twilio.com")
        .form(&[("MessageSid", "SM1"), ("MessageStatus", "delivered")])
        .send()
        .await
        .unwrap();
    assert_ne!(
        hook.status(),
        403,
        "the webhook's own check answers, not the origin guard"
    );
}

#[tokio::test]
async fn pages_carry_a_nonce_policy_and_other_responses_allow_nothing() {
    let app = TestApp::spawn().await;
    let page = app.client.get(app.url("/login")).send().await.unwrap();
    let policy = page.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(page.headers().get("strict-transport-security").is_none());
    let html = page.text().await.unwrap();
    let nonce = policy
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .expect("the policy names a nonce");
    assert!(nonce.len() >= 16, "{policy}");
    assert!(policy.contains("script-src 'self'") && !policy.contains("unsafe-inline"));
    // Every inline script carries the nonce; there is at least the hydration script.
    let scripts: Vec<&str> = html.split("<script").skip(1).collect();
    assert!(!scripts.is_empty());
    for script in scripts {
        let tag = script.split('>').next().unwrap();
        assert!(
            tag.contains(&format!("nonce=\"{nonce}\"")),
            "a script without the nonce: <script{tag}>"
        );
    }
    // A second page gets a new nonce.
    let again = app.client.get(app.url("/login")).send().await.unwrap();
    assert_ne!(
        again.headers()["content-security-policy"].to_str().unwrap(),
        policy
    );
    let api = app
        .client
        .get(app.url("/api/v1/schools"))
        .bearer_auth(&app.admin)
        .send()
        .await
        .unwrap();
    assert!(api.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .starts_with("default-src 'none'"));
}

#[tokio::test]
async fn hsts_is_sent_when_samling_is_reached_over_https() {
    let app = TestApp::spawn_with(&[("public_url", "https://samling.kommune.test")]).await;
    let page = app.client.get(app.url("/healthz")).send().await.unwrap();
    assert_eq!(
        page.headers()["strict-transport-security"],
        "max-age=31536000; includeSubDomains"
    );
}
