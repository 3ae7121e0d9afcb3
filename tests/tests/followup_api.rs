//! Logbooks, action plans and the category history through the REST API.

use domain::people::Role;
use samling_tests::{assert_error, TestApp};
use serde_json::json;
use store::auth::create_api_token;

async fn leader_token(app: &TestApp) -> String {
    create_api_token(
        &app.pool,
        app.user_id("kursleder@samling.test").await,
        chrono::Utc::now(),
    )
    .await
    .unwrap()
}

#[tokio::test]
async fn staff_write_logbooks_with_permission_and_edits_keep_the_earlier_text() {
    let app = TestApp::spawn().await;
    app.load_demo().await;
    let leader = leader_token(&app).await;
    let sara = app.participant_named("Sara").await;
    let session: i64 = store::sql::query_scalar("SELECT id FROM sessions WHERE number = 1")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let url = format!("/api/v1/participants/{sara}/logbook");

    assert_error(
        &app.post(
            &leader,
            &url,
            json!({"text": "Hun sa hun vil bli elektriker."}),
        )
        .await,
        422,
        "invalid",
        Some("with_permission"),
    );
    assert_error(
        &app.post(
            &leader,
            &url,
            json!({"text": "  ", "with_permission": true}),
        )
        .await,
        422,
        "invalid",
        Some("text"),
    );
    let (status, entry) = app
        .post(&leader, &url, json!({"text": "Hun sa hun vil bli elektriker.", "session_id": session, "with_permission": true}))
        .await;
    assert_eq!(status, 201, "{entry}");
    assert_eq!(entry["author_kind"], "staff");
    assert_eq!(entry["author_name"], "Lars Kursleder");
    assert_eq!(entry["session_title"], "Bevisstgjøring – hvem er jeg?");
    assert!(entry["reflection_task"]
        .as_str()
        .unwrap()
        .contains("loggboka"));

    let id = entry["id"].as_i64().unwrap();
    let (status, edited) = app
        .put(
            &leader,
            &format!("{url}/{id}"),
            json!({"text": "Hun vil bli elektriker eller rørlegger."}),
        )
        .await;
    assert_eq!(status, 200, "{edited}");
    assert_eq!(edited["versions"], 1);
    let kept: String =
        store::sql::query_scalar("SELECT text FROM logbook_versions WHERE entry_id = $1")
            .bind(id)
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(kept, "Hun sa hun vil bli elektriker.");
    let (_, list) = app.get(&leader, &url).await;
    assert_eq!(list[0]["text"], "Hun vil bli elektriker eller rørlegger.");
    assert_eq!(app.get(&app.admin, &url).await.0, 200);

    // Sara's school counsellor sees her, but not her logbook; nor does an unrelated leader.
    let counsellor = app
        .user("r@haugen.no", Role::Counsellor, Some("Haugen ungdomsskole"))
        .await;
    assert_eq!(
        app.get(&counsellor, &format!("/api/v1/participants/{sara}"))
            .await
            .0,
        200
    );
    assert_error(&app.get(&counsellor, &url).await, 403, "forbidden", None);
    let other = app.user("annen@test.no", Role::Leader, None).await;
    assert_error(&app.get(&other, &url).await, 403, "forbidden", None);
}

#[tokio::test]
async fn goals_carry_their_measures() {
    let app = TestApp::spawn().await;
    app.load_demo().await;
    let leader = leader_token(&app).await;
    let emma = app.participant_named("Emma").await;
    let url = format!("/api/v1/participants/{emma}/goals");
    let goal = json!({
        "title": "Begynne på skole igjen til høsten",
        "due_date": "2027-08-15",
        "responsible": "Emma og OT",
        "measures": [
            {"text": "Søke skoleplass", "due_date": "2027-03-01", "responsible": "Emma"},
            {"text": "Besøke karrieresenteret", "status": "done"}
        ]
    });
    let (status, created) = app.post(&leader, &url, goal.clone()).await;
    assert_eq!(status, 201, "{created}");
    assert_eq!(created["status"], "open");
    assert_eq!(created["measures"].as_array().unwrap().len(), 2);
    assert_eq!(created["measures"][1]["status"], "done");
    let (_, goals) = app.get(&leader, &url).await;
    assert_eq!(goals.as_array().unwrap().len(), 1);
    assert_eq!(goals[0]["measures"][0]["due_date"], "2027-03-01");

    let mut bad = goal.clone();
    bad["measures"][1]["status"] = json!("finished");
    assert_error(
        &app.post(&leader, &url, bad).await,
        422,
        "invalid",
        Some("measures[1].status"),
    );
    let mut bad = goal.clone();
    bad["due_date"] = json!("snart");
    assert_error(
        &app.post(&leader, &url, bad).await,
        422,
        "invalid",
        Some("due_date"),
    );
    let (_, goals) = app.get(&leader, &url).await;
    assert_eq!(goals.as_array().unwrap().len(), 1, "nothing half-saved");

    // Reviewed at a follow-up session.
    let goal_id = goals[0]["id"].as_i64().unwrap();
    let measure_id = goals[0]["measures"][0]["id"].as_i64().unwrap();
    assert_eq!(
        app.patch(
            &leader,
            &format!("/api/v1/goals/{goal_id}"),
            json!({"status": "in_progress"})
        )
        .await
        .0,
        204
    );
    assert_eq!(
        app.patch(
            &leader,
            &format!("/api/v1/measures/{measure_id}"),
            json!({"status": "done"})
        )
        .await
        .0,
        204
    );
    assert_error(
        &app.patch(
            &leader,
            &format!("/api/v1/goals/{goal_id}"),
            json!({"status": "maybe"}),
        )
        .await,
        422,
        "invalid",
        Some("status"),
    );
    assert_error(
        &app.patch(&leader, "/api/v1/goals/999999", json!({"status": "done"}))
            .await,
        404,
        "not_found",
        None,
    );
    let (_, goals) = app.get(&leader, &url).await;
    assert_eq!(goals[0]["status"], "in_progress");
    assert_eq!(goals[0]["measures"][0]["status"], "done");
}

#[tokio::test]
async fn category_changes_keep_who_when_and_why() {
    let app = TestApp::spawn().await;
    app.load_demo().await;
    let leader = leader_token(&app).await;
    let jonas = app.participant_named("Jonas").await;
    let (_, before) = app
        .get(
            &leader,
            &format!("/api/v1/participants/{jonas}/category-history"),
        )
        .await;
    assert_eq!(
        before.as_array().unwrap().len(),
        1,
        "set at registration: {before}"
    );
    assert_eq!(before[0]["to_category"], 2);

    let (_, mut p) = app
        .get(&leader, &format!("/api/v1/participants/{jonas}"))
        .await;
    p["category"] = json!(1);
    p["category_reason"] = json!("Har fått læreplass");
    let (status, _) = app
        .put(&leader, &format!("/api/v1/participants/{jonas}"), p.clone())
        .await;
    assert_eq!(status, 200);
    // Saving again without a change adds nothing.
    app.put(&leader, &format!("/api/v1/participants/{jonas}"), p)
        .await;
    let (_, history) = app
        .get(
            &leader,
            &format!("/api/v1/participants/{jonas}/category-history"),
        )
        .await;
    let history = history.as_array().unwrap();
    assert_eq!(history.len(), 2);
    assert_eq!(history[1]["from_category"], 2);
    assert_eq!(history[1]["to_category"], 1);
    assert_eq!(history[1]["reason"], "Har fått læreplass");
    assert_eq!(history[1]["changed_by_name"], "Lars Kursleder");
}
