//! Calendar feeds end to end, read by an independent iCalendar parser (Python's `icalendar`,
//! pinned in scripts/setup.sh): a participant's feed before and after a session is moved and
//! cancelled, revoked and unknown tokens, and the course and "my sessions" feeds.

use chrono::{DateTime, Duration, Utc};
use domain::people::Role;
use samling_tests::{staff_session, TestApp};
use serde_json::{json, Value};
use std::io::Write;
use std::process::{Command, Stdio};

/// The feed as Python's `icalendar` reads it: its name, method and events.
fn parsed(ics: &str) -> Value {
    let python = samling_tests::python_with("icalendar");
    let script = r#"
import sys, json, icalendar
cal = icalendar.Calendar.from_ical(sys.stdin.buffer.read())
events = [{
    "uid": str(e["UID"]),
    "sequence": int(e.get("SEQUENCE", 0)),
    "start": e.decoded("DTSTART").isoformat(),
    "end": e.decoded("DTEND").isoformat(),
    "status": str(e.get("STATUS", "")),
    "summary": str(e.get("SUMMARY", "")),
    "location": str(e.get("LOCATION", "")),
} for e in cal.walk("VEVENT")]
print(json.dumps({"name": str(cal.get("X-WR-CALNAME", "")), "method": str(cal.get("METHOD", "")),
                  "events": events}))
"#;
    let mut child = Command::new(python)
        .args(["-c", script])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("python starts");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(ics.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "icalendar refused the feed: {}\n{ics}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn instant(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

/// The event of a session in a parsed feed.
fn event(feed: &Value, session: i64) -> Value {
    feed["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| {
            e["uid"]
                .as_str()
                .unwrap()
                .starts_with(&format!("session-{session}@"))
        })
        .unwrap_or_else(|| panic!("session {session} in {feed}"))
        .clone()
}

/// The feed's text; it must answer 200 as text/calendar.
async fn fetch(app: &TestApp, url: &str) -> String {
    let response = app.client.get(url).send().await.unwrap();
    assert_eq!(response.status(), 200, "{url}");
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .map(|v| v.to_str().unwrap().to_string())
            .unwrap_or_default()
    };
    assert_eq!(header("content-type"), "text/calendar; charset=utf-8");
    assert!(header("cache-control").starts_with("private"));
    assert!(response.headers().get("set-cookie").is_none());
    response.text().await.unwrap()
}

async fn status_of(app: &TestApp, url: &str) -> u16 {
    app.client.get(url).send().await.unwrap().status().as_u16()
}

/// A server function's JSON answer, called as the hydrated page does.
async fn call(app: &TestApp, path: &str, cookie: &str, form: &[(&str, &str)]) -> (u16, Value) {
    let response = app.call_fn(path, Some(cookie), form).await;
    let status = response.status().as_u16();
    let text = response.text().await.unwrap();
    (
        status,
        serde_json::from_str(&text).unwrap_or(Value::String(text)),
    )
}

/// A participant's session cookie, through a real sign-in link.
async fn participant_cookie(app: &TestApp, participant: i64) -> String {
    let now = Utc::now();
    let link = store::participant_access::issue_link_token(&app.pool, participant, now)
        .await
        .unwrap();
    let secret = store::participant_access::redeem_link(&app.pool, &link, now)
        .await
        .unwrap();
    format!("samling_participant={secret}")
}

/// (id, start, end) of the sessions the participant's feed should list.
async fn sessions_of_participant(
    app: &TestApp,
    p: i64,
) -> Vec<(i64, DateTime<Utc>, DateTime<Utc>)> {
    store::sql::query_as(
        "SELECT s.id, s.starts_at, s.ends_at FROM sessions s JOIN enrolments e ON e.course_id = s.course_id
         WHERE e.participant_id = $1 AND e.status = 'enrolled' ORDER BY s.starts_at",
    )
    .bind(p)
    .fetch_all(&app.pool)
    .await
    .unwrap()
}

struct Demo {
    app: TestApp,
    participant: i64,
    course: i64,
    full_name: String,
}

async fn demo() -> Demo {
    let app = TestApp::spawn().await;
    app.load_demo().await;
    let course = store::courses::id_by_title(&app.pool, samling::demo::DEMO_COURSE_TITLE)
        .await
        .unwrap()
        .unwrap();
    let (participant, first, last): (i64, String, String) = store::sql::query_as(
        "SELECT p.id, p.first_name, p.last_name FROM participants p JOIN enrolments e ON e.participant_id = p.id
         WHERE e.course_id = $1 AND e.status = 'enrolled' ORDER BY p.id LIMIT 1",
    )
    .bind(course)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    Demo {
        app,
        participant,
        course,
        full_name: format!("{first} {last}"),
    }
}

#[tokio::test]
async fn a_participants_feed_follows_moves_and_cancellations_until_it_is_revoked() {
    let Demo {
        app,
        participant,
        full_name,
        ..
    } = demo().await;
    let cookie = participant_cookie(&app, participant).await;
    let (status, url) = call(&app, "/api/calendar/own/make", &cookie, &[]).await;
    assert_eq!(status, 200, "{url}");
    let url = url.as_str().unwrap().to_string();
    assert!(url.starts_with(&format!("{}/calendar/", app.base)), "{url}");
    let token = url.rsplit('/').next().unwrap().trim_end_matches(".ics");
    assert!(token.len() >= 32, "at least 128 bits: {token}");
    let stored: i64 =
        store::sql::query_scalar("SELECT COUNT(*) FROM calendar_feeds WHERE token_hash = $1")
            .bind(token)
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(stored, 0, "only the token's hash is kept");

    // Before any change: one event per session, at its times, sequence 0.
    let text = fetch(&app, &url).await;
    assert!(!text.contains(&full_name), "no participant's name: {text}");
    let before = parsed(&text);
    assert_eq!(before["method"], "PUBLISH");
    let sessions = sessions_of_participant(&app, participant).await;
    assert!(sessions.len() >= 8, "{sessions:?}");
    assert_eq!(before["events"].as_array().unwrap().len(), sessions.len());
    for (id, start, end) in &sessions {
        let e = event(&before, *id);
        assert_eq!(instant(e["start"].as_str().unwrap()), *start, "{e}");
        assert_eq!(instant(e["end"].as_str().unwrap()), *end, "{e}");
        assert_eq!(
            (e["sequence"].as_i64(), e["status"].as_str()),
            (Some(0), Some("CONFIRMED"))
        );
    }

    // A moved session keeps its UID, with a higher sequence and its new times.
    let (moved, start, end) = sessions[sessions.len() - 1];
    let new_start = start + Duration::days(1);
    let (status, answer) = app
        .patch(
            &app.admin,
            &format!("/api/v1/sessions/{moved}"),
            json!({"starts_at": new_start.to_rfc3339()}),
        )
        .await;
    assert_eq!(status, 200, "{answer}");
    let after_move = parsed(&fetch(&app, &url).await);
    let e = event(&after_move, moved);
    assert_eq!(e["uid"], event(&before, moved)["uid"]);
    assert_eq!(e["sequence"], 1);
    assert_eq!(instant(e["start"].as_str().unwrap()), new_start);
    assert_eq!(instant(e["end"].as_str().unwrap()), end + Duration::days(1));
    assert_eq!(
        event(&after_move, sessions[0].0)["sequence"],
        0,
        "the others are untouched"
    );

    // A cancelled session stays in the feed, cancelled.
    let (status, _) = app
        .patch(
            &app.admin,
            &format!("/api/v1/sessions/{moved}"),
            json!({"status": "cancelled"}),
        )
        .await;
    assert_eq!(status, 200);
    let after_cancel = parsed(&fetch(&app, &url).await);
    assert_eq!(
        after_cancel["events"].as_array().unwrap().len(),
        sessions.len()
    );
    let e = event(&after_cancel, moved);
    assert_eq!(
        (e["status"].as_str(), e["sequence"].as_i64()),
        (Some("CANCELLED"), Some(2))
    );

    // Staff see that the participant has a feed and revoke it: it answers 404 at once.
    let admin = staff_session(&app.client, &app.base, "admin@test.no").await;
    let pid = participant.to_string();
    let (status, section) = call(
        &app,
        "/api/calendar/staff",
        &admin,
        &[("kind", "participant"), ("id", &pid)],
    )
    .await;
    assert_eq!(status, 200, "{section}");
    let feeds = section["feeds"].as_array().unwrap();
    assert_eq!(feeds.len(), 1, "{section}");
    let feed_id = feeds[0]["id"].as_i64().unwrap().to_string();
    let (status, _) = call(
        &app,
        "/api/calendar/staff/revoke",
        &admin,
        &[("id", &feed_id)],
    )
    .await;
    assert_eq!(status, 200);
    let revoked = app.client.get(&url).send().await.unwrap();
    assert_eq!(revoked.status(), 404);
    assert!(revoked.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/plain"));
    let unknown = format!("{}/calendar/{}.ics", app.base, "0".repeat(64));
    assert_eq!(status_of(&app, &unknown).await, 404);
    assert_eq!(
        status_of(&app, &format!("{}/calendar/{token}", app.base)).await,
        404
    );

    // The revocation is in the access log (a change to the participant) and the audit log.
    let logged: i64 = store::sql::query_scalar(
        "SELECT COUNT(*) FROM access_log WHERE participant_id = $1 AND action = 'change' AND what = 'calendar feed'",
    )
    .bind(participant)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(logged, 1);
    let (status, audit) = app
        .get(&app.admin, "/api/v1/audit?entity=calendar_feed")
        .await;
    assert_eq!(
        (status, audit.as_array().map(Vec::len)),
        (200, Some(1)),
        "{audit}"
    );
}

#[tokio::test]
async fn a_new_link_stops_the_old_one_and_a_plain_form_shows_it_once() {
    let Demo {
        app, participant, ..
    } = demo().await;
    let cookie = participant_cookie(&app, participant).await;
    let (_, first) = call(&app, "/api/calendar/own/make", &cookie, &[]).await;
    let first = first.as_str().unwrap().to_string();
    assert_eq!(status_of(&app, &first).await, 200);

    // Before the wasm loads: the form post comes back to /me with the new link to show.
    let response = app
        .client
        .post(app.url("/api/calendar/own/make"))
        .header("accept", "text/html")
        .header("referer", app.url("/me"))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap();
    assert!(response.status().is_redirection(), "{}", response.status());
    let location = response.headers()["location"].to_str().unwrap().to_string();
    let token = location
        .strip_prefix("/me?calendar=")
        .expect(&location)
        .to_string();
    let second = format!("{}/calendar/{token}.ics", app.base);
    assert_eq!(status_of(&app, &first).await, 404, "the old link stops");
    assert_eq!(status_of(&app, &second).await, 200);
    let page = app.page(&location, Some(&cookie)).await;
    assert!(page.contains(&second), "the page shows the new link");
    assert!(page.contains(&second.replace("http://", "webcal://")));
    // Someone else's token in the address is not shown as theirs.
    let someone_else: i64 =
        store::sql::query_scalar("SELECT MIN(id) FROM participants WHERE id <> $1")
            .bind(participant)
            .fetch_one(&app.pool)
            .await
            .unwrap();
    let other = participant_cookie(&app, someone_else).await;
    assert!(!app.page(&location, Some(&other)).await.contains(&second));

    // The participant turns it off.
    let (status, _) = call(&app, "/api/calendar/own/stop", &cookie, &[]).await;
    assert_eq!(status, 200);
    assert_eq!(status_of(&app, &second).await, 404);
}

#[tokio::test]
async fn course_and_my_sessions_feeds_list_their_sessions_for_those_allowed() {
    let Demo { app, course, .. } = demo().await;
    let course_sessions: Vec<i64> = store::sql::query_scalar(
        "SELECT id FROM sessions WHERE course_id = $1 ORDER BY starts_at, id",
    )
    .bind(course)
    .fetch_all(&app.pool)
    .await
    .unwrap();
    let uids_of = |feed: &Value| -> Vec<i64> {
        feed["events"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                let uid = e["uid"].as_str().unwrap();
                uid["session-".len()..uid.find('@').unwrap()]
                    .parse()
                    .unwrap()
            })
            .collect()
    };

    // A course feed, made by an admin: the course's sessions under its public name.
    let admin = staff_session(&app.client, &app.base, "admin@test.no").await;
    let id = course.to_string();
    let (status, url) = call(
        &app,
        "/api/calendar/staff/make",
        &admin,
        &[("kind", "course"), ("id", &id)],
    )
    .await;
    assert_eq!(status, 200, "{url}");
    let feed = parsed(&fetch(&app, url.as_str().unwrap()).await);
    assert_eq!(uids_of(&feed), course_sessions);
    let public_name: String =
        store::sql::query_scalar("SELECT public_name FROM courses WHERE id = $1")
            .bind(course)
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(feed["name"], public_name.as_str());
    assert!(feed["events"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["summary"] == public_name.as_str()));

    // A leader of the course gets "my sessions": the sessions of the courses they lead.
    app.user("leder@test.no", Role::Leader, None).await;
    let leader_id = app.user_id("leder@test.no").await;
    let (status, answer) = app
        .patch(
            &app.admin,
            &format!("/api/v1/courses/{course}"),
            json!({"leader_ids": [leader_id]}),
        )
        .await;
    assert_eq!(status, 200, "{answer}");
    let leader = staff_session(&app.client, &app.base, "leder@test.no").await;
    let (status, mine) = call(
        &app,
        "/api/calendar/staff/make",
        &leader,
        &[("kind", "leader"), ("id", "0")],
    )
    .await;
    assert_eq!(status, 200, "{mine}");
    let mine = mine.as_str().unwrap().to_string();
    assert_eq!(uids_of(&parsed(&fetch(&app, &mine).await)), course_sessions);

    // Renaming the course raises every session's sequence (the summary changed).
    let (status, _) = app
        .patch(
            &app.admin,
            &format!("/api/v1/courses/{course}"),
            json!({"public_name": "Nytt navn"}),
        )
        .await;
    assert_eq!(status, 200);
    let renamed = parsed(&fetch(&app, &mine).await);
    assert!(renamed["events"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["sequence"] == 1 && e["summary"] == "Nytt navn"));

    // A counsellor may neither make a course's feed nor one of "my sessions".
    app.user(
        "radgiver@test.no",
        Role::Counsellor,
        Some(samling::demo::DEMO_SCHOOL),
    )
    .await;
    let counsellor = staff_session(&app.client, &app.base, "radgiver@test.no").await;
    for kind in ["course", "leader"] {
        let (status, _) = call(
            &app,
            "/api/calendar/staff/make",
            &counsellor,
            &[("kind", kind), ("id", &id)],
        )
        .await;
        assert_eq!(status, 403, "{kind}");
    }
    // The leader's link stops working when the account is disabled.
    let (status, answer) = app
        .patch(
            &app.admin,
            &format!("/api/v1/users/{leader_id}"),
            json!({"active": false}),
        )
        .await;
    assert_eq!(status, 200, "{answer}");
    assert_eq!(status_of(&app, &mine).await, 404);
}
