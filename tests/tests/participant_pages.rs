//! Participants' pages with the real server: in the participant's own language (right to
//! left in Arabic), else the browser's, else bokmål, switchable; without any script; and
//! answering "I'm coming" / "I can't" from their own page, which the leader's roll call shows
//! as it shows a JA / NEI by text.

use chrono::{Duration, Utc};
use samling_tests::{staff_session, TestApp};

/// A demo participant with a scheduled session still to come, and that session.
async fn participant_with_coming_session(app: &TestApp) -> (i64, i64) {
    store::sql::query_as(
        "SELECT e.participant_id, s.id FROM enrolments e JOIN sessions s ON s.course_id = e.course_id
         WHERE e.status = 'enrolled' AND s.status = 'scheduled' AND s.starts_at > $1
         ORDER BY s.starts_at, e.participant_id LIMIT 1",
    )
    .bind(Utc::now() + Duration::hours(1))
    .fetch_one(&app.pool)
    .await
    .expect("the demo has a session to come")
}

async fn set_language(app: &TestApp, participant: i64, code: &str) {
    store::sql::query("UPDATE participants SET language = $1 WHERE id = $2")
        .bind(code)
        .bind(participant)
        .execute(&app.pool)
        .await
        .unwrap();
}

/// Signs the participant in through a fresh sign-in link; the cookie (`name=value`).
async fn sign_in(app: &TestApp, participant: i64) -> String {
    let token = store::participant_access::issue_link_token(&app.pool, participant, Utc::now())
        .await
        .unwrap();
    let response = app
        .call_fn("/api/p/sign_in", None, &[("token", &token)])
        .await;
    assert_eq!(response.status(), 200);
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("samling_participant="))
        .expect("a participant cookie")
        .split(';')
        .next()
        .unwrap()
        .to_string()
}

/// A page as a browser asking for `accept_language` gets it.
async fn page_for(
    app: &TestApp,
    path: &str,
    cookie: Option<&str>,
    accept_language: &str,
) -> String {
    let mut request = app
        .client
        .get(app.url(path))
        .header("accept-language", accept_language);
    if let Some(cookie) = cookie {
        request = request.header("cookie", cookie);
    }
    let response = request.send().await.unwrap();
    assert_eq!(response.status(), 200, "{path}");
    response.text().await.unwrap()
}

#[tokio::test]
async fn my_page_is_in_the_participants_own_language_right_to_left_in_arabic() {
    let app = TestApp::spawn().await;
    app.load_demo().await;
    let (participant, _) = participant_with_coming_session(&app).await;
    set_language(&app, participant, "ar").await;
    let cookie = sign_in(&app, participant).await;
    let first_name: String =
        store::sql::query_scalar("SELECT first_name FROM participants WHERE id = $1")
            .bind(participant)
            .fetch_one(&app.pool)
            .await
            .unwrap();

    // The browser asks for Norwegian, but the participant reads Arabic.
    let me = page_for(&app, "/me", Some(&cookie), "nb-NO,nb;q=0.9").await;
    assert!(
        me.contains(r#"<html lang="ar" dir="rtl""#),
        "{}",
        &me[..300]
    );
    assert!(me.contains("لقاءاتي"), "the headings are Arabic");
    // Their (Latin) name is isolated inside the Arabic greeting, so it reads correctly.
    assert!(
        me.contains(&format!("\u{2068}{first_name}\u{2069}")),
        "the name is isolated"
    );
    // Dates are written the Arabic way: an Arabic weekday name and month name.
    let weekdays = [
        "الاثنين",
        "الثلاثاء",
        "الأربعاء",
        "الخميس",
        "الجمعة",
        "السبت",
        "الأحد",
    ];
    assert!(weekdays.iter().any(|w| me.contains(w)), "an Arabic weekday");
    // The page works without scripts: it loads no wasm and no JavaScript.
    assert!(
        !me.contains("samling.js") && !me.contains(".wasm"),
        "no scripts"
    );

    // Choosing a language on the page wins over their own.
    let chosen = format!("{cookie}; samling_lang=en");
    let me = page_for(&app, "/me", Some(&chosen), "ar").await;
    assert!(me.contains(r#"<html lang="en" dir="ltr""#));
    assert!(me.contains("My sessions"));
}

#[tokio::test]
async fn before_sign_in_the_browsers_language_counts_and_staff_pages_stay_norwegian() {
    let app = TestApp::spawn().await;
    app.load_demo().await;
    let page = page_for(&app, "/p", None, "so-SO,so;q=0.9,en;q=0.5").await;
    assert!(page.contains(r#"<html lang="so" dir="ltr""#));
    assert!(page.contains("Ii soo dir link"));
    let page = page_for(&app, "/p", None, "de-DE,de;q=0.9").await;
    assert!(
        page.contains(r#"<html lang="nb""#),
        "bokmål when nothing fits"
    );

    // A sign-in link knows whose it is: the page is in their language before they sign in.
    let (participant, _) = participant_with_coming_session(&app).await;
    set_language(&app, participant, "tr").await;
    let token = store::participant_access::issue_link_token(&app.pool, participant, Utc::now())
        .await
        .unwrap();
    let page = page_for(&app, &format!("/p/{token}"), None, "nb").await;
    assert!(page.contains(r#"<html lang="tr""#));
    assert!(page.contains("Sayfamı aç"));

    // Staff pages stay in bokmål (or the language chosen) and keep their scripts.
    let login = page_for(&app, "/login", None, "ar,en;q=0.5").await;
    assert!(login.contains(r#"<html lang="nb" dir="ltr""#));
    assert!(login.contains("samling.js"), "staff pages hydrate");
}

#[tokio::test]
async fn a_participant_who_cannot_come_says_so_on_their_page_and_the_leader_sees_it() {
    let app = TestApp::spawn().await;
    app.load_demo().await;
    let (participant, session) = participant_with_coming_session(&app).await;
    let cookie = sign_in(&app, participant).await;
    let me = app.page("/me", Some(&cookie)).await;
    assert!(me.contains("Jeg kommer") && me.contains("Jeg kan ikke"));

    // As a plain form, as a phone without scripts sends it: back to the page after.
    let answered = app
        .client
        .post(app.url("/api/p/answer"))
        .header("cookie", &cookie)
        .header("referer", app.url("/me"))
        .header("accept", "text/html,application/xhtml+xml")
        .form(&[
            ("session_id", session.to_string().as_str()),
            ("answer", "no"),
            ("reason", "Tannlege"),
        ])
        .send()
        .await
        .unwrap();
    assert!(answered.status().is_redirection(), "{}", answered.status());
    let back = answered.headers()["location"].to_str().unwrap().to_string();
    assert_eq!(back, format!("/me#session-{session}"));

    // The same as NEI by text: the answer, and an excused mark with the reason.
    let (answer, via): (String, String) = store::sql::query_as(
        "SELECT answer, via FROM session_confirmations WHERE session_id = $1 AND participant_id = $2",
    )
    .bind(session)
    .bind(participant)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!((answer.as_str(), via.as_str()), ("no", "page"));
    let (status, note, via): (String, String, String) = store::sql::query_as(
        "SELECT status, note, via FROM attendance WHERE session_id = $1 AND participant_id = $2",
    )
    .bind(session)
    .bind(participant)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(
        (status.as_str(), note.as_str(), via.as_str()),
        ("excused", "Tannlege", "page")
    );
    assert!(app
        .page("/me", Some(&cookie))
        .await
        .contains("Du har sagt at du ikke kan komme."));

    // The leader sees it on the roll call before the session.
    let staff = staff_session(&app.client, &app.base, "admin@test.no").await;
    let roll_call = app
        .page(&format!("/sessions/{session}"), Some(&staff))
        .await;
    let answer_at = roll_call
        .find("Har svart: kan ikke")
        .unwrap_or_else(|| panic!("the roll call shows the answer: {roll_call}"));
    assert!(
        roll_call[answer_at..].contains("«Tannlege»"),
        "and the reason"
    );

    // Changing their mind takes back the excuse they left (only that).
    let coming = app
        .call_fn(
            "/api/p/answer",
            Some(&cookie),
            &[("session_id", &session.to_string()), ("answer", "yes")],
        )
        .await;
    assert_eq!(coming.status(), 200);
    let marks: i64 = store::sql::query_scalar(
        "SELECT COUNT(*) FROM attendance WHERE session_id = $1 AND participant_id = $2",
    )
    .bind(session)
    .bind(participant)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(marks, 0);
    let roll_call = app
        .page(&format!("/sessions/{session}"), Some(&staff))
        .await;
    assert!(roll_call.contains("Har svart: kommer"));

    // A leader's own mark is theirs: a later "can't" does not overwrite it.
    let (status, _) = app
        .put(
            &app.admin,
            &format!("/api/v1/sessions/{session}/attendance/{participant}"),
            serde_json::json!({"status": "present"}),
        )
        .await;
    assert_eq!(status, 200);
    let cannot = app
        .call_fn(
            "/api/p/answer",
            Some(&cookie),
            &[("session_id", &session.to_string()), ("answer", "no")],
        )
        .await;
    assert_eq!(cannot.status(), 200);
    let status: String = store::sql::query_scalar(
        "SELECT status FROM attendance WHERE session_id = $1 AND participant_id = $2",
    )
    .bind(session)
    .bind(participant)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(status, "present");
}

#[tokio::test]
async fn only_their_own_coming_sessions_can_be_answered() {
    let app = TestApp::spawn().await;
    app.load_demo().await;
    let (participant, session) = participant_with_coming_session(&app).await;
    let cookie = sign_in(&app, participant).await;
    let answer = |session: i64, reason: String| {
        let cookie = cookie.clone();
        let app = &app;
        async move {
            app.call_fn(
                "/api/p/answer",
                Some(&cookie),
                &[
                    ("session_id", &session.to_string()),
                    ("answer", "no"),
                    ("reason", &reason),
                ],
            )
            .await
            .status()
            .as_u16()
        }
    };
    // A session of a course they are not in.
    let other: i64 = store::sql::query_scalar(
        "SELECT s.id FROM sessions s WHERE s.course_id NOT IN
           (SELECT course_id FROM enrolments WHERE participant_id = $1) LIMIT 1",
    )
    .bind(participant)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(answer(other, String::new()).await, 404);
    // One that has begun.
    let past: i64 = store::sql::query_scalar(
        "SELECT s.id FROM sessions s JOIN enrolments e ON e.course_id = s.course_id
         WHERE e.participant_id = $1 AND s.starts_at < $2 LIMIT 1",
    )
    .bind(participant)
    .bind(Utc::now())
    .fetch_optional(&app.pool)
    .await
    .unwrap()
    .unwrap_or(other);
    assert!(matches!(answer(past, String::new()).await, 404 | 409));
    // A reason longer than the roll call keeps is refused, not cut.
    assert_eq!(answer(session, "x".repeat(201)).await, 422);
    // Without a participant session nothing is recorded.
    let anonymous = app
        .call_fn(
            "/api/p/answer",
            None,
            &[("session_id", &session.to_string()), ("answer", "yes")],
        )
        .await;
    assert_eq!(anonymous.status(), 401);
}
