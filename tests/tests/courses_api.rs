//! Programmes, courses and sessions through the REST API, against the real server.

use samling_tests::{assert_error, TestApp};
use serde_json::{json, Value};

fn klart_course(programme_id: i64) -> Value {
    json!({
        "programme_id": programme_id,
        "title": "Klart jeg kan – vår 2027",
        "public_name": "Klart jeg kan",
        "location": "Ungdomstjenesten",
        "start_date": "2027-03-16",
        "weekdays": ["tue", "thu"],
        "start_time": "12:00",
        "end_time": "14:00",
        "capacity": 12
    })
}

#[tokio::test]
async fn health_check_answers_ok() {
    let app = TestApp::spawn().await;
    let r = app.client.get(app.url("/healthz")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.json::<Value>().await.unwrap(), json!({"status": "ok"}));
}

#[tokio::test]
async fn demo_programme_has_the_eight_themed_sessions() {
    let app = TestApp::spawn().await;
    app.load_demo().await;
    let (status, list) = app.get(&app.admin, "/api/v1/programmes").await;
    assert_eq!(status, 200);
    let names: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, vec!["Klart jeg kan", "Ny retning"]);
    let id = app.programme_id("Klart jeg kan").await;
    let (status, p) = app
        .get(&app.admin, &format!("/api/v1/programmes/{id}"))
        .await;
    assert_eq!(status, 200);
    let sessions = p["sessions"].as_array().unwrap();
    assert_eq!(sessions.len(), 8);
    assert_eq!(sessions[0]["title"], "Bevisstgjøring – hvem er jeg?");
    assert_eq!(sessions[7]["theme"], "Veien videre");
    assert_eq!(p["follow_up"]["first_after"], 1);
    assert_eq!(p["follow_up"]["first_unit"], "months");
    // Loading the demo again changes nothing.
    app.load_demo().await;
    let (_, list) = app.get(&app.admin, "/api/v1/programmes").await;
    assert_eq!(list.as_array().unwrap().len(), 2);
    let courses: i64 = store::sql::query_scalar("SELECT COUNT(*) FROM courses")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let participants: i64 = store::sql::query_scalar("SELECT COUNT(*) FROM participants")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    // The running course with 12 participants, and the "Under 18" course with 5 pupils.
    assert_eq!((courses, participants), (2, 17));
}

#[tokio::test]
async fn programmes_are_created_and_edited_by_admins_only() {
    let app = TestApp::spawn().await;
    let leader = app
        .user("leder@test.no", domain::people::Role::Leader, None)
        .await;
    let body = json!({
        "name": "Praktik-Generatoren",
        "description": "Ukentlig veiledningsgruppe",
        "sessions_per_week": 1,
        "weeks": 6,
        "weekdays": ["wed"],
        "start_time": "09:00",
        "end_time": "12:00",
        "sessions": [{"title": "Oppstart"}, {"title": "Praksisplass", "theme": "Arbeid"}]
    });
    assert_error(
        &app.post(&leader, "/api/v1/programmes", body.clone()).await,
        403,
        "forbidden",
        None,
    );
    let (status, p) = app
        .post(&app.admin, "/api/v1/programmes", body.clone())
        .await;
    assert_eq!(status, 201, "{p}");
    assert_eq!(p["sessions"].as_array().unwrap().len(), 2);
    assert_eq!(p["sessions"][1]["position"], 2);
    assert_eq!(p["follow_up"]["first_after"], 0);
    assert_error(
        &app.post(&app.admin, "/api/v1/programmes", body.clone())
            .await,
        409,
        "conflict",
        None,
    );

    let mut bad = body.clone();
    bad["name"] = json!("Annet");
    bad["weekdays"] = json!(["wed", "someday"]);
    assert_error(
        &app.post(&app.admin, "/api/v1/programmes", bad).await,
        422,
        "invalid",
        Some("weekdays"),
    );

    // Update without `sessions` keeps the plan.
    let id = p["id"].as_i64().unwrap();
    let mut changed = body.clone();
    changed.as_object_mut().unwrap().remove("sessions");
    changed["weeks"] = json!(8);
    let (status, p) = app
        .put(&app.admin, &format!("/api/v1/programmes/{id}"), changed)
        .await;
    assert_eq!(status, 200, "{p}");
    assert_eq!(p["weeks"], 8);
    assert_eq!(p["sessions"].as_array().unwrap().len(), 2);
    assert_error(
        &app.get(&app.admin, "/api/v1/programmes/9999").await,
        404,
        "not_found",
        None,
    );
}

#[tokio::test]
async fn a_course_gets_eight_sessions_around_easter_and_a_follow_up() {
    let app = TestApp::spawn().await;
    app.load_demo().await;
    let pid = app.programme_id("Klart jeg kan").await;
    let (status, course) = app
        .post(&app.admin, "/api/v1/courses", klart_course(pid))
        .await;
    assert_eq!(status, 201, "{course}");
    let sessions = course["sessions"].as_array().unwrap();
    let regular: Vec<&Value> = sessions.iter().filter(|s| s["kind"] == "regular").collect();
    assert_eq!(regular.len(), 8);
    let starts: Vec<&str> = sessions
        .iter()
        .map(|s| s["starts_at"].as_str().unwrap())
        .collect();
    assert_eq!(
        starts,
        vec![
            "2027-03-16T12:00:00+01:00",
            "2027-03-18T12:00:00+01:00",
            "2027-03-23T12:00:00+01:00",
            // 25 March is Maundy Thursday; summer time starts on the 28th.
            "2027-03-30T12:00:00+02:00",
            "2027-04-01T12:00:00+02:00",
            "2027-04-06T12:00:00+02:00",
            "2027-04-08T12:00:00+02:00",
            "2027-04-13T12:00:00+02:00",
            "2027-05-13T12:00:00+02:00",
        ]
    );
    let follow = sessions.last().unwrap();
    assert_eq!(follow["kind"], "follow_up");
    assert_eq!(follow["number"], 9);
    assert_eq!(sessions[0]["title"], "Bevisstgjøring – hvem er jeg?");
    assert_eq!(sessions[0]["status"], "scheduled");
    assert_eq!(sessions[0]["ends_at"], "2027-03-16T14:00:00+01:00");

    let id = course["id"].as_i64().unwrap();
    let (status, listed) = app
        .get(&app.admin, &format!("/api/v1/courses/{id}/sessions"))
        .await;
    assert_eq!(status, 200);
    assert_eq!(listed.as_array().unwrap().len(), 9);
    let (status, all) = app.get(&app.admin, "/api/v1/courses").await;
    assert_eq!(status, 200);
    assert!(all.as_array().unwrap().iter().any(|c| c["id"] == id));
}

#[tokio::test]
async fn closed_dates_and_the_preview_agree() {
    let app = TestApp::spawn().await;
    app.load_demo().await;
    let pid = app.programme_id("Klart jeg kan").await;
    let mut body = klart_course(pid);
    body["start_date"] = json!("2027-02-16");
    body["closed_dates"] = json!(["2027-02-23", "2027-02-25"]);
    let (status, preview) = app
        .post(&app.admin, "/api/v1/courses/preview", body.clone())
        .await;
    assert_eq!(status, 200, "{preview}");
    let dates: Vec<&str> = preview["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["date"].as_str().unwrap())
        .collect();
    assert_eq!(&dates[..3], &["2027-02-16", "2027-02-18", "2027-03-02"]);
    assert_eq!(
        preview["skipped"],
        json!([{"date": "2027-02-23", "reason": "closed"}, {"date": "2027-02-25", "reason": "closed"}])
    );
    let courses_before: i64 = store::sql::query_scalar("SELECT COUNT(*) FROM courses")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let (status, created) = app.post(&app.admin, "/api/v1/courses", body).await;
    assert_eq!(status, 201);
    let created_dates: Vec<&str> = created["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["date"].as_str().unwrap())
        .collect();
    assert_eq!(created_dates, dates);
    let courses_after: i64 = store::sql::query_scalar("SELECT COUNT(*) FROM courses")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(
        courses_after,
        courses_before + 1,
        "the preview saved nothing"
    );
}

#[tokio::test]
async fn invalid_course_input_is_refused_naming_the_field() {
    let app = TestApp::spawn().await;
    app.load_demo().await;
    let pid = app.programme_id("Klart jeg kan").await;
    let cases = [
        ("end_time", json!("11:00"), "end_time"),
        ("weekdays", json!(["tue", "funday"]), "weekdays"),
        ("weekdays", json!([]), "weekdays"),
        ("start_date", json!("16.03.2027"), "start_date"),
        ("start_time", json!("noon"), "start_time"),
        ("time_zone", json!("Europe/Atlantis"), "time_zone"),
        ("capacity", json!(0), "capacity"),
        ("programme_id", json!(9999), "programme_id"),
        ("title", json!("  "), "title"),
        ("location", json!(" "), "location"),
    ];
    for (key, value, field) in cases {
        let mut body = klart_course(pid);
        body[key] = value;
        assert_error(
            &app.post(&app.admin, "/api/v1/courses", body).await,
            422,
            "invalid",
            Some(field),
        );
    }
    // A wrong JSON type is a 422 too, and malformed JSON a 400 — never a 500.
    let mut body = klart_course(pid);
    body["weekdays"] = json!("tue");
    assert_error(
        &app.post(&app.admin, "/api/v1/courses", body).await,
        422,
        "invalid",
        None,
    );
    let r = app
        .client
        .post(app.url("/api/v1/courses"))
        .bearer_auth(&app.admin)
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    let count: i64 = store::sql::query_scalar("SELECT COUNT(*) FROM courses")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(count, 2, "only the demo courses exist");
}

#[tokio::test]
async fn sessions_can_be_moved_and_cancelled() {
    let app = TestApp::spawn().await;
    app.load_demo().await;
    let pid = app.programme_id("Klart jeg kan").await;
    let (_, course) = app
        .post(&app.admin, "/api/v1/courses", klart_course(pid))
        .await;
    let session = &course["sessions"][2];
    let sid = session["id"].as_i64().unwrap();

    // Moving only the start keeps the length; any offset is accepted and shown locally.
    let (status, moved) = app
        .patch(
            &app.admin,
            &format!("/api/v1/sessions/{sid}"),
            json!({"starts_at": "2027-03-24T13:00:00Z"}),
        )
        .await;
    assert_eq!(status, 200, "{moved}");
    assert_eq!(moved["starts_at"], "2027-03-24T14:00:00+01:00");
    assert_eq!(moved["ends_at"], "2027-03-24T16:00:00+01:00");
    assert_eq!(moved["date"], "2027-03-24");

    let (status, relocated) = app
        .patch(
            &app.admin,
            &format!("/api/v1/sessions/{sid}"),
            json!({"location": "Biblioteket"}),
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(relocated["location"], "Biblioteket");
    assert_eq!(relocated["starts_at"], "2027-03-24T14:00:00+01:00");

    let (status, cancelled) = app
        .patch(
            &app.admin,
            &format!("/api/v1/sessions/{sid}"),
            json!({"status": "cancelled"}),
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(cancelled["status"], "cancelled");

    assert_error(
        &app.patch(
            &app.admin,
            &format!("/api/v1/sessions/{sid}"),
            json!({"status": "postponed"}),
        )
        .await,
        422,
        "invalid",
        Some("status"),
    );
    assert_error(
        &app.patch(&app.admin, &format!("/api/v1/sessions/{sid}"), json!({"starts_at": "2027-03-24T14:00:00+01:00", "ends_at": "2027-03-24T13:00:00+01:00"})).await,
        422,
        "invalid",
        Some("ends_at"),
    );
    assert_error(
        &app.patch(
            &app.admin,
            &format!("/api/v1/sessions/{sid}"),
            json!({"starts_at": "tomorrow"}),
        )
        .await,
        422,
        "invalid",
        Some("starts_at"),
    );
    assert_error(
        &app.patch(
            &app.admin,
            "/api/v1/sessions/999999",
            json!({"status": "cancelled"}),
        )
        .await,
        404,
        "not_found",
        None,
    );
    // Moving the start keeps the length: here it would end in the year 10000 (was a 500).
    assert_error(
        &app.patch(
            &app.admin,
            &format!("/api/v1/sessions/{sid}"),
            json!({"starts_at": "9999-12-31T23:30:00Z"}),
        )
        .await,
        422,
        "invalid",
        Some("ends_at"),
    );
    // Nothing of the failed attempts was saved.
    let (_, after) = app
        .get(&app.admin, &format!("/api/v1/sessions/{sid}"))
        .await;
    assert_eq!(after["status"], "cancelled");
    assert_eq!(after["starts_at"], "2027-03-24T14:00:00+01:00");
}

#[tokio::test]
async fn leaders_see_and_change_only_their_own_courses() {
    let app = TestApp::spawn().await;
    app.load_demo().await;
    let pid = app.programme_id("Klart jeg kan").await;
    let anna = app
        .user("anna@test.no", domain::people::Role::Leader, None)
        .await;
    let bo = app
        .user("bo@test.no", domain::people::Role::Leader, None)
        .await;
    let (status, course) = app.post(&anna, "/api/v1/courses", klart_course(pid)).await;
    assert_eq!(status, 201);
    let id = course["id"].as_i64().unwrap();
    assert_eq!(course["leaders"][0]["name"], "anna");
    assert_eq!(
        app.get(&anna, &format!("/api/v1/courses/{id}")).await.0,
        200
    );
    assert_error(
        &app.get(&bo, &format!("/api/v1/courses/{id}")).await,
        403,
        "forbidden",
        None,
    );
    let sid = course["sessions"][0]["id"].as_i64().unwrap();
    assert_error(
        &app.patch(
            &bo,
            &format!("/api/v1/sessions/{sid}"),
            json!({"status": "cancelled"}),
        )
        .await,
        403,
        "forbidden",
        None,
    );
    let (_, bo_courses) = app.get(&bo, "/api/v1/courses").await;
    assert_eq!(bo_courses, json!([]));
    let counsellor = app
        .user(
            "r@test.no",
            domain::people::Role::Counsellor,
            Some("Haugen ungdomsskole"),
        )
        .await;
    assert_error(
        &app.post(&counsellor, "/api/v1/courses", klart_course(pid))
            .await,
        403,
        "forbidden",
        None,
    );
}
