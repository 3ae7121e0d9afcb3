//! The managed list of schools through the REST API: the schools already on record are kept
//! (as "other", active), admins add, rename, re-kind and retire schools, everyone on the
//! staff reads the list.

use domain::people::Role;
use samling_tests::TestApp;
use serde_json::{json, Value};

fn names(list: &Value) -> Vec<String> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn admins_keep_the_list_of_schools_and_every_school_on_record_stays() {
    let app = TestApp::spawn().await;
    app.load_demo().await;
    // The demo's school was recorded by name before schools were a list: it is kept.
    let (status, list) = app.get(&app.admin, "/api/v1/schools").await;
    assert_eq!(status, 200, "{list}");
    let haugen = list
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == "Haugen ungdomsskole")
        .cloned()
        .unwrap_or_else(|| panic!("the demo school is listed: {list}"));
    assert_eq!(haugen["kind"], "other");
    assert_eq!(haugen["active"], true);

    let (status, fjell) = app
        .post(
            &app.admin,
            "/api/v1/schools",
            json!({"name": " Fjell ungdomsskole ", "kind": "lower_secondary"}),
        )
        .await;
    assert_eq!(status, 201, "{fjell}");
    assert_eq!(
        fjell,
        json!({"id": fjell["id"], "name": "Fjell ungdomsskole", "kind": "lower_secondary", "active": true})
    );
    let (status, answer) = app
        .post(
            &app.admin,
            "/api/v1/schools",
            json!({"name": "FJELL UNGDOMSSKOLE"}),
        )
        .await;
    assert_eq!(
        status, 409,
        "names are unique whatever their case: {answer}"
    );

    // Re-kinded and retired: still listed, after the active ones.
    let id = haugen["id"].as_i64().unwrap();
    let (status, changed) = app
        .patch(
            &app.admin,
            &format!("/api/v1/schools/{id}"),
            json!({"kind": "lower_secondary", "active": false}),
        )
        .await;
    assert_eq!(status, 200, "{changed}");
    assert_eq!(changed["name"], "Haugen ungdomsskole");
    assert_eq!(changed["kind"], "lower_secondary");
    assert_eq!(changed["active"], false);
    let (_, list) = app.get(&app.admin, "/api/v1/schools").await;
    assert_eq!(names(&list).last().unwrap(), "Haugen ungdomsskole");
    // The change is in the audit log, before and after.
    let (_, audit) = app
        .get(
            &app.admin,
            &format!("/api/v1/audit?entity=school&entity_id={id}"),
        )
        .await;
    assert_eq!(audit[0]["action"], "update", "{audit}");
    assert_eq!(
        (&audit[0]["before"]["active"], &audit[0]["after"]["active"]),
        (&json!(true), &json!(false))
    );
    assert_eq!(audit[0]["after"]["kind"], "lower_secondary");
    // Its pupils keep it.
    let pupils: i64 =
        store::sql::query_scalar("SELECT COUNT(*) FROM participants WHERE school_id = $1")
            .bind(id)
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert!(pupils > 0, "the demo's pupils still name their school");

    // A leader reads the list but changes nothing.
    let leader = app.user("leder@test.no", Role::Leader, None).await;
    let (status, seen) = app.get(&leader, "/api/v1/schools").await;
    assert_eq!(status, 200);
    assert_eq!(seen, list);
    let (status, _) = app
        .post(&leader, "/api/v1/schools", json!({"name": "Dal skole"}))
        .await;
    assert_eq!(status, 403);
    let (status, _) = app
        .patch(
            &leader,
            &format!("/api/v1/schools/{id}"),
            json!({"active": true}),
        )
        .await;
    assert_eq!(status, 403);

    let (status, _) = app
        .patch(&app.admin, "/api/v1/schools/99999", json!({"active": true}))
        .await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn a_school_that_makes_no_sense_is_refused_naming_the_field() {
    let app = TestApp::spawn().await;
    for (body, field) in [
        (json!({"name": "  "}), "name"),
        (json!({"name": "Dal skole", "kind": "university"}), "kind"),
    ] {
        let (status, answer) = app.post(&app.admin, "/api/v1/schools", body.clone()).await;
        assert_eq!(status, 422, "{body}: {answer}");
        assert_eq!(answer["error"]["field"], field, "{body}: {answer}");
    }
    let (_, fjell) = app
        .post(
            &app.admin,
            "/api/v1/schools",
            json!({"name": "Fjell skole"}),
        )
        .await;
    let (status, answer) = app
        .patch(
            &app.admin,
            &format!("/api/v1/schools/{}", fjell["id"]),
            json!({"name": ""}),
        )
        .await;
    assert_eq!(status, 422, "{answer}");
    assert_eq!(answer["error"]["field"], "name");
}
