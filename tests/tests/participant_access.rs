//! Participants' own page end to end, with the real server and worker, the SMS gateway
//! emulator and a real SMTP server: staff send a sign-in link, the participant opens it once,
//! sees their schedule and keeps their own logbook, which staff then read; the ledger never
//! shows the link's key; a participant can ask for a link themselves without learning who
//! takes part.

use chrono::{Duration, Utc};
use samling_tests::sms_gateway::SmsGateway;
use samling_tests::smtp::SmtpServer;
use samling_tests::TestApp;
use serde_json::json;

const JONAS: &str = "+4791234502";

struct Setup {
    app: TestApp,
    gateway: SmsGateway,
    smtp: SmtpServer,
    jonas: i64,
}

async fn setup() -> Setup {
    let gateway = SmsGateway::start().await;
    let smtp = SmtpServer::start().await;
    let app = TestApp::spawn_messaging(&gateway, &smtp).await;
    let jonas = store::sql::query_scalar("SELECT id FROM participants WHERE phone = $1")
        .bind(JONAS)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    Setup {
        app,
        gateway,
        smtp,
        jonas,
    }
}

/// Staff send the participant a sign-in link.
async fn send_link(app: &TestApp, participant: i64) -> (u16, serde_json::Value) {
    app.post(
        &app.admin,
        &format!("/api/v1/participants/{participant}/sign-in-link"),
        json!({}),
    )
    .await
}

/// Sends what is due, now.
async fn run_worker(app: &TestApp) {
    app.worker(Duration::zero())
        .run_once()
        .await
        .expect("the worker runs");
}

/// The key of the newest sign-in link in a text.
fn link_token(text: &str) -> String {
    let after = &text[text.rfind("/p/").expect("the text has a sign-in link") + 3..];
    after
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect()
}

async fn sign_in(app: &TestApp, token: &str) -> String {
    let response = app
        .call_fn("/api/p/sign_in", None, &[("token", token)])
        .await;
    assert_eq!(response.status(), 200);
    let cookie = response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("samling_participant="))
        .expect("a participant cookie")
        .to_string();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    cookie.split(';').next().unwrap().to_string()
}

#[tokio::test]
async fn a_participant_signs_in_with_a_texted_link_and_keeps_their_own_logbook() {
    let Setup {
        app,
        gateway,
        jonas,
        ..
    } = setup().await;
    let (status, sent) = send_link(&app, jonas).await;
    assert_eq!(
        (status, sent["channel"].as_str()),
        (202, Some("sms")),
        "{sent}"
    );
    run_worker(&app).await;
    let texts: Vec<String> = gateway
        .received()
        .into_iter()
        .filter(|m| m.to == JONAS && m.body.contains("/p/"))
        .map(|m| m.body)
        .collect();
    assert_eq!(texts.len(), 1, "{texts:?}");
    assert!(
        texts[0].contains(&format!("{}/p/", app.base)),
        "{}",
        texts[0]
    );
    let token = link_token(&texts[0]);
    assert_eq!(token.len(), 32);

    // The ledger keeps the message, but not the key in it.
    let (_, ledger) = app
        .get(
            &app.admin,
            &format!("/api/v1/messages?participant_id={jonas}"),
        )
        .await;
    let link_row = ledger
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["kind"] == "magic_link")
        .expect("the link is in the ledger")
        .clone();
    assert_eq!(link_row["state"], "sent", "{link_row}");
    let kept = link_row["body"].as_str().unwrap();
    assert!(kept.contains("/p/…") && !kept.contains(&token), "{kept}");

    // Opening the link (as a phone's preview would) signs no one in; the button does, once.
    assert!(app
        .page(&format!("/p/{token}"), None)
        .await
        .contains("Jonas"));
    let cookie = sign_in(&app, &token).await;
    assert_eq!(
        app.call_fn("/api/p/sign_in", None, &[("token", &token)])
            .await
            .status(),
        404
    );
    assert!(app
        .page(&format!("/p/{token}"), None)
        .await
        .contains("Lenken er brukt eller utløpt"));

    let me = app.page("/me", Some(&cookie)).await;
    assert!(me.contains("Hei Jonas"), "the page greets them");
    assert!(me.contains("Mine samlinger"));
    assert!(
        !me.contains("Hovedmeny"),
        "no staff menu on the participant's page"
    );

    // Jonas writes about the first session, tied to it.
    let first_session: i64 = store::sql::query_scalar(
        "SELECT s.id FROM sessions s JOIN enrolments e ON e.course_id = s.course_id
         WHERE e.participant_id = $1 ORDER BY s.starts_at LIMIT 1",
    )
    .bind(jonas)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    let written = app
        .call_fn(
            "/api/logbook/write",
            Some(&cookie),
            &[
                ("text", "Jeg turte å si noe i gruppa."),
                ("session_id", &first_session.to_string()),
            ],
        )
        .await;
    assert_eq!(written.status(), 200);
    let (_, staff_entry) = app
        .post(
            &app.admin,
            &format!("/api/v1/participants/{jonas}/logbook"),
            json!({"text": "Skrevet etter samtale.", "with_permission": true}),
        )
        .await;

    let (status, entries) = app
        .get(&app.admin, &format!("/api/v1/participants/{jonas}/logbook"))
        .await;
    assert_eq!(status, 200);
    let own = entries
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["author_kind"] == "participant")
        .expect("staff read the participant's entry")
        .clone();
    assert_eq!(own["author_name"], "Jonas");
    assert_eq!(own["session_id"], first_session);
    let own_id = own["id"].as_i64().unwrap().to_string();

    // They change their own words (the earlier text is kept), but not what staff wrote.
    let changed = app
        .call_fn(
            "/api/logbook/edit",
            Some(&cookie),
            &[
                ("entry_id", &own_id),
                ("text", "Jeg turte å si noe i gruppa, to ganger!"),
            ],
        )
        .await;
    assert_eq!(changed.status(), 200);
    let staff_id = staff_entry["id"].as_i64().unwrap().to_string();
    let refused = app
        .call_fn(
            "/api/logbook/edit",
            Some(&cookie),
            &[("entry_id", &staff_id), ("text", "endret")],
        )
        .await;
    assert_eq!(refused.status(), 403);
    let (_, entries) = app
        .get(&app.admin, &format!("/api/v1/participants/{jonas}/logbook"))
        .await;
    let own = entries
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"].as_i64().unwrap().to_string() == own_id)
        .unwrap()
        .clone();
    assert_eq!(own["text"], "Jeg turte å si noe i gruppa, to ganger!");
    assert_eq!(own["versions"], 1);

    // A participant's cookie is no staff login: naming another participant is refused.
    let other: i64 = store::sql::query_scalar("SELECT id FROM participants WHERE id <> $1 LIMIT 1")
        .bind(jonas)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let as_staff = app
        .call_fn(
            "/api/logbook/write",
            Some(&cookie),
            &[
                ("participant_id", &other.to_string()),
                ("text", "hei"),
                ("with_permission", "on"),
            ],
        )
        .await;
    assert_eq!(as_staff.status(), 401);

    // Signing out ends the session.
    app.call_fn("/api/p/sign_out", Some(&cookie), &[]).await;
    assert!(app
        .page("/me", Some(&cookie))
        .await
        .contains("Du er ikke logget inn"));
}

#[tokio::test]
async fn links_are_limited_expire_and_can_be_asked_for_without_revealing_who_takes_part() {
    let Setup {
        app,
        gateway,
        smtp,
        jonas,
    } = setup().await;
    // Asking with the number as people type it; an unknown number gets the same answer.
    for contact in ["912 34 502", "987 65 432"] {
        let asked = app
            .call_fn("/api/p/request", None, &[("contact", contact)])
            .await;
        assert_eq!(asked.status(), 200, "{contact}");
    }
    let unreadable = app
        .call_fn("/api/p/request", None, &[("contact", "hei")])
        .await;
    assert_eq!(unreadable.status(), 422);
    let body = unreadable.text().await.unwrap();
    assert!(
        body.contains("contact"),
        "the error names the field: {body}"
    );
    run_worker(&app).await;
    // (The demo course's own reminders go out in the same run.)
    let links: Vec<_> = gateway
        .received()
        .into_iter()
        .filter(|m| m.body.contains("/p/"))
        .collect();
    assert_eq!(links.len(), 1, "only the known number gets a link");
    assert_eq!(links[0].to, JONAS);

    // Asked for by e-mail, the link comes by e-mail.
    store::sql::query("UPDATE participants SET email = 'jonas@example.no' WHERE id = $1")
        .bind(jonas)
        .execute(&app.pool)
        .await
        .unwrap();
    let asked = app
        .call_fn("/api/p/request", None, &[("contact", "Jonas@Example.no")])
        .await;
    assert_eq!(asked.status(), 200);
    run_worker(&app).await;
    let mails = smtp.wait_for(1, std::time::Duration::from_secs(10)).await;
    assert_eq!(mails.len(), 1);
    let token = link_token(&mails[0].text);
    assert!(app
        .page(&format!("/p/{token}"), None)
        .await
        .contains("Åpne siden min"));

    // Three links an hour, then staff are told to wait.
    let (status, _) = send_link(&app, jonas).await;
    assert_eq!(status, 202);
    let (status, refused) = send_link(&app, jonas).await;
    assert_eq!(
        (status, refused["error"]["code"].as_str()),
        (409, Some("conflict")),
        "{refused}"
    );

    // A link not used within its time opens nothing.
    store::sql::query("UPDATE participant_links SET expires_at = $1")
        .bind(Utc::now() - Duration::minutes(1))
        .execute(&app.pool)
        .await
        .unwrap();
    assert!(app
        .page(&format!("/p/{token}"), None)
        .await
        .contains("Lenken er brukt eller utløpt"));
    assert_eq!(
        app.call_fn("/api/p/sign_in", None, &[("token", &token)])
            .await
            .status(),
        404
    );
}
