//! Authentication: API tokens, the login form with its cookie and lockout, and the OpenAPI
//! document.

use domain::messages::{MessageKind, MessageState};
use domain::people::Role;
use samling_tests::{assert_error, TestApp};
use serde_json::Value;

#[tokio::test]
async fn the_api_needs_a_valid_token() {
    let app = TestApp::spawn().await;
    let r = app
        .client
        .get(app.url("/api/v1/courses"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["error"]["code"], "unauthenticated");
    assert_error(
        &app.get("sam_not-a-token", "/api/v1/courses").await,
        401,
        "unauthenticated",
        None,
    );
    assert_eq!(app.get(&app.admin, "/api/v1/courses").await.0, 200);
    assert_error(
        &app.get(&app.admin, "/api/v1/nothing-here").await,
        404,
        "not_found",
        None,
    );
    // Tokens are stored hashed.
    let stored: Vec<String> = store::sql::query_scalar("SELECT token_hash FROM api_tokens")
        .fetch_all(&app.pool)
        .await
        .unwrap();
    assert!(!stored.contains(&app.admin));
}

async fn login(app: &TestApp, email: &str, password: &str) -> reqwest::Response {
    app.client
        .post(app.url("/api/login"))
        .form(&[
            ("email", email),
            ("password", password),
            ("next", "/courses"),
        ])
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn login_sets_a_safe_session_cookie_and_logout_ends_it() {
    let app = TestApp::spawn().await;
    app.user("leder@test.no", Role::Leader, None).await;
    let r = login(&app, "leder@test.no", "correct horse battery").await;
    assert!(
        r.status().is_success() || r.status().is_redirection(),
        "{}",
        r.status()
    );
    let cookie = r
        .headers()
        .get("set-cookie")
        .expect("a session cookie")
        .to_str()
        .unwrap()
        .to_string();
    assert!(cookie.starts_with("samling_session="));
    assert!(cookie.contains("HttpOnly"));
    assert!(cookie.contains("SameSite=Lax"));
    let session = cookie.split(';').next().unwrap().to_string();
    let who = app
        .client
        .post(app.url("/api/whoami"))
        .header("cookie", &session)
        .send()
        .await
        .unwrap();
    let who: Value = who.json().await.unwrap();
    assert_eq!(who["email"], "leder@test.no");
    app.client
        .post(app.url("/api/logout"))
        .header("cookie", &session)
        .send()
        .await
        .unwrap();
    let who: Value = app
        .client
        .post(app.url("/api/whoami"))
        .header("cookie", &session)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(who, Value::Null, "the session ended");
}

#[tokio::test]
async fn repeated_failed_logins_lock_the_account_for_a_while() {
    let app = TestApp::spawn().await;
    app.user("leder@test.no", Role::Leader, None).await;
    for _ in 0..4 {
        let r = login(&app, "leder@test.no", "wrong password").await;
        assert_eq!(r.status(), 401);
        assert!(r.headers().get("set-cookie").is_none());
    }
    let r = login(&app, "leder@test.no", "wrong password").await;
    assert_eq!(r.status(), 429, "the fifth failure locks");
    let r = login(&app, "leder@test.no", "correct horse battery").await;
    assert_eq!(
        r.status(),
        429,
        "even the right password waits out the lock"
    );
    assert!(r.headers().get("set-cookie").is_none());
    let r = login(&app, "nobody@test.no", "whatever").await;
    assert_eq!(
        r.status(),
        401,
        "unknown e-mail looks like a wrong password"
    );
}

#[tokio::test]
async fn the_openapi_document_describes_every_route() {
    let app = TestApp::spawn().await;
    let r = app
        .client
        .get(app.url("/api/v1/openapi.json"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let doc: Value = r.json().await.unwrap();
    assert_eq!(doc["openapi"], "3.1.0");
    let routes = [
        ("/programmes", "get"),
        ("/programmes", "post"),
        ("/programmes/{id}", "get"),
        ("/programmes/{id}", "put"),
        ("/courses", "get"),
        ("/courses", "post"),
        ("/courses/preview", "post"),
        ("/courses/{id}", "get"),
        ("/courses/{id}/sessions", "get"),
        ("/courses/{id}/sessions", "post"),
        ("/sessions/{id}", "get"),
        ("/sessions/{id}", "patch"),
        ("/participants", "get"),
        ("/participants", "post"),
        ("/participants/{id}", "get"),
        ("/participants/{id}", "put"),
        ("/participants/{id}/enrolments", "get"),
        ("/courses/{id}/enrolments", "get"),
        ("/courses/{id}/enrolments", "post"),
        ("/courses/{id}/enrolments/{participant_id}", "delete"),
        ("/sessions/{id}/attendance", "get"),
        ("/sessions/{id}/attendance/{participant_id}", "put"),
        ("/sessions/{id}/attendance/mark-rest-present", "post"),
        ("/participants/{id}/access-log", "get"),
        ("/courses/{id}/pairs", "get"),
        ("/courses/{id}/pairs", "put"),
        ("/courses/{id}/pairs/generate", "post"),
        ("/courses/{id}/pairs/history", "get"),
        ("/participants/{id}/logbook", "get"),
        ("/participants/{id}/logbook", "post"),
        ("/participants/{id}/logbook/{entry_id}", "put"),
        ("/participants/{id}/sign-in-link", "post"),
        ("/participants/{id}/goals", "get"),
        ("/participants/{id}/goals", "post"),
        ("/participants/{id}/category-history", "get"),
        ("/courses/{id}/attendance", "get"),
        ("/participants/{id}/attendance", "get"),
        ("/follow-ups", "get"),
        ("/follow-ups", "post"),
        ("/goals/{id}", "patch"),
        ("/measures/{id}", "patch"),
        ("/messages", "get"),
        ("/programmes/{id}/reminder-rules", "get"),
        ("/programmes/{id}/reminder-rules", "put"),
        ("/courses/{id}/reminder-rules", "get"),
        ("/courses/{id}/reminder-rules", "put"),
        ("/participants/{id}/consents", "get"),
        ("/participants/{id}/consents", "post"),
        ("/participants/{id}/consents/{consent_id}/withdraw", "post"),
        ("/participants/{id}/consent-request", "post"),
        ("/participants/{id}/sms-opt-in", "post"),
        ("/consent-text", "get"),
        ("/consent-text", "post"),
        ("/closed-periods", "get"),
        ("/closed-periods", "post"),
        ("/closed-periods/{id}", "delete"),
        ("/schools", "get"),
        ("/schools", "post"),
        ("/schools/{id}", "patch"),
        ("/users", "get"),
        ("/users", "post"),
        ("/users/{id}", "get"),
        ("/users/{id}", "patch"),
        ("/users/{id}/invitation", "post"),
        ("/audit", "get"),
        ("/courses/{id}", "patch"),
        ("/courses/{id}", "delete"),
        ("/courses/{id}/close", "post"),
        ("/participants/{id}/outcomes", "get"),
        ("/participants/{id}/outcomes", "post"),
        ("/participants/{id}/contact-attempts", "get"),
        ("/participants/{id}/contact-attempts", "post"),
        ("/participants/{id}/follow-up", "get"),
        ("/participants/{id}/follow-up/close", "post"),
        ("/participants/{id}/follow-up/reopen", "post"),
        ("/reports/monthly", "get"),
        ("/courses/{id}/report", "get"),
        ("/participants/{id}", "delete"),
        ("/participants/{id}/export", "get"),
        ("/participants/{id}/retention", "post"),
        ("/retention", "get"),
    ];
    for (path, method) in routes {
        assert!(
            doc["paths"][path][method].is_object(),
            "{method} {path} is documented"
        );
    }
    // Every message kind and state the ledger can answer with is named.
    let message = &doc["components"]["schemas"]["Message"]["properties"];
    let kinds: Vec<&str> = MessageKind::ALL.iter().map(|k| k.code()).collect();
    let states: Vec<&str> = MessageState::ALL.iter().map(|s| s.code()).collect();
    assert_eq!(message["kind"]["enum"], serde_json::json!(kinds));
    assert_eq!(message["state"]["enum"], serde_json::json!(states));
}

#[tokio::test]
async fn pages_switch_to_english_and_back_to_bokmal() {
    let app = TestApp::spawn().await;
    let page = |cookie: Option<&str>| {
        let mut req = app.client.get(app.url("/login"));
        if let Some(c) = cookie {
            req = req.header("cookie", c);
        }
        async move { req.send().await.unwrap().text().await.unwrap() }
    };
    let nb = page(None).await;
    assert!(nb.contains(r#"<html lang="nb""#) && nb.contains("Logg inn i Samling"));

    let r = app
        .client
        .post(app.url("/api/set_language"))
        .header("referer", "https://elsewhere.example/login?next=/courses")
        .header("accept", "text/html")
        .form(&[("lang", "en")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 302);
    assert_eq!(
        r.headers()["location"],
        "/login?next=/courses",
        "only back into this site"
    );
    let cookie = r.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_string();
    assert_eq!(cookie, "samling_lang=en");
    let en = page(Some(&cookie)).await;
    assert!(en.contains(r#"<html lang="en""#) && en.contains("Sign in to Samling"));
    let nb_again = page(Some("samling_lang=nb")).await;
    assert!(nb_again.contains("Logg inn i Samling"));
}
