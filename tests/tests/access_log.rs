//! The access log, route by route: every page and API answer that shows participants writes
//! one read per participant shown, and one view is one entry per participant however many
//! queries it makes. Each route is viewed by a staff member of its own, so that views of
//! different routes do not coalesce with each other.

use domain::people::Role;
use samling_tests::{staff_session, TestApp};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// A staff member viewing one route: the page with the cookie, the API with the token.
struct Viewer {
    id: i64,
    token: String,
    cookie: String,
}

async fn viewer(app: &TestApp, name: &str) -> Viewer {
    let email = format!("{name}@samling.test");
    let token = app.user(&email, Role::Admin, None).await;
    Viewer {
        id: app.user_id(&email).await,
        token,
        cookie: staff_session(&app.client, &app.base, &email).await,
    }
}

/// (participant, action, via, what) written for this viewer, oldest first.
async fn entries_of(app: &TestApp, v: &Viewer) -> Vec<(i64, String, String, String)> {
    store::sql::query_as(
        "SELECT participant_id, action, via, what FROM access_log WHERE user_id = $1 ORDER BY id",
    )
    .bind(v.id)
    .fetch_all(&app.pool)
    .await
    .unwrap()
}

/// Views the path (`/api/...` with the token, else the page with the cookie) and returns the
/// entries it wrote, per participant.
async fn view(app: &TestApp, v: &Viewer, path: &str) -> BTreeMap<i64, Vec<(String, String)>> {
    let before = entries_of(app, v).await.len();
    if let Some(api) = path.strip_prefix("/api/v1") {
        let _ = api;
        let (status, body) = app.get(&v.token, path).await;
        assert_eq!(status, 200, "{path}: {body}");
    } else {
        app.page(path, Some(&v.cookie)).await;
    }
    let mut by_participant: BTreeMap<i64, Vec<(String, String)>> = BTreeMap::new();
    for (p, action, via, what) in entries_of(app, v).await.into_iter().skip(before) {
        assert_eq!(action, "read", "{path}: {what}");
        by_participant.entry(p).or_default().push((via, what));
    }
    by_participant
}

/// One view: each expected participant once, with `what`, and nobody else; a second view
/// straight after (the same page view, as far as the log goes) adds nothing.
async fn check_route(app: &TestApp, name: &str, path: &str, shown: &BTreeSet<i64>, what: &str) {
    assert!(!shown.is_empty(), "{path}: the demo shows somebody here");
    let v = viewer(app, name).await;
    let via = if path.starts_with("/api/") {
        "api"
    } else {
        "page"
    };
    let logged = view(app, &v, path).await;
    assert_eq!(
        logged.keys().copied().collect::<BTreeSet<_>>(),
        *shown,
        "{path}: one entry for each participant shown, and only them"
    );
    for (p, list) in &logged {
        assert_eq!(
            list.len(),
            1,
            "{path}: participant {p} once per view: {list:?}"
        );
        assert_eq!(list[0], (via.to_string(), what.to_string()), "{path}");
    }
    assert!(
        view(app, &v, path).await.is_empty(),
        "{path}: viewed again at once, the same view"
    );
}

fn ids(list: &Value, key: &str) -> BTreeSet<i64> {
    list.as_array()
        .unwrap()
        .iter()
        .filter_map(|row| row[key].as_i64())
        .collect()
}

struct Demo {
    course: i64,
    session: i64,
    enrolled: BTreeSet<i64>,
}

async fn demo(app: &TestApp) -> Demo {
    app.load_demo().await;
    // Texts planned, so the ledger has rows; pairs made, so pages show buddies.
    app.run_worker_at(chrono::Utc::now()).await;
    let course: i64 = store::sql::query_scalar("SELECT id FROM courses ORDER BY id LIMIT 1")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let (status, _) = app
        .post(
            &app.admin,
            &format!("/api/v1/courses/{course}/pairs/generate"),
            serde_json::json!({}),
        )
        .await;
    assert_eq!(status, 201);
    let (_, sessions) = app
        .get(&app.admin, &format!("/api/v1/courses/{course}/sessions"))
        .await;
    let (_, enrolments) = app
        .get(&app.admin, &format!("/api/v1/courses/{course}/enrolments"))
        .await;
    let enrolled = enrolments
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["status"] == "enrolled")
        .map(|e| e["participant_id"].as_i64().unwrap())
        .collect();
    Demo {
        course,
        session: sessions[0]["id"].as_i64().unwrap(),
        enrolled,
    }
}

#[tokio::test]
async fn lists_on_pages_log_each_participant_shown_once() {
    let app = TestApp::spawn().await;
    let d = demo(&app).await;
    let (c, s) = (d.course, d.session);

    let (_, grid) = app
        .get(&app.admin, &format!("/api/v1/courses/{c}/attendance"))
        .await;
    let in_grid = ids(&grid["rows"], "participant_id");
    let (_, enrolments) = app
        .get(&app.admin, &format!("/api/v1/courses/{c}/enrolments"))
        .await;
    let (_, found) = app.get(&app.admin, "/api/v1/participants?q=a").await;
    let (_, ledger) = app.get(&app.admin, "/api/v1/messages").await;

    check_route(
        &app,
        "rollcall",
        &format!("/sessions/{s}"),
        &d.enrolled,
        &format!("roll call, session {s}"),
    )
    .await;
    check_route(
        &app,
        "grid",
        &format!("/courses/{c}/attendance"),
        &in_grid,
        &format!("attendance grid, course {c}"),
    )
    .await;
    check_route(
        &app,
        "search",
        "/participants?q=a",
        &ids(&found, "id"),
        "search results",
    )
    .await;
    check_route(
        &app,
        "ledger",
        "/messages",
        &ids(&ledger, "participant_id"),
        "message ledger",
    )
    .await;
    check_route(
        &app,
        "report",
        &format!("/courses/{c}/report"),
        &in_grid,
        "course report",
    )
    .await;

    // The course page: its enrolment list first, then everyone else it offers to enrol.
    let v = viewer(&app, "course").await;
    let logged = view(&app, &v, &format!("/courses/{c}")).await;
    let listed = ids(&enrolments, "participant_id");
    let everyone: BTreeSet<i64> =
        store::sql::query_scalar::<i64>("SELECT id FROM participants WHERE erased_at IS NULL")
            .fetch_all(&app.pool)
            .await
            .unwrap()
            .into_iter()
            .collect();
    assert_eq!(logged.keys().copied().collect::<BTreeSet<_>>(), everyone);
    for (p, list) in &logged {
        let what = if listed.contains(p) {
            format!("enrolment list, course {c}")
        } else {
            "enrolment choices".to_string()
        };
        assert_eq!(list, &vec![("page".to_string(), what)], "participant {p}");
    }
}

#[tokio::test]
async fn lists_in_the_api_log_each_participant_shown_once() {
    let app = TestApp::spawn().await;
    let d = demo(&app).await;
    let (c, s) = (d.course, d.session);
    // The first session has been held; a mark makes its attendance list name somebody.
    let marked = *d.enrolled.iter().next().unwrap();
    let (status, _) = app
        .put(
            &app.admin,
            &format!("/api/v1/sessions/{s}/attendance/{marked}"),
            serde_json::json!({"status": "present"}),
        )
        .await;
    assert_eq!(status, 200);
    let (_, marks) = app
        .get(&app.admin, &format!("/api/v1/sessions/{s}/attendance"))
        .await;
    let (_, grid) = app
        .get(&app.admin, &format!("/api/v1/courses/{c}/attendance"))
        .await;
    let (_, enrolments) = app
        .get(&app.admin, &format!("/api/v1/courses/{c}/enrolments"))
        .await;
    let (_, found) = app.get(&app.admin, "/api/v1/participants?q=a").await;
    let (_, ledger) = app.get(&app.admin, "/api/v1/messages").await;
    let (_, pairs) = app
        .get(&app.admin, &format!("/api/v1/courses/{c}/pairs"))
        .await;
    let paired: BTreeSet<i64> = pairs["groups"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|g| ids(&g["members"], "participant_id"))
        .collect();

    let routes = [
        (
            "marks",
            format!("/api/v1/sessions/{s}/attendance"),
            ids(&marks, "participant_id"),
            format!("attendance marks, session {s}"),
        ),
        (
            "apigrid",
            format!("/api/v1/courses/{c}/attendance"),
            ids(&grid["rows"], "participant_id"),
            format!("attendance grid, course {c}"),
        ),
        (
            "enrolments",
            format!("/api/v1/courses/{c}/enrolments"),
            ids(&enrolments, "participant_id"),
            format!("enrolment list, course {c}"),
        ),
        (
            "apisearch",
            "/api/v1/participants?q=a".to_string(),
            ids(&found, "id"),
            "search results".to_string(),
        ),
        (
            "apiledger",
            "/api/v1/messages".to_string(),
            ids(&ledger, "participant_id"),
            "message ledger".to_string(),
        ),
        (
            "pairs",
            format!("/api/v1/courses/{c}/pairs"),
            paired,
            format!("buddy pairs, course {c}"),
        ),
        (
            "apireport",
            format!("/api/v1/courses/{c}/report"),
            ids(&grid["rows"], "participant_id"),
            "course report".to_string(),
        ),
    ];
    for (name, path, shown, what) in &routes {
        check_route(&app, name, path, shown, what).await;
    }
}

#[tokio::test]
async fn a_participant_page_is_one_entry_and_its_buddy_another() {
    let app = TestApp::spawn().await;
    let d = demo(&app).await;
    let p = *d.enrolled.iter().next().unwrap();
    let (_, pairs) = app
        .get(&app.admin, &format!("/api/v1/courses/{}/pairs", d.course))
        .await;
    let buddies: BTreeSet<i64> = pairs["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| ids(&g["members"], "participant_id"))
        .find(|members| members.contains(&p))
        .expect("the participant has a buddy")
        .into_iter()
        .filter(|id| *id != p)
        .collect();

    let v = viewer(&app, "reader").await;
    let logged = view(&app, &v, &format!("/participants/{p}")).await;
    // A dozen sections read the record (details, enrolments, attendance, outcomes, attempts,
    // follow-up, logbook, consent, goals …), side by side: one entry, naming whichever came
    // first.
    assert_eq!(logged[&p].len(), 1, "{:?}", logged[&p]);
    assert_eq!(logged[&p][0].0, "page");
    let mut others = logged.keys().copied().collect::<BTreeSet<_>>();
    others.remove(&p);
    assert_eq!(others, buddies, "only the buddies named on the page");
    assert!(view(&app, &v, &format!("/participants/{p}"))
        .await
        .is_empty());

    // Changes are never coalesced: two marks are two entries.
    for status in ["present", "late"] {
        let (code, _) = app
            .put(
                &v.token,
                &format!("/api/v1/sessions/{}/attendance/{p}", d.session),
                serde_json::json!({ "status": status }),
            )
            .await;
        assert_eq!(code, 200);
    }
    let changes = entries_of(&app, &v)
        .await
        .into_iter()
        .filter(|(id, action, ..)| *id == p && action == "change")
        .count();
    assert_eq!(changes, 2);
}

#[tokio::test]
async fn a_read_after_the_coalescing_window_is_a_new_entry() {
    use store::access_log::{record_at, Access, COALESCE_SECONDS};
    let app = TestApp::spawn().await;
    app.load_demo().await;
    let v = viewer(&app, "window").await;
    let staff = store::auth::staff_by_id(&app.pool, v.id)
        .await
        .unwrap()
        .unwrap();
    let actor = store::Actor::new(staff, store::Via::Page);
    let p: i64 = store::sql::query_scalar("SELECT MIN(id) FROM participants")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let t0 = chrono::Utc::now();
    let at = |s: i64| t0 + chrono::Duration::seconds(s);
    for (second, access) in [
        (0, Access::Read),
        (COALESCE_SECONDS - 1, Access::Read),
        (COALESCE_SECONDS + 1, Access::Read),
        (COALESCE_SECONDS + 2, Access::Export),
        (COALESCE_SECONDS + 2, Access::Export),
    ] {
        record_at(&app.pool, &actor, &[p, p], access, "test", at(second))
            .await
            .unwrap();
    }
    let actions: Vec<String> = entries_of(&app, &v)
        .await
        .into_iter()
        .map(|e| e.1)
        .collect();
    assert_eq!(actions, ["read", "read", "export", "export"]);
}
