//! Roll call through the REST API: marks, concurrent leaders, "mark the rest present", the
//! rules for who is on a session's list, and the access log growing on reads.

use domain::people::Role;
use samling_tests::{assert_error, TestApp};
use serde_json::{json, Value};
use store::auth::create_api_token;

struct Demo {
    leader: String,
    course: i64,
    sessions: Vec<Value>,
    participants: Vec<i64>,
}

async fn demo(app: &TestApp) -> Demo {
    app.load_demo().await;
    let leader_id = app.user_id("kursleder@samling.test").await;
    let leader = create_api_token(&app.pool, leader_id, chrono::Utc::now())
        .await
        .unwrap();
    let course: i64 = store::sql::query_scalar("SELECT id FROM courses")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let (_, sessions) = app
        .get(&leader, &format!("/api/v1/courses/{course}/sessions"))
        .await;
    let (_, enrolments) = app
        .get(&leader, &format!("/api/v1/courses/{course}/enrolments"))
        .await;
    let participants = enrolments
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["participant_id"].as_i64().unwrap())
        .collect();
    Demo {
        leader,
        course,
        sessions: sessions.as_array().unwrap().clone(),
        participants,
    }
}

fn statuses(marks: &Value) -> Vec<(i64, String)> {
    marks
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["participant_id"].as_i64().unwrap(),
                m["status"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[tokio::test]
async fn a_mark_records_who_and_when_and_bad_marks_are_refused() {
    let app = TestApp::spawn().await;
    let d = demo(&app).await;
    let session = d.sessions[0]["id"].as_i64().unwrap();
    let p = d.participants[0];
    let url = format!("/api/v1/sessions/{session}/attendance/{p}");
    let (status, mark) = app
        .put(
            &d.leader,
            &url,
            json!({"status": "late", "note": "Bussen var sen"}),
        )
        .await;
    assert_eq!(status, 200, "{mark}");
    assert_eq!(mark["status"], "late");
    assert_eq!(mark["note"], "Bussen var sen");
    assert_eq!(
        mark["marked_by"],
        app.user_id("kursleder@samling.test").await
    );
    assert!(mark["marked_at"].as_str().unwrap().starts_with("20"));

    assert_error(
        &app.put(&d.leader, &url, json!({"status": "sick"})).await,
        422,
        "invalid",
        Some("status"),
    );
    let (_, outsider) = app
        .post(
            &app.admin,
            "/api/v1/participants",
            json!({"first_name": "Ikke", "last_name": "Påmeldt", "phone": "93000000"}),
        )
        .await;
    let outsider = outsider["id"].as_i64().unwrap();
    assert_error(
        &app.put(
            &d.leader,
            &format!("/api/v1/sessions/{session}/attendance/{outsider}"),
            json!({"status": "present"}),
        )
        .await,
        422,
        "invalid",
        Some("participant_id"),
    );
    assert_error(
        &app.put(
            &d.leader,
            &format!("/api/v1/sessions/999999/attendance/{p}"),
            json!({"status": "present"}),
        )
        .await,
        404,
        "not_found",
        None,
    );
    let counsellor = app
        .user("r@skole.no", Role::Counsellor, Some("Haugen ungdomsskole"))
        .await;
    assert_error(
        &app.put(&counsellor, &url, json!({"status": "absent"}))
            .await,
        403,
        "forbidden",
        None,
    );
    // The counsellor reads marks of their own pupils only (the demo has two at Haugen).
    app.put(
        &d.leader,
        &format!(
            "/api/v1/sessions/{session}/attendance/{}",
            d.participants[1]
        ),
        json!({"status": "present"}),
    )
    .await;
    let (status, seen) = app
        .get(
            &counsellor,
            &format!("/api/v1/sessions/{session}/attendance"),
        )
        .await;
    assert_eq!(status, 200);
    let (_, all) = app
        .get(&d.leader, &format!("/api/v1/sessions/{session}/attendance"))
        .await;
    assert_eq!(all.as_array().unwrap().len(), 2);
    assert!(seen.as_array().unwrap().len() < 2);
    let (_, unchanged) = app
        .get(&d.leader, &format!("/api/v1/sessions/{session}/attendance"))
        .await;
    assert!(
        statuses(&unchanged).contains(&(p, "late".to_string())),
        "refused marks changed nothing"
    );
}

#[tokio::test]
async fn two_leaders_marking_at_once_lose_nothing() {
    let app = TestApp::spawn().await;
    let d = demo(&app).await;
    let session = d.sessions[1]["id"].as_i64().unwrap();
    // The admin marks everyone absent from the front, the leader present from the back.
    let mut tasks = vec![];
    for (token, status, order) in [
        (app.admin.clone(), "absent", false),
        (d.leader.clone(), "present", true),
    ] {
        let mut ids = d.participants.clone();
        if order {
            ids.reverse();
        }
        for id in ids {
            let client = app.client.clone();
            let url = app.url(&format!("/api/v1/sessions/{session}/attendance/{id}"));
            let token = token.clone();
            tasks.push(tokio::spawn(async move {
                client
                    .put(url)
                    .bearer_auth(token)
                    .json(&json!({"status": status}))
                    .send()
                    .await
                    .unwrap()
                    .status()
                    .as_u16()
            }));
        }
    }
    for t in tasks {
        assert_eq!(t.await.unwrap(), 200);
    }
    let (_, marks) = app
        .get(&d.leader, &format!("/api/v1/sessions/{session}/attendance"))
        .await;
    let marks = marks.as_array().unwrap();
    assert_eq!(marks.len(), 12, "every participant has exactly one mark");
    for m in marks {
        // Whichever write came last is kept, with its author.
        let by_admin = m["marked_by"] == app.user_id("admin@test.no").await;
        assert_eq!(
            m["status"],
            if by_admin { "absent" } else { "present" },
            "{m}"
        );
    }
}

#[tokio::test]
async fn mark_the_rest_present_keeps_earlier_marks() {
    let app = TestApp::spawn().await;
    let d = demo(&app).await;
    let session = d.sessions[2]["id"].as_i64().unwrap();
    for (p, status) in d.participants.iter().zip(["absent", "excused", "late"]) {
        let (code, _) = app
            .put(
                &d.leader,
                &format!("/api/v1/sessions/{session}/attendance/{p}"),
                json!({"status": status}),
            )
            .await;
        assert_eq!(code, 200);
    }
    let (status, body) = app
        .post(
            &d.leader,
            &format!("/api/v1/sessions/{session}/attendance/mark-rest-present"),
            json!({}),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["marked_present"], 9);
    let (_, marks) = app
        .get(&d.leader, &format!("/api/v1/sessions/{session}/attendance"))
        .await;
    let marks = statuses(&marks);
    assert_eq!(marks.len(), 12);
    for (p, status) in d.participants.iter().zip(["absent", "excused", "late"]) {
        assert!(
            marks.contains(&(*p, status.to_string())),
            "{p} kept {status}"
        );
    }
    assert_eq!(marks.iter().filter(|(_, s)| s == "present").count(), 9);
    let (_, again) = app
        .post(
            &d.leader,
            &format!("/api/v1/sessions/{session}/attendance/mark-rest-present"),
            json!({}),
        )
        .await;
    assert_eq!(again["marked_present"], 0);
}

#[tokio::test]
async fn withdrawn_and_waitlisted_participants_are_not_on_the_list() {
    let app = TestApp::spawn().await;
    let d = demo(&app).await;
    let past = d.sessions[0]["id"].as_i64().unwrap();
    let future = d.sessions[8]["id"].as_i64().unwrap();
    let leaving = d.participants[0];
    let (status, _) = app
        .delete(
            &d.leader,
            &format!("/api/v1/courses/{}/enrolments/{leaving}", d.course),
            Some(json!({"reason": "Flyttet"})),
        )
        .await;
    assert_eq!(status, 200);
    // Withdrawn now: still on the list of a session that was held before, not of a later one.
    assert_eq!(
        app.put(
            &d.leader,
            &format!("/api/v1/sessions/{past}/attendance/{leaving}"),
            json!({"status": "present"})
        )
        .await
        .0,
        200
    );
    assert_error(
        &app.put(
            &d.leader,
            &format!("/api/v1/sessions/{future}/attendance/{leaving}"),
            json!({"status": "present"}),
        )
        .await,
        422,
        "invalid",
        Some("participant_id"),
    );
    let (_, rest) = app
        .post(
            &d.leader,
            &format!("/api/v1/sessions/{future}/attendance/mark-rest-present"),
            json!({}),
        )
        .await;
    assert_eq!(rest["marked_present"], 11);
}

#[tokio::test]
async fn the_access_log_grows_on_reads_and_only_admins_read_it() {
    let app = TestApp::spawn().await;
    let d = demo(&app).await;
    let p = d.participants[3];
    let log_url = format!("/api/v1/participants/{p}/access-log");
    let (status, before) = app.get(&app.admin, &log_url).await;
    assert_eq!(status, 200);
    let before = before.as_array().unwrap().len();
    for _ in 0..2 {
        assert_eq!(
            app.get(&d.leader, &format!("/api/v1/participants/{p}"))
                .await
                .0,
            200
        );
    }
    app.put(
        &d.leader,
        &format!("/api/v1/sessions/{}/attendance/{p}", d.sessions[0]["id"]),
        json!({"status": "present"}),
    )
    .await;
    let (_, after) = app.get(&app.admin, &log_url).await;
    let after = after.as_array().unwrap();
    // The leader's reads coalesce with their reading the enrolment list a moment before (one
    // view, see tests/access_log.rs); the change is an entry of its own.
    assert_eq!(after.len(), before + 1);
    assert_eq!(after[0]["action"], "change");
    assert_eq!(after[1]["action"], "read");
    assert_eq!(after[1]["via"], "api");
    assert_eq!(after[1]["user_name"], "Lars Kursleder");
    assert_error(
        &app.get(&d.leader, &format!("/api/v1/participants/{p}/access-log"))
            .await,
        403,
        "forbidden",
        None,
    );
    // Not even the database lets the log be edited.
    assert!(store::sql::query("UPDATE access_log SET what = 'nothing'")
        .execute(&app.pool)
        .await
        .is_err());
    assert!(store::sql::query("DELETE FROM access_log")
        .execute(&app.pool)
        .await
        .is_err());
}

#[tokio::test]
async fn the_grid_counts_marks_and_rates_per_participant() {
    let app = TestApp::spawn().await;
    let d = demo(&app).await;
    // The demo course has held its first sessions; mark two of them.
    let (s1, s2) = (
        d.sessions[0]["id"].as_i64().unwrap(),
        d.sessions[1]["id"].as_i64().unwrap(),
    );
    let p = d.participants[0];
    app.put(
        &d.leader,
        &format!("/api/v1/sessions/{s1}/attendance/{p}"),
        json!({"status": "present"}),
    )
    .await;
    app.put(
        &d.leader,
        &format!("/api/v1/sessions/{s2}/attendance/{p}"),
        json!({"status": "absent"}),
    )
    .await;
    app.post(
        &d.leader,
        &format!("/api/v1/sessions/{s2}/attendance/mark-rest-present"),
        json!({}),
    )
    .await;
    let (status, grid) = app
        .get(
            &d.leader,
            &format!("/api/v1/courses/{}/attendance", d.course),
        )
        .await;
    assert_eq!(status, 200, "{grid}");
    let sessions = grid["sessions"].as_array().unwrap();
    assert!(
        sessions.len() >= 2 && sessions.len() < 9,
        "only sessions held so far: {}",
        sessions.len()
    );
    assert_eq!(sessions[1]["absent"], 1);
    assert_eq!(sessions[1]["present"], 11);
    let row = grid["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["participant_id"] == p)
        .unwrap()
        .clone();
    assert_eq!(row["marks"][0], "present");
    assert_eq!(row["marks"][1], "absent");
    assert_eq!(row["rate"], 50);
    let (status, history) = app
        .get(&d.leader, &format!("/api/v1/participants/{p}/attendance"))
        .await;
    assert_eq!(status, 200);
    let statuses: Vec<&str> = history
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, vec!["absent", "present"], "newest first");
}

#[tokio::test]
async fn two_absences_in_a_row_alert_until_someone_follows_up() {
    let app = TestApp::spawn().await;
    let d = demo(&app).await;
    // Sara Ali is a pupil at Haugen ungdomsskole in the demo.
    let sara: i64 =
        store::sql::query_scalar("SELECT id FROM participants WHERE first_name = 'Sara'")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    let counsellor = app
        .user("r@haugen.no", Role::Counsellor, Some("Haugen ungdomsskole"))
        .await;
    let (s1, s2) = (
        d.sessions[0]["id"].as_i64().unwrap(),
        d.sessions[1]["id"].as_i64().unwrap(),
    );

    app.put(
        &d.leader,
        &format!("/api/v1/sessions/{s1}/attendance/{sara}"),
        json!({"status": "absent"}),
    )
    .await;
    let (_, first) = app.get(&d.leader, "/api/v1/follow-ups").await;
    assert_eq!(first["absences"].as_array().unwrap().len(), 1, "{first}");
    assert_eq!(first["alerts"], json!([]), "one absence is no alert");

    app.put(
        &d.leader,
        &format!("/api/v1/sessions/{s2}/attendance/{sara}"),
        json!({"status": "absent"}),
    )
    .await;
    let (_, second) = app.get(&d.leader, "/api/v1/follow-ups").await;
    assert_eq!(second["alerts"].as_array().unwrap().len(), 1, "{second}");
    assert_eq!(second["alerts"][0]["participant_id"], sara);
    assert_eq!(second["alerts"][0]["session_id"], s2);
    let (status, seen_by_counsellor) = app.get(&counsellor, "/api/v1/follow-ups").await;
    assert_eq!(status, 200);
    assert_eq!(
        seen_by_counsellor["alerts"].as_array().unwrap().len(),
        1,
        "the pupil's counsellor is told"
    );
    assert_eq!(seen_by_counsellor["absences"], json!([]));
    let other = app
        .user("r@berg.no", Role::Counsellor, Some("Berg ungdomsskole"))
        .await;
    let (_, other_view) = app.get(&other, "/api/v1/follow-ups").await;
    assert_eq!(other_view["alerts"], json!([]));

    assert_error(
        &app.post(
            &d.leader,
            "/api/v1/follow-ups",
            json!({"participant_id": sara, "session_id": s2, "note": " "}),
        )
        .await,
        422,
        "invalid",
        Some("note"),
    );
    let (status, _) = app
        .post(
            &d.leader,
            "/api/v1/follow-ups",
            json!({"participant_id": sara, "session_id": s2, "note": "Ringte Sara, hun var syk."}),
        )
        .await;
    assert_eq!(status, 201);
    let (_, after) = app.get(&d.leader, "/api/v1/follow-ups").await;
    assert_eq!(after["alerts"], json!([]), "recorded, so the alert is gone");
    assert_eq!(
        after["absences"].as_array().unwrap().len(),
        1,
        "the first absence is still open"
    );
    let (_, counsellor_after) = app.get(&counsellor, "/api/v1/follow-ups").await;
    assert_eq!(counsellor_after["alerts"], json!([]));
}
