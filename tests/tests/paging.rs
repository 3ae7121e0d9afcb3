//! Paging: the lists that grow without bound are read in full through their pages (limit,
//! cursor, `Link: <…>; rel="next"`), no row twice and none missed, on SQLite and PostgreSQL;
//! bad limits and cursors are refused naming the field.

use chrono::{DateTime, Duration, SubsecRound, Utc};
use samling_tests::{assert_error, next_link, TestApp};
use serde_json::Value;
use std::collections::BTreeSet;

/// The demo course and the participants enrolled in it.
async fn demo_course(app: &TestApp) -> (i64, Vec<i64>) {
    app.load_demo().await;
    let course: i64 = store::sql::query_scalar("SELECT id FROM courses WHERE title = $1")
        .bind(samling::demo::DEMO_COURSE_TITLE)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let enrolled: Vec<i64> = store::sql::query_scalar(
        "SELECT participant_id FROM enrolments WHERE course_id = $1 AND status = 'enrolled' ORDER BY participant_id",
    )
    .bind(course)
    .fetch_all(&app.pool)
    .await
    .unwrap();
    (course, enrolled)
}

/// Writes `count` sent texts of the course straight into the outbox (planning that many would
/// take a course of years). Three at a time share a due time, so the order's tie-break on the
/// id is exercised, and every other due time has a fraction of a second.
async fn fill_ledger(app: &TestApp, course: i64, participants: &[i64], count: usize) {
    let base: DateTime<Utc> = Utc::now().trunc_subsecs(0) - Duration::days(400);
    for i in 0..count {
        let due = base + Duration::milliseconds(61_500 * (i / 3) as i64);
        let participant = participants[i % participants.len()];
        store::sql::query(
            "INSERT INTO outbox (dedupe_key, kind, channel, participant_id, course_id, rule_key,
                 nominal_due_at, due_at, state, recipient, body, attempts, sent_at, created_at, updated_at)
             VALUES ($1, 'session_reminder', 'sms', $2, $3, 'paging-test', $4, $4, 'sent',
                 '+4791234567', 'Påminnelse', 1, $4, $4, $4)",
        )
        .bind(format!("paging-test:{i}"))
        .bind(participant)
        .bind(course)
        .bind(due)
        .execute(&app.pool)
        .await
        .unwrap();
    }
}

/// The ids of the course's messages, as the database has them.
async fn ledger_ids(app: &TestApp, course: i64) -> BTreeSet<i64> {
    store::sql::query_scalar("SELECT id FROM outbox WHERE course_id = $1")
        .bind(course)
        .fetch_all(&app.pool)
        .await
        .unwrap()
        .into_iter()
        .collect()
}

/// Reads a list page by page following `X-Next-Cursor` (the Link header's twin): each page's
/// rows, and how many pages there were.
async fn pages_by_cursor(app: &TestApp, path: &str) -> (Vec<Value>, usize) {
    let (mut rows, mut pages, mut cursor) = (Vec::new(), 0, None::<String>);
    loop {
        let url = match &cursor {
            Some(c) => format!("{path}&cursor={c}"),
            None => path.to_string(),
        };
        let response = app.get_raw(&app.admin, &url).await;
        assert_eq!(response.status(), 200, "{url}");
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .map(|v| v.to_str().unwrap().to_string())
        };
        let next = header("x-next-cursor");
        assert_eq!(
            next.is_some(),
            next_link(response.headers()).is_some(),
            "the Link header and X-Next-Cursor come together"
        );
        let page: Value = response.json().await.unwrap();
        rows.extend(page.as_array().unwrap().clone());
        pages += 1;
        match next {
            Some(c) => cursor = Some(c),
            None => return (rows, pages),
        }
    }
}

fn ids(rows: &[Value]) -> Vec<i64> {
    rows.iter().map(|r| r["id"].as_i64().unwrap()).collect()
}

#[tokio::test]
async fn a_course_ledger_of_over_a_thousand_messages_is_read_in_full_through_its_pages() {
    let app = TestApp::spawn().await;
    let (course, enrolled) = demo_course(&app).await;
    fill_ledger(&app, course, &enrolled, 1_234).await;
    let expected = ledger_ids(&app, course).await;
    assert!(expected.len() >= 1_234);

    // Through the Link headers, at the default 100 a page.
    let path = format!("/api/v1/messages?course_id={course}");
    let first = app.get_raw(&app.admin, &path).await;
    let link = next_link(first.headers()).expect("a next page");
    assert!(
        link.starts_with(&format!("/api/v1/messages?course_id={course}&cursor=")),
        "the link keeps the filter: {link}"
    );
    let first: Value = first.json().await.unwrap();
    assert_eq!(first.as_array().unwrap().len(), 100, "100 rows by default");

    let rows = app.all_pages(&app.admin, &path).await;
    let read = ids(&rows);
    let unique: BTreeSet<i64> = read.iter().copied().collect();
    assert_eq!(unique.len(), read.len(), "no message twice");
    assert_eq!(unique, expected, "none missed");
    // Newest first, by due time and then id.
    let keys: Vec<(DateTime<Utc>, i64)> = rows
        .iter()
        .map(|r| {
            let due = DateTime::parse_from_rfc3339(r["due_at"].as_str().unwrap()).unwrap();
            (due.with_timezone(&Utc), r["id"].as_i64().unwrap())
        })
        .collect();
    assert!(keys.windows(2).all(|w| w[0] > w[1]), "in order");

    // The largest pages, through X-Next-Cursor; the last page has no next.
    let (rows, pages) = pages_by_cursor(&app, &format!("{path}&limit=500")).await;
    assert_eq!(ids(&rows), read, "the same rows in the same order");
    assert_eq!(pages, expected.len().div_ceil(500));
}

#[tokio::test]
async fn a_message_that_arrives_while_paging_neither_repeats_nor_hides_a_row() {
    let app = TestApp::spawn().await;
    let (course, enrolled) = demo_course(&app).await;
    fill_ledger(&app, course, &enrolled, 300).await;
    let path = format!("/api/v1/messages?course_id={course}&limit=120");
    let first = app.get_raw(&app.admin, &path).await;
    let next = next_link(first.headers()).unwrap();
    let mut rows: Vec<Value> = first
        .json::<Value>()
        .await
        .unwrap()
        .as_array()
        .unwrap()
        .clone();
    let before = ledger_ids(&app, course).await;
    // A newer message lands ahead of the first page: the pages after the cursor are unmoved.
    fill_ledger_one_newer(&app, course, enrolled[0]).await;
    rows.extend(app.all_pages(&app.admin, &next).await);
    let read = ids(&rows);
    let unique: BTreeSet<i64> = read.iter().copied().collect();
    assert_eq!(unique.len(), read.len(), "no message twice");
    assert_eq!(
        unique, before,
        "every message that was there when paging began"
    );
}

async fn fill_ledger_one_newer(app: &TestApp, course: i64, participant: i64) {
    store::sql::query(
        "INSERT INTO outbox (dedupe_key, kind, channel, participant_id, course_id, rule_key,
             nominal_due_at, due_at, state, attempts, created_at, updated_at)
         VALUES ('paging-test:newer', 'session_reminder', 'sms', $1, $2, 'paging-test',
             $3, $3, 'planned', 0, $3, $3)",
    )
    .bind(participant)
    .bind(course)
    .bind(Utc::now() + Duration::days(3650))
    .execute(&app.pool)
    .await
    .unwrap();
}

#[tokio::test]
async fn bad_limits_and_cursors_are_refused_naming_the_field() {
    let app = TestApp::spawn().await;
    for limit in ["0", "501", "-1", "ten", "", "2.5"] {
        for list in [
            "/api/v1/messages",
            "/api/v1/participants",
            "/api/v1/courses",
            "/api/v1/audit",
            "/api/v1/participants/1/access-log",
        ] {
            assert_error(
                &app.get(&app.admin, &format!("{list}?limit={limit}")).await,
                422,
                "invalid",
                Some("limit"),
            );
        }
    }
    // Made up, or given by another list: a cursor is for the list that gave it.
    for i in 0..3 {
        let body = serde_json::json!({ "name": format!("Skole {i}") });
        assert_eq!(app.post(&app.admin, "/api/v1/schools", body).await.0, 201);
    }
    let audit = app.get_raw(&app.admin, "/api/v1/audit?limit=1").await;
    let cursor = audit.headers()["x-next-cursor"]
        .to_str()
        .unwrap()
        .to_string();
    for cursor in ["nonsense", "bm9uc2Vuc2U", "W10", &cursor] {
        assert_error(
            &app.get(&app.admin, &format!("/api/v1/messages?cursor={cursor}"))
                .await,
            422,
            "invalid",
            Some("cursor"),
        );
    }
}

#[tokio::test]
async fn participant_search_pages_through_names_that_tie_and_differ_only_in_case() {
    let app = TestApp::spawn().await;
    // Three of each name, some differing only in case or in letters SQLite does not lower.
    let names = ["Berg", "berg", "Øvre", "øvre", "Aas", "Dahl", "dahl", "Ås"];
    for i in 0..150 {
        let last = names[i % names.len()];
        let first = ["Jonas", "jonas", "Sara"][i % 3];
        let phone = format!("9{i:07}");
        let body = serde_json::json!({ "first_name": first, "last_name": last, "phone": phone });
        let (status, created) = app.post(&app.admin, "/api/v1/participants", body).await;
        assert_eq!(status, 201, "{created}");
    }
    let expected: BTreeSet<i64> = store::sql::query_scalar::<i64>("SELECT id FROM participants")
        .fetch_all(&app.pool)
        .await
        .unwrap()
        .into_iter()
        .collect();
    let rows = app
        .all_pages(&app.admin, "/api/v1/participants?limit=7")
        .await;
    let read = ids(&rows);
    let unique: BTreeSet<i64> = read.iter().copied().collect();
    assert_eq!(unique.len(), read.len(), "no participant twice");
    assert_eq!(unique, expected, "none missed");
    let one_page = app
        .all_pages(&app.admin, "/api/v1/participants?limit=500")
        .await;
    assert_eq!(
        ids(&one_page),
        read,
        "the order the pages follow is the list's order"
    );
    // A search pages too, keeping its words.
    let bergs = app
        .all_pages(&app.admin, "/api/v1/participants?q=berg&limit=5")
        .await;
    assert_eq!(bergs.len(), 150 / names.len() * 2 + 2);
}

#[tokio::test]
async fn the_access_and_audit_logs_are_read_in_full_through_their_pages() {
    let app = TestApp::spawn().await;
    let admin = app.user_id("admin@test.no").await;
    let at = Utc::now() - Duration::days(1);
    for i in 0..250_i64 {
        store::sql::query(
            "INSERT INTO access_log (at, user_id, participant_id, action, via, what)
             VALUES ($1, $2, 77, 'read', 'api', 'paging test')",
        )
        .bind(at + Duration::seconds(i))
        .bind(admin)
        .execute(&app.pool)
        .await
        .unwrap();
        store::sql::query(
            "INSERT INTO audit_log (at, actor_id, actor_name, entity, entity_id, action, before, after)
             VALUES ($1, $2, 'admin', 'school', $3, 'create', NULL, '{}')",
        )
        .bind(at + Duration::seconds(i))
        .bind(admin)
        .bind(i.to_string())
        .execute(&app.pool)
        .await
        .unwrap();
    }
    for (path, table) in [
        (
            "/api/v1/participants/77/access-log",
            "access_log WHERE participant_id = 77",
        ),
        (
            "/api/v1/audit?entity=school",
            "audit_log WHERE entity = 'school'",
        ),
    ] {
        let expected: Vec<i64> =
            store::sql::query_scalar(&format!("SELECT id FROM {table} ORDER BY id DESC"))
                .fetch_all(&app.pool)
                .await
                .unwrap();
        let (rows, pages) = pages_by_cursor(
            &app,
            &format!(
                "{path}{}limit=100",
                if path.contains('?') { "&" } else { "?" }
            ),
        )
        .await;
        assert_eq!(
            ids(&rows),
            expected,
            "{path}: every entry once, newest first"
        );
        assert_eq!(pages, 3, "{path}");
    }
}

#[tokio::test]
async fn the_courses_open_and_closed_are_read_in_full_through_their_pages() {
    let app = TestApp::spawn().await;
    app.load_demo().await;
    for closed in [false, true] {
        if closed {
            // Every demo course closed, as they will be after their last session.
            store::sql::query("UPDATE courses SET closed_at = $1")
                .bind(Utc::now())
                .execute(&app.pool)
                .await
                .unwrap();
        }
        let path = format!("/api/v1/courses?closed={closed}");
        let all = app
            .all_pages(&app.admin, &format!("{path}&limit=500"))
            .await;
        let paged = app.all_pages(&app.admin, &format!("{path}&limit=1")).await;
        assert!(all.len() >= 2, "closed={closed}: more than one page");
        assert_eq!(
            ids(&paged),
            ids(&all),
            "closed={closed}: the same, once each"
        );
        let unique: BTreeSet<i64> = ids(&all).into_iter().collect();
        assert_eq!(unique.len(), all.len());
    }
}
