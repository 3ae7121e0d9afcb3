//! The organisation's closed periods through the REST API: the coordinator keeps them, every
//! new course's schedule skips their days, and the preview names the period a day fell in.

use domain::people::Role;
use samling_tests::TestApp;
use serde_json::{json, Value};

fn course_from(programme_id: i64, start_date: &str) -> Value {
    json!({
        "programme_id": programme_id,
        "title": "Klart jeg kan – vinter 2027",
        "location": "Ungdomstjenesten",
        "start_date": start_date,
        "weekdays": ["tue", "thu"],
        "start_time": "12:00",
        "end_time": "14:00"
    })
}

fn dates(sessions: &Value) -> Vec<String> {
    sessions
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["date"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn a_closed_period_moves_new_courses_past_it_until_it_is_removed() {
    let app = TestApp::spawn().await;
    app.load_demo().await;
    let course = course_from(app.programme_id("Klart jeg kan").await, "2027-02-16");

    let (status, period) = app
        .post(
            &app.admin,
            "/api/v1/closed-periods",
            json!({"name": " Vinterferie ", "first_day": "2027-02-22", "last_day": "2027-02-26"}),
        )
        .await;
    assert_eq!(status, 201, "{period}");
    assert_eq!(period["name"], "Vinterferie");
    assert_eq!(period["first_day"], "2027-02-22");
    assert_eq!(period["last_day"], "2027-02-26");
    assert_eq!(period["school_id"], Value::Null);

    // The preview skips the two course days in the period and says why.
    let (status, preview) = app
        .post(&app.admin, "/api/v1/courses/preview", course.clone())
        .await;
    assert_eq!(status, 200, "{preview}");
    let planned = dates(&preview["sessions"]);
    assert_eq!(&planned[..3], &["2027-02-16", "2027-02-18", "2027-03-02"]);
    assert_eq!(
        preview["skipped"],
        json!([
            {"date": "2027-02-23", "reason": "Vinterferie"},
            {"date": "2027-02-25", "reason": "Vinterferie"}
        ])
    );
    // The course is created as previewed.
    let (status, created) = app
        .post(&app.admin, "/api/v1/courses", course.clone())
        .await;
    assert_eq!(status, 201, "{created}");
    assert_eq!(dates(&created["sessions"]), planned);

    // Everyone on the staff sees the list; only an admin changes it.
    let leader = app.user("leder@test.no", Role::Leader, None).await;
    let (status, list) = app.get(&leader, "/api/v1/closed-periods").await;
    assert_eq!(status, 200);
    assert_eq!(list, json!([period.clone()]));
    let (status, _) = app
        .post(
            &leader,
            "/api/v1/closed-periods",
            json!({"name": "Høstferie", "first_day": "2027-10-04", "last_day": "2027-10-08"}),
        )
        .await;
    assert_eq!(status, 403);
    let id = period["id"].as_i64().unwrap();
    let (status, _) = app
        .delete(&leader, &format!("/api/v1/closed-periods/{id}"), None)
        .await;
    assert_eq!(status, 403);

    // Removed: new courses meet in that week again; the course made meanwhile keeps its days.
    let (status, _) = app
        .delete(&app.admin, &format!("/api/v1/closed-periods/{id}"), None)
        .await;
    assert_eq!(status, 204);
    let (status, gone) = app
        .delete(&app.admin, &format!("/api/v1/closed-periods/{id}"), None)
        .await;
    assert_eq!(status, 404, "{gone}");
    // The audit log has the period's life: added, then removed with its values kept.
    let (_, audit) = app
        .get(
            &app.admin,
            &format!("/api/v1/audit?entity=closed_period&entity_id={id}"),
        )
        .await;
    let actions: Vec<&str> = audit
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions, ["delete", "create"], "{audit}");
    assert_eq!(audit[0]["before"]["name"], period["name"]);
    assert!(audit[0]["after"].is_null());
    let (_, preview) = app
        .post(&app.admin, "/api/v1/courses/preview", course)
        .await;
    assert_eq!(
        &dates(&preview["sessions"])[..3],
        &["2027-02-16", "2027-02-18", "2027-02-23"]
    );
    let course_id = created["id"].as_i64().unwrap();
    let (_, sessions) = app
        .get(&app.admin, &format!("/api/v1/courses/{course_id}/sessions"))
        .await;
    assert!(
        !dates(&sessions).contains(&"2027-02-23".to_string()),
        "{sessions}"
    );
}

#[tokio::test]
async fn a_closed_period_that_makes_no_sense_is_refused_naming_the_field() {
    let app = TestApp::spawn().await;
    let cases = [
        (
            json!({"name": "", "first_day": "2027-02-22", "last_day": "2027-02-26"}),
            "name",
        ),
        (
            json!({"name": "Vinterferie", "first_day": "22.02.2027", "last_day": "2027-02-26"}),
            "first_day",
        ),
        (
            json!({"name": "Vinterferie", "first_day": "2027-02-26", "last_day": "2027-02-22"}),
            "last_day",
        ),
        (
            json!({"name": "Skoleåret", "first_day": "2027-08-16", "last_day": "2028-06-20"}),
            "last_day",
        ),
        (
            json!({"name": "Vinterferie", "first_day": "2027-02-22", "last_day": "2027-02-26", "school_id": 9999}),
            "school_id",
        ),
    ];
    for (body, field) in cases {
        let (status, answer) = app
            .post(&app.admin, "/api/v1/closed-periods", body.clone())
            .await;
        assert_eq!(status, 422, "{body}: {answer}");
        assert_eq!(answer["error"]["field"], field, "{body}: {answer}");
    }
    let (_, list) = app.get(&app.admin, "/api/v1/closed-periods").await;
    assert_eq!(list, json!([]), "nothing was kept");
}

#[tokio::test]
async fn a_period_for_one_school_moves_only_that_schools_courses() {
    let app = TestApp::spawn().await;
    app.load_demo().await;
    let (status, school) = app
        .post(
            &app.admin,
            "/api/v1/schools",
            json!({"name": "Dal ungdomsskole", "kind": "lower_secondary"}),
        )
        .await;
    assert_eq!(status, 201, "{school}");
    let (status, period) = app
        .post(
            &app.admin,
            "/api/v1/closed-periods",
            json!({"name": "Planleggingsdager", "first_day": "2027-02-23", "last_day": "2027-02-25", "school_id": school["id"]}),
        )
        .await;
    assert_eq!(status, 201, "{period}");
    assert_eq!(period["school_name"], "Dal ungdomsskole");

    let everyone = course_from(app.programme_id("Klart jeg kan").await, "2027-02-16");
    let mut at_dal = everyone.clone();
    at_dal["school_id"] = school["id"].clone();
    let (_, preview) = app
        .post(&app.admin, "/api/v1/courses/preview", everyone)
        .await;
    assert_eq!(
        &dates(&preview["sessions"])[..4],
        &["2027-02-16", "2027-02-18", "2027-02-23", "2027-02-25"],
        "a course for no particular school meets in Dal's closed days"
    );
    let (_, preview) = app
        .post(&app.admin, "/api/v1/courses/preview", at_dal.clone())
        .await;
    assert_eq!(
        &dates(&preview["sessions"])[..4],
        &["2027-02-16", "2027-02-18", "2027-03-02", "2027-03-04"],
        "{preview}"
    );
    assert_eq!(
        preview["skipped"],
        json!([
            {"date": "2027-02-23", "reason": "Planleggingsdager"},
            {"date": "2027-02-25", "reason": "Planleggingsdager"}
        ])
    );
    let (status, created) = app.post(&app.admin, "/api/v1/courses", at_dal).await;
    assert_eq!(status, 201, "{created}");
    assert_eq!(created["school_name"], "Dal ungdomsskole");

    // A school that does not exist is refused, naming the field.
    let mut nowhere = course_from(app.programme_id("Klart jeg kan").await, "2027-02-16");
    nowhere["school_id"] = json!(9999);
    let (status, answer) = app
        .post(&app.admin, "/api/v1/courses/preview", nowhere)
        .await;
    assert_eq!(
        (status, answer["error"]["field"].as_str()),
        (422, Some("school_id")),
        "{answer}"
    );
}
