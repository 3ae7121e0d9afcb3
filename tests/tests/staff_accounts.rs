//! Staff accounts end to end, with the real server, worker and SMTP server: an admin invites
//! a counsellor, the invitation e-mail arrives with a single-use link, the password is chosen
//! through the page's server function and signing in works; disabling the account stops its
//! token and session at once; "forgot password" answers the same for every address and sends
//! at most three links an hour; the last active admin is protected; tokens are revoked in the
//! browser and from the command line; every change lands in the audit log.

use chrono::Duration;
use samling_tests::smtp::{ReceivedMail, SmtpServer};
use samling_tests::{assert_error, TestApp};
use serde_json::{json, Value};

async fn setup() -> (TestApp, SmtpServer) {
    let smtp = SmtpServer::start().await;
    let url = smtp.url();
    let app = TestApp::spawn_with(&[
        ("smtp_url", url.as_str()),
        ("mail_from", "Samling <samling@kommune.test>"),
        ("quiet_hours", "off"),
    ])
    .await;
    (app, smtp)
}

async fn run_worker(app: &TestApp) {
    app.worker(Duration::zero())
        .run_once()
        .await
        .expect("the worker runs");
}

/// The token of the newest staff link in a mail.
fn link_token(mail: &ReceivedMail) -> String {
    let text = &mail.text;
    let start = text.rfind("/set-password/").expect("the mail has a link") + "/set-password/".len();
    text[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect()
}

/// Posts a form to a server function; its status and body.
async fn call(
    app: &TestApp,
    path: &str,
    cookie: Option<&str>,
    form: &[(&str, &str)],
) -> (u16, String) {
    let response = app.call_fn(path, cookie, form).await;
    (response.status().as_u16(), response.text().await.unwrap())
}

/// Signs in through the login server function; the session cookie, or the status and body.
async fn sign_in(app: &TestApp, email: &str, password: &str) -> Result<String, (u16, String)> {
    let response = app
        .call_fn(
            "/api/login",
            None,
            &[("email", email), ("password", password), ("next", "/")],
        )
        .await;
    let status = response.status().as_u16();
    let cookie = response
        .headers()
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .map(|v| v.split(';').next().unwrap().to_string());
    match (status, cookie) {
        (200, Some(cookie)) => Ok(cookie),
        _ => Err((status, response.text().await.unwrap())),
    }
}

async fn new_school(app: &TestApp, name: &str) -> i64 {
    let (status, school) = app
        .post(
            &app.admin,
            "/api/v1/schools",
            json!({"name": name, "kind": "lower_secondary"}),
        )
        .await;
    assert_eq!(status, 201, "{school}");
    school["id"].as_i64().unwrap()
}

#[tokio::test]
async fn an_invited_counsellor_chooses_a_password_signs_in_and_stops_at_once_when_disabled() {
    let (app, smtp) = setup().await;
    let school = new_school(&app, "Bakkeløkka ungdomsskole").await;

    // Refusals first: no school for a counsellor, a taken address, a leader asking.
    let refused = app
        .post(
            &app.admin,
            "/api/v1/users",
            json!({"name": "Rita Rådgiver", "email": "rita@skole.no", "role": "counsellor"}),
        )
        .await;
    assert_error(&refused, 422, "invalid", Some("school_id"));
    let leader = app
        .user("leder@test.no", domain::people::Role::Leader, None)
        .await;
    assert_error(
        &app.get(&leader, "/api/v1/users").await,
        403,
        "forbidden",
        None,
    );

    let (status, rita) = app
        .post(
            &app.admin,
            "/api/v1/users",
            json!({"name": "Rita Rådgiver", "email": "rita@skole.no", "role": "counsellor", "school_id": school}),
        )
        .await;
    assert_eq!(status, 201, "{rita}");
    assert_eq!(
        (rita["invited"].as_bool(), rita["active"].as_bool()),
        (Some(true), Some(true))
    );
    assert_eq!(rita["school_name"], "Bakkeløkka ungdomsskole");
    let id = rita["id"].as_i64().unwrap();
    let taken = app
        .post(
            &app.admin,
            "/api/v1/users",
            json!({"name": "Rita", "email": "RITA@skole.no", "role": "leader"}),
        )
        .await;
    assert_error(&taken, 409, "conflict", None);
    // Invited, she cannot sign in with any password yet.
    assert_eq!(sign_in(&app, "rita@skole.no", "").await.unwrap_err().0, 401);

    // The invitation arrives with a link; the ledger keeps the text without its key.
    run_worker(&app).await;
    let mails = smtp.wait_for(1, std::time::Duration::from_secs(10)).await;
    assert_eq!(mails.len(), 1);
    assert_eq!(mails[0].envelope_to, vec!["rita@skole.no".to_string()]);
    assert!(
        mails[0].text.contains("Hei Rita Rådgiver!"),
        "{}",
        mails[0].text
    );
    let token = link_token(&mails[0]);
    assert_eq!(token.len(), 64);
    let ledger = app.ledger("").await;
    let sent: Vec<&Value> = ledger
        .iter()
        .filter(|m| m["kind"] == "staff_invitation")
        .collect();
    assert_eq!(sent.len(), 1, "{ledger:?}");
    let kept = sent[0].to_string();
    assert!(
        kept.contains("/set-password/…") && !kept.contains(&token),
        "{kept}"
    );

    // The page greets her; a short or mistyped password is refused and the link still works.
    assert!(app
        .page(&format!("/set-password/{token}"), None)
        .await
        .contains("Rita Rådgiver"));
    let (status, body) = call(
        &app,
        "/api/password/set",
        None,
        &[("token", &token), ("password", "kort"), ("repeat", "kort")],
    )
    .await;
    assert_eq!(status, 422, "{body}");
    let (status, body) = call(
        &app,
        "/api/password/set",
        None,
        &[
            ("token", &token),
            ("password", "lang og god frase"),
            ("repeat", "lang og god frasE"),
        ],
    )
    .await;
    assert_eq!(status, 422, "{body}");
    let (status, body) = call(
        &app,
        "/api/password/set",
        None,
        &[
            ("token", &token),
            ("password", "lang og god frase"),
            ("repeat", "lang og god frase"),
        ],
    )
    .await;
    assert_eq!(status, 200, "{body}");
    // Once only.
    let (status, _) = call(
        &app,
        "/api/password/set",
        None,
        &[
            ("token", &token),
            ("password", "en annen frase"),
            ("repeat", "en annen frase"),
        ],
    )
    .await;
    assert_eq!(status, 404);
    assert!(app
        .page(&format!("/set-password/{token}"), None)
        .await
        .contains("Lenken er brukt eller utløpt"));

    // She signs in with her own password and works through a token of her own.
    let cookie = sign_in(&app, "rita@skole.no", "lang og god frase")
        .await
        .expect("signs in");
    let (_, account) = app.get(&app.admin, &format!("/api/v1/users/{id}")).await;
    assert_eq!(account["invited"], false);
    let rita_token = store::staff::tokens::create(&app.pool, id, "rapporter", chrono::Utc::now())
        .await
        .unwrap();
    assert_eq!(app.get(&rita_token, "/api/v1/participants").await.0, 200);

    // Disabled: the same token gets 401 on the next request, the session is gone, and the
    // right password says the account is disabled.
    let (status, disabled) = app
        .patch(
            &app.admin,
            &format!("/api/v1/users/{id}"),
            json!({"active": false}),
        )
        .await;
    assert_eq!(status, 200, "{disabled}");
    assert!(disabled["disabled_at"].is_string());
    assert_error(
        &app.get(&rita_token, "/api/v1/participants").await,
        401,
        "unauthenticated",
        None,
    );
    // (Server functions answer every refusal with status 500; the body says which.)
    let (_, body) = call(&app, "/api/tokens/mine", Some(&cookie), &[]).await;
    assert!(body.contains("Unauthenticated"), "{body}");
    let (status, body) = sign_in(&app, "rita@skole.no", "lang og god frase")
        .await
        .unwrap_err();
    assert_eq!(status, 403, "{body}");
    assert!(body.contains("AccountDisabled"), "{body}");
    // Her name stays on the list, marked disabled.
    let (_, list) = app.get(&app.admin, "/api/v1/users").await;
    let listed = list
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["id"] == id)
        .cloned()
        .unwrap();
    assert_eq!(
        (listed["name"].as_str(), listed["active"].as_bool()),
        (Some("Rita Rådgiver"), Some(false))
    );

    // The audit log has both changes, newest first, with the values before and after.
    let (status, audit) = app
        .get(
            &app.admin,
            &format!("/api/v1/audit?entity=user&entity_id={id}"),
        )
        .await;
    assert_eq!(status, 200, "{audit}");
    let entries = audit.as_array().unwrap();
    assert_eq!(entries.len(), 2, "{audit}");
    assert_eq!(
        (entries[0]["action"].as_str(), entries[1]["action"].as_str()),
        (Some("update"), Some("create"))
    );
    assert_eq!(entries[0]["actor_name"], "admin");
    assert_eq!(
        (
            entries[0]["before"]["active"].as_bool(),
            entries[0]["after"]["active"].as_bool()
        ),
        (Some(true), Some(false))
    );
    assert!(entries[1]["before"].is_null());
    assert_error(
        &app.get(&leader, "/api/v1/audit").await,
        403,
        "forbidden",
        None,
    );
}

#[tokio::test]
async fn forgot_password_tells_nobody_who_has_an_account_and_sends_three_links_an_hour() {
    let (app, smtp) = setup().await;
    let unknown = call(
        &app,
        "/api/password/forgot",
        None,
        &[("email", "ingen@test.no")],
    )
    .await;
    let known = call(
        &app,
        "/api/password/forgot",
        None,
        &[("email", "Admin@Test.no")],
    )
    .await;
    assert_eq!(unknown, known);
    assert_eq!(known.0, 200);
    for _ in 0..4 {
        assert_eq!(
            call(
                &app,
                "/api/password/forgot",
                None,
                &[("email", "admin@test.no")]
            )
            .await,
            known
        );
    }
    run_worker(&app).await;
    let mails = smtp.wait_for(3, std::time::Duration::from_secs(10)).await;
    assert_eq!(
        mails.len(),
        3,
        "three links an hour, however often the form is sent"
    );
    assert!(mails
        .iter()
        .all(|m| m.envelope_to == vec!["admin@test.no".to_string()]));

    // One link sets the password; the old one stops working, the new one works, and the
    // other links are void.
    let (first, second) = (link_token(&mails[0]), link_token(&mails[1]));
    let (status, body) = call(
        &app,
        "/api/password/set",
        None,
        &[
            ("token", &first),
            ("password", "nytt passord her"),
            ("repeat", "nytt passord her"),
        ],
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        sign_in(&app, "admin@test.no", "correct horse battery")
            .await
            .unwrap_err()
            .0,
        401
    );
    sign_in(&app, "admin@test.no", "nytt passord her")
        .await
        .expect("the new password works");
    let (status, _) = call(
        &app,
        "/api/password/set",
        None,
        &[
            ("token", &second),
            ("password", "enda et passord"),
            ("repeat", "enda et passord"),
        ],
    )
    .await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn the_last_active_admin_can_be_neither_disabled_nor_demoted() {
    let (app, _smtp) = setup().await;
    let me = app.user_id("admin@test.no").await;
    for change in [json!({"active": false}), json!({"role": "leader"})] {
        let refused = app
            .patch(&app.admin, &format!("/api/v1/users/{me}"), change)
            .await;
        assert_error(&refused, 409, "conflict", None);
    }
    let (status, other) = app
        .post(
            &app.admin,
            "/api/v1/users",
            json!({"name": "Ola Admin", "email": "ola@test.no", "role": "admin"}),
        )
        .await;
    assert_eq!(status, 201, "{other}");
    let (status, demoted) = app
        .patch(
            &app.admin,
            &format!("/api/v1/users/{me}"),
            json!({"role": "leader"}),
        )
        .await;
    assert_eq!(status, 200, "{demoted}");
    // Now Ola is the last one.
    let ola = other["id"].as_i64().unwrap();
    let token = store::staff::tokens::create(&app.pool, ola, "", chrono::Utc::now())
        .await
        .unwrap();
    let refused = app
        .patch(
            &token,
            &format!("/api/v1/users/{ola}"),
            json!({"active": false}),
        )
        .await;
    assert_error(&refused, 409, "conflict", None);
}

#[tokio::test]
async fn staff_revoke_their_own_tokens_in_the_browser_and_operators_from_the_command_line() {
    let (app, _smtp) = setup().await;
    let leader_token = app
        .user("leder@test.no", domain::people::Role::Leader, None)
        .await;
    let leader = app.user_id("leder@test.no").await;
    let labelled = store::staff::tokens::create(&app.pool, leader, "eksport", chrono::Utc::now())
        .await
        .unwrap();
    let cookie = samling_tests::staff_session(&app.client, &app.base, "leder@test.no").await;

    let (status, body) = call(&app, "/api/tokens/mine", Some(&cookie), &[]).await;
    assert_eq!(status, 200, "{body}");
    let mine: Vec<Value> = serde_json::from_str(&body).unwrap();
    assert_eq!(mine.len(), 2);
    assert!(
        !body.contains(&labelled) && !body.contains("token_hash"),
        "never the token itself"
    );
    let eksport = mine.iter().find(|t| t["label"] == "eksport").unwrap()["id"]
        .as_i64()
        .unwrap();

    // Somebody else's token is not theirs to revoke.
    let admin_token_id: i64 =
        store::sql::query_scalar("SELECT id FROM api_tokens WHERE user_id = $1")
            .bind(app.user_id("admin@test.no").await)
            .fetch_one(&app.pool)
            .await
            .unwrap();
    let (status, _) = call(
        &app,
        "/api/tokens/revoke",
        Some(&cookie),
        &[("id", &admin_token_id.to_string())],
    )
    .await;
    assert_eq!(status, 404);
    assert_eq!(app.get(&app.admin, "/api/v1/users").await.0, 200);

    let (status, body) = call(
        &app,
        "/api/tokens/revoke",
        Some(&cookie),
        &[("id", &eksport.to_string())],
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(app.get(&labelled, "/api/v1/courses").await.0, 401);
    assert_eq!(app.get(&leader_token, "/api/v1/courses").await.0, 200);

    // The operator revokes the rest of the leader's tokens by address.
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_samling-instance"))
        .args(["token", "revoke", "--email", "leder@test.no"])
        .env("SAMLING_DATABASE_URL", &app.settings["database_url"])
        .env("RUST_LOG", "warn")
        .output()
        .expect("the samling binary runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&output.stdout).trim(),
        "Revoked 1 token."
    );
    assert_eq!(app.get(&leader_token, "/api/v1/courses").await.0, 401);
    let again = std::process::Command::new(env!("CARGO_BIN_EXE_samling-instance"))
        .args(["token", "revoke", "--id", &eksport.to_string()])
        .env("SAMLING_DATABASE_URL", &app.settings["database_url"])
        .output()
        .unwrap();
    assert!(
        !again.status.success(),
        "revoking a revoked token says nothing was revoked"
    );
}
