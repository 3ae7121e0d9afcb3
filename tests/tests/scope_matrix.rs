//! Scope as a matrix: every REST operation, and every server function behind the pages, tried
//! as a leader of another course, a counsellor of another school and a participant against
//! Zelda, a pupil outside all three's scope. None of her data may appear in any answer and
//! nothing may change; the admin, trying the same reads, sees her (so the probes can fail).

use chrono::{Datelike, Duration, Utc};
use domain::people::Role;
use samling_tests::TestApp;
use serde_json::{json, Value};

/// What of Zelda's must never reach someone outside her scope.
const HERS: &[&str] = &[
    "Zelda",
    "Hemmeligsen",
    "91234567",
    "zelda@hemmelig",
    "Zeldas hemmelige logg",
    "Zeldas mål",
];

struct World {
    app: TestApp,
    zelda: i64,
    course: i64,
    session: i64,
    entry: i64,
    goal: i64,
    measure: i64,
    leader: String,
    other_leader: String,
    other_counsellor: String,
    participant_cookie: String,
}

async fn ok(app: &TestApp, token: &str, method: &str, path: &str, body: Value) -> Value {
    let (status, answer) = match method {
        "POST" => app.post(token, path, body).await,
        "PUT" => app.put(token, path, body).await,
        _ => app.get(token, path).await,
    };
    assert!(
        (200..300).contains(&status),
        "{method} {path}: {status} {answer}"
    );
    answer
}

async fn world() -> World {
    let app = TestApp::spawn().await;
    app.load_demo().await;
    let leader = app.user("leder1@test.no", Role::Leader, None).await;
    let other_leader = app.user("leder2@test.no", Role::Leader, None).await;
    let counsellor = app
        .user(
            "radgiver.sor@test.no",
            Role::Counsellor,
            Some("Sørby skole"),
        )
        .await;
    let other_counsellor = app
        .user(
            "radgiver.nord@test.no",
            Role::Counsellor,
            Some("Nordby skole"),
        )
        .await;
    let programme = app.programme_id("Ny retning").await;
    // Zelda's course started two weeks ago: it has held sessions.
    let start = (Utc::now() - Duration::days(14)).date_naive();
    let day = start.weekday().to_string().to_lowercase();
    let course_input = |title: &str| {
        json!({
            "programme_id": programme, "title": title, "public_name": "Ny retning",
            "location": "Ungdomshuset", "start_date": start.to_string(), "weekdays": [day],
            "start_time": "12:00", "end_time": "14:00"
        })
    };
    let course = ok(
        &app,
        &leader,
        "POST",
        "/api/v1/courses",
        course_input("Nordlyskurset"),
    )
    .await;
    let course = course["id"].as_i64().unwrap();
    let other_course = ok(
        &app,
        &other_leader,
        "POST",
        "/api/v1/courses",
        course_input("Et annet kurs"),
    )
    .await["id"]
        .as_i64()
        .unwrap();
    let pupil = |first: &str, last: &str, phone: &str, email: &str| {
        json!({
            "first_name": first, "last_name": last, "birth_date": "2004-03-03", "phone": phone,
            "email": email, "language": "nb", "preferred_channel": "sms"
        })
    };
    let zelda = ok(
        &app,
        &counsellor,
        "POST",
        "/api/v1/participants",
        pupil("Zelda", "Hemmeligsen", "+4791234567", "zelda@hemmelig.no"),
    )
    .await["id"]
        .as_i64()
        .unwrap();
    let ylva = ok(
        &app,
        &counsellor,
        "POST",
        "/api/v1/participants",
        pupil("Ylva", "Nabo", "+4791234568", "ylva@nabo.no"),
    )
    .await["id"]
        .as_i64()
        .unwrap();
    // Xander is Zelda's buddy; Ylva takes part in another course.
    let xander = ok(
        &app,
        &counsellor,
        "POST",
        "/api/v1/participants",
        pupil("Xander", "Kompis", "+4791234569", "xander@kompis.no"),
    )
    .await["id"]
        .as_i64()
        .unwrap();
    for (p, c) in [(zelda, course), (xander, course), (ylva, other_course)] {
        ok(
            &app,
            &counsellor,
            "POST",
            &format!("/api/v1/courses/{c}/enrolments"),
            json!({"participant_id": p}),
        )
        .await;
    }
    let sessions = ok(
        &app,
        &leader,
        "GET",
        &format!("/api/v1/courses/{course}/sessions"),
        json!(null),
    )
    .await;
    let session = sessions[0]["id"].as_i64().unwrap();
    ok(
        &app,
        &leader,
        "PUT",
        &format!("/api/v1/sessions/{session}/attendance/{zelda}"),
        json!({"status": "absent", "note": "Zelda var syk"}),
    )
    .await;
    let entry = ok(
        &app,
        &leader,
        "POST",
        &format!("/api/v1/participants/{zelda}/logbook"),
        json!({"text": "Zeldas hemmelige logg", "with_permission": true}),
    )
    .await["id"]
        .as_i64()
        .unwrap();
    let goal = ok(
        &app,
        &leader,
        "POST",
        &format!("/api/v1/participants/{zelda}/goals"),
        json!({"title": "Zeldas mål", "measures": [{"text": "Zeldas mål: søke jobb"}]}),
    )
    .await;
    let measure = goal["measures"][0]["id"].as_i64().unwrap();
    let goal = goal["id"].as_i64().unwrap();
    ok(
        &app,
        &leader,
        "POST",
        &format!("/api/v1/courses/{course}/pairs/generate"),
        json!({}),
    )
    .await;
    // Ylva signs in on her own page: a participant, in another course than Zelda's.
    let token = store::participant_access::issue_link_token(&app.pool, ylva, Utc::now())
        .await
        .unwrap();
    let signed_in = app
        .client
        .post(app.url("/api/p/sign_in"))
        .header("accept", "application/json")
        .form(&[("token", token.as_str())])
        .send()
        .await
        .unwrap();
    let participant_cookie = signed_in
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("samling_participant="))
        .expect("Ylva is signed in")
        .split(';')
        .next()
        .unwrap()
        .to_string();
    World {
        app,
        zelda,
        course,
        session,
        entry,
        goal,
        measure,
        leader,
        other_leader,
        other_counsellor,
        participant_cookie,
    }
}

/// Every REST operation: method, path and body, with {z} for Zelda, {c} her course, {s} its
/// first (held) session, {e} her logbook entry, {g} her goal and {m} its measure.
const OPERATIONS: &[(&str, &str, &str)] = &[
    ("GET", "/participants", ""),
    ("GET", "/participants?q=Zelda", ""),
    ("GET", "/participants/{z}", ""),
    (
        "PUT",
        "/participants/{z}",
        r#"{"first_name": "Endret", "last_name": "Navn", "birth_date": "2004-03-03", "phone": "+4799999999", "language": "nb", "preferred_channel": "sms"}"#,
    ),
    ("GET", "/participants/{z}/enrolments", ""),
    ("GET", "/participants/{z}/attendance", ""),
    ("GET", "/participants/{z}/access-log", ""),
    ("GET", "/participants/{z}/logbook", ""),
    (
        "POST",
        "/participants/{z}/logbook",
        r#"{"text": "Inntrenger", "with_permission": true}"#,
    ),
    (
        "PUT",
        "/participants/{z}/logbook/{e}",
        r#"{"text": "Endret logg"}"#,
    ),
    ("GET", "/participants/{z}/goals", ""),
    (
        "POST",
        "/participants/{z}/goals",
        r#"{"title": "Inntrenger"}"#,
    ),
    ("PATCH", "/goals/{g}", r#"{"status": "done"}"#),
    ("PATCH", "/measures/{m}", r#"{"status": "done"}"#),
    ("GET", "/participants/{z}/category-history", ""),
    ("GET", "/participants/{z}/consents", ""),
    (
        "POST",
        "/participants/{z}/consents",
        r#"{"decision": "given", "given_by": "X", "relation": "mother", "method": "paper", "sms": true, "email": true}"#,
    ),
    ("POST", "/participants/{z}/consent-request", "{}"),
    (
        "POST",
        "/participants/{z}/sms-opt-in",
        r#"{"reason": "asked"}"#,
    ),
    ("POST", "/participants/{z}/sign-in-link", "{}"),
    ("GET", "/courses/{c}", ""),
    ("GET", "/courses/{c}/sessions", ""),
    ("GET", "/courses/{c}/enrolments", ""),
    (
        "POST",
        "/courses/{c}/enrolments",
        r#"{"participant_id": {z}}"#,
    ),
    (
        "DELETE",
        "/courses/{c}/enrolments/{z}",
        r#"{"reason": "ut"}"#,
    ),
    ("GET", "/courses/{c}/attendance", ""),
    ("GET", "/sessions/{s}", ""),
    ("PATCH", "/sessions/{s}", r#"{"status": "cancelled"}"#),
    ("GET", "/sessions/{s}/attendance", ""),
    (
        "PUT",
        "/sessions/{s}/attendance/{z}",
        r#"{"status": "present"}"#,
    ),
    ("POST", "/sessions/{s}/attendance/mark-rest-present", "{}"),
    ("GET", "/courses/{c}/pairs", ""),
    ("PUT", "/courses/{c}/pairs", r#"{"groups": [[{z}]]}"#),
    ("POST", "/courses/{c}/pairs/generate", "{}"),
    ("GET", "/courses/{c}/pairs/history", ""),
    ("GET", "/follow-ups", ""),
    (
        "POST",
        "/follow-ups",
        r#"{"participant_id": {z}, "session_id": {s}, "note": "ringte"}"#,
    ),
    ("GET", "/messages", ""),
    ("GET", "/messages?participant_id={z}", ""),
    ("GET", "/courses/{c}/reminder-rules", ""),
    ("PUT", "/courses/{c}/reminder-rules", r#"{"rules": []}"#),
];

fn operations(w: &World) -> Vec<(&'static str, String, Value)> {
    let fill = |t: &str| {
        t.replace("{z}", &w.zelda.to_string())
            .replace("{c}", &w.course.to_string())
            .replace("{s}", &w.session.to_string())
            .replace("{e}", &w.entry.to_string())
            .replace("{g}", &w.goal.to_string())
            .replace("{m}", &w.measure.to_string())
    };
    OPERATIONS
        .iter()
        .map(|(method, path, body)| {
            let body = if body.is_empty() {
                Value::Null
            } else {
                serde_json::from_str(&fill(body)).expect("a JSON body")
            };
            (*method, format!("/api/v1{}", fill(path)), body)
        })
        .collect()
}

async fn call(
    w: &World,
    token: Option<&str>,
    method: &str,
    path: &str,
    body: &Value,
) -> (u16, String) {
    let url = w.app.url(path);
    let mut req = match method {
        "POST" => w.app.client.post(url).json(body),
        "PUT" => w.app.client.put(url).json(body),
        "PATCH" => w.app.client.patch(url).json(body),
        "DELETE" => w.app.client.delete(url).json(body),
        _ => w.app.client.get(url),
    };
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    let r = req.send().await.unwrap();
    (r.status().as_u16(), r.text().await.unwrap())
}

/// Zelda's record and everything around her, as the admin reads it: must not change.
async fn fingerprint(w: &World) -> Vec<Value> {
    let (z, c, s) = (w.zelda, w.course, w.session);
    let mut all = Vec::new();
    for path in [
        format!("/api/v1/participants/{z}"),
        format!("/api/v1/participants/{z}/enrolments"),
        format!("/api/v1/participants/{z}/attendance"),
        format!("/api/v1/participants/{z}/logbook"),
        format!("/api/v1/participants/{z}/goals"),
        format!("/api/v1/participants/{z}/consents"),
        format!("/api/v1/courses/{c}"),
        format!("/api/v1/courses/{c}/sessions"),
        format!("/api/v1/courses/{c}/enrolments"),
        format!("/api/v1/courses/{c}/pairs/history"),
        format!("/api/v1/courses/{c}/reminder-rules"),
        format!("/api/v1/sessions/{s}/attendance"),
        "/api/v1/follow-ups".to_string(),
        format!("/api/v1/messages?participant_id={z}"),
    ] {
        let (status, v) = w.app.get(&w.app.admin, &path).await;
        assert_eq!(status, 200, "{path}: {v}");
        all.push(v);
    }
    all
}

fn leaked(answer: &str) -> Option<&'static str> {
    HERS.iter().copied().find(|m| answer.contains(m))
}

/// The page's server functions, read from the app's sources: (endpoint, argument names).
fn server_functions() -> Vec<(String, Vec<String>)> {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../app/src");
    let mut files = vec![std::path::PathBuf::from(root)];
    let mut found = Vec::new();
    while let Some(path) = files.pop() {
        if path.is_dir() {
            files.extend(std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        for part in text.split("#[server(endpoint = \"").skip(1) {
            let endpoint = part[..part.find('"').unwrap()].to_string();
            let signature = &part[part.find("fn ").unwrap()..];
            let args =
                &signature[signature.find('(').unwrap() + 1..signature.find(") ->").unwrap()];
            let names = args
                .split(',')
                .filter_map(|a| a.split(':').next())
                .map(|n| n.trim().to_string())
                .filter(|n| !n.is_empty())
                .collect();
            found.push((endpoint, names));
        }
    }
    found.sort();
    found
}

async fn staff_cookie(w: &World, email: &str) -> String {
    samling_tests::staff_session(&w.app.client, &w.app.base, email).await
}

#[tokio::test]
async fn nobody_outside_zeldas_scope_reads_or_changes_anything_of_hers() {
    let w = world().await;
    let before = fingerprint(&w).await;

    // The admin's reads find her: the markers are real.
    let mut admin_saw = 0;
    for (method, path, body) in operations(&w) {
        if method == "GET" {
            let (_, answer) = call(&w, Some(&w.app.admin), method, &path, &body).await;
            admin_saw += usize::from(leaked(&answer).is_some());
        }
    }
    assert!(admin_saw >= 10, "the admin sees Zelda in {admin_saw} reads");
    let (_, leader_view) = call(
        &w,
        Some(&w.leader),
        "GET",
        &format!("/api/v1/courses/{}/pairs", w.course),
        &json!(null),
    )
    .await;
    assert!(
        leaked(&leader_view).is_some(),
        "her own leader sees her buddy pair"
    );

    // REST: another course's leader, another school's counsellor, and a participant (who
    // has no API token at all).
    let outsiders = [
        ("a leader of another course", Some(w.other_leader.clone())),
        (
            "a counsellor of another school",
            Some(w.other_counsellor.clone()),
        ),
        ("a participant", None),
    ];
    for (who, token) in &outsiders {
        for (method, path, body) in operations(&w) {
            let (status, answer) = call(&w, token.as_deref(), method, &path, &body).await;
            assert!(
                status < 500,
                "{who}: {method} {path} failed: {status} {answer}"
            );
            if let Some(marker) = leaked(&answer) {
                panic!("{who}: {method} {path} answered {status} with \"{marker}\": {answer}");
            }
        }
        assert_eq!(
            fingerprint(&w).await,
            before,
            "{who} changed something of Zelda's"
        );
    }

    // The server functions behind the pages, with every id pointing at Zelda's.
    let ids = |name: &str| -> Option<String> {
        Some(match name {
            "id" | "participant_id" | "participant" => w.zelda.to_string(),
            "course_id" | "course" => w.course.to_string(),
            "session_id" | "session" => w.session.to_string(),
            "entry_id" => w.entry.to_string(),
            "goal_id" => w.goal.to_string(),
            "measure_id" => w.measure.to_string(),
            "status" => "present".into(),
            "text" | "note" | "reason" | "q" | "query" => "Inntrenger".into(),
            _ => return None,
        })
    };
    let functions = server_functions();
    assert!(
        functions.len() >= 40,
        "{} server functions found",
        functions.len()
    );
    let cookies = [
        (
            "a leader of another course",
            staff_cookie(&w, "leder2@test.no").await,
        ),
        (
            "a counsellor of another school",
            staff_cookie(&w, "radgiver.nord@test.no").await,
        ),
        ("a participant", w.participant_cookie.clone()),
    ];
    for (who, cookie) in &cookies {
        for (endpoint, args) in &functions {
            let form: Vec<(String, String)> = args
                .iter()
                .filter_map(|a| ids(a).map(|v| (a.clone(), v)))
                .collect();
            let r = w
                .app
                .client
                .post(w.app.url(&format!("/api/{endpoint}")))
                .header("accept", "application/json")
                .header("cookie", cookie)
                .form(&form)
                .send()
                .await
                .unwrap();
            let status = r.status().as_u16();
            let answer = r.text().await.unwrap();
            // A server function answers a refusal with its error ("Forbidden", …); only a
            // failure on our side ("Internal") would hide what happened.
            assert!(
                status < 500 || !answer.contains("Internal"),
                "{who}: /api/{endpoint} failed: {status} {answer}"
            );
            if let Some(marker) = leaked(&answer) {
                panic!("{who}: /api/{endpoint} answered {status} with \"{marker}\": {answer}");
            }
        }
        assert_eq!(
            fingerprint(&w).await,
            before,
            "{who} changed something of Zelda's through a page"
        );
    }
}
