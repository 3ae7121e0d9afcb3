//! Participants, enrolment, the waitlist and the counsellor's school scope through the REST API.

use domain::people::Role;
use samling_tests::{assert_error, TestApp};
use serde_json::{json, Value};

fn pupil(first: &str, phone: &str, school: &str) -> Value {
    json!({
        "first_name": first,
        "last_name": "Elev",
        "birth_date": "2011-02-03",
        "phone": phone,
        "school": school,
        "guardian_name": "Forelder Elev",
        "guardian_phone": "98765432"
    })
}

async fn small_course(app: &TestApp, capacity: i64) -> i64 {
    let pid = app.programme_id("Klart jeg kan").await;
    let (status, course) = app
        .post(
            &app.admin,
            "/api/v1/courses",
            json!({
                "programme_id": pid, "title": "Liten gruppe", "location": "Rom 1", "start_date": "2027-01-12",
                "weekdays": ["tue", "thu"], "start_time": "12:00", "end_time": "14:00", "capacity": capacity
            }),
        )
        .await;
    assert_eq!(status, 201, "{course}");
    course["id"].as_i64().unwrap()
}

#[tokio::test]
async fn a_participant_is_registered_with_an_e164_number_and_found_again() {
    let app = TestApp::spawn().await;
    let leader_id = {
        app.user("leder@test.no", Role::Leader, None).await;
        app.user_id("leder@test.no").await
    };
    let mut body = json!({
        "first_name": "Amina", "last_name": "Hassan", "birth_date": "2004-05-06",
        "phone": "912 34 567", "email": "Amina@Example.no", "language": "so",
        "preferred_channel": "both", "school": "Haugen vgs", "referral_source": "OT",
        "primary_contact_id": leader_id, "category": 3
    });
    // The school is chosen from the managed list: one not on it is refused, naming the field.
    let refused = app
        .post(&app.admin, "/api/v1/participants", body.clone())
        .await;
    assert_error(&refused, 422, "invalid", Some("school"));
    let (status, school) = app
        .post(
            &app.admin,
            "/api/v1/schools",
            json!({"name": "Haugen vgs", "kind": "upper_secondary"}),
        )
        .await;
    assert_eq!(status, 201, "{school}");
    let refused = app
        .post(
            &app.admin,
            "/api/v1/participants",
            json!({"first_name": "X", "last_name": "Y", "phone": "912 34 999", "school_id": 9999}),
        )
        .await;
    assert_error(&refused, 422, "invalid", Some("school_id"));
    body["school"] = json!("haugen VGS");
    let (status, p) = app.post(&app.admin, "/api/v1/participants", body).await;
    assert_eq!(status, 201, "{p}");
    assert_eq!(p["phone"], "+4791234567");
    assert_eq!(p["email"], "amina@example.no");
    let id = p["id"].as_i64().unwrap();
    let (status, got) = app
        .get(&app.admin, &format!("/api/v1/participants/{id}"))
        .await;
    assert_eq!(status, 200);
    for (k, v) in [
        ("first_name", json!("Amina")),
        ("birth_date", json!("2004-05-06")),
        ("phone", json!("+4791234567")),
        ("language", json!("so")),
        ("preferred_channel", json!("both")),
        ("school", json!("Haugen vgs")),
        ("referral_source", json!("OT")),
        ("primary_contact_id", json!(leader_id)),
        ("category", json!(3)),
    ] {
        assert_eq!(got[k], v, "{k}");
    }
    for q in ["amina", "Hassan", "Amina Hassan", "91234", "example.no"] {
        let (status, found) = app
            .get(
                &app.admin,
                &format!("/api/v1/participants?q={}", q.replace(' ', "%20")),
            )
            .await;
        assert_eq!(status, 200);
        assert_eq!(found.as_array().unwrap().len(), 1, "search {q}");
    }
    let (_, none) = app.get(&app.admin, "/api/v1/participants?q=zzz").await;
    assert_eq!(none, json!([]));
}

#[tokio::test]
async fn invalid_participants_are_refused_naming_the_field() {
    let app = TestApp::spawn().await;
    let ok = json!({"first_name": "Ola", "last_name": "Nordmann", "phone": "41234567", "birth_date": "2000-01-01"});
    let cases = [
        ("phone", json!("1234"), "phone"),
        ("phone", json!("22 33 44 55"), "phone"),
        ("email", json!("ola@"), "email"),
        ("language", json!("de"), "language"),
        ("preferred_channel", json!("pigeon"), "preferred_channel"),
        ("category", json!(5), "category"),
        ("birth_date", json!("2099-01-01"), "birth_date"),
        ("first_name", json!(""), "first_name"),
        ("primary_contact_id", json!(424242), "primary_contact_id"),
    ];
    for (key, value, field) in cases {
        let mut body = ok.clone();
        body[key] = value;
        assert_error(
            &app.post(&app.admin, "/api/v1/participants", body).await,
            422,
            "invalid",
            Some(field),
        );
    }
    // E-mail as the channel needs an address; a minor needs a guardian.
    let mut body = ok.clone();
    body["preferred_channel"] = json!("email");
    assert_error(
        &app.post(&app.admin, "/api/v1/participants", body).await,
        422,
        "invalid",
        Some("email"),
    );
    let mut minor = ok.clone();
    minor["birth_date"] = json!("2012-06-01");
    assert_error(
        &app.post(&app.admin, "/api/v1/participants", minor.clone())
            .await,
        422,
        "invalid",
        Some("guardian_name"),
    );
    minor["guardian_name"] = json!("Mor Nordmann");
    assert_error(
        &app.post(&app.admin, "/api/v1/participants", minor.clone())
            .await,
        422,
        "invalid",
        Some("guardian_phone"),
    );
    minor["guardian_phone"] = json!("+47 987 65 432");
    let (status, p) = app.post(&app.admin, "/api/v1/participants", minor).await;
    assert_eq!(status, 201, "{p}");
    assert_eq!(p["guardian_phone"], "+4798765432");
    let count: i64 = store::sql::query_scalar("SELECT COUNT(*) FROM participants")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(count, 1, "only the valid one was saved");
    assert_error(
        &app.get(&app.admin, "/api/v1/participants/999").await,
        404,
        "not_found",
        None,
    );
    assert_error(
        &app.get(&app.admin, "/api/v1/participants/abc").await,
        404,
        "not_found",
        None,
    );
}

#[tokio::test]
async fn a_full_course_waitlists_and_promotes_in_order() {
    let app = TestApp::spawn().await;
    app.load_demo().await;
    let course = small_course(&app, 2).await;
    let mut ids = vec![];
    for (i, name) in ["En", "To", "Tre", "Fire"].iter().enumerate() {
        let (_, p) = app
            .post(&app.admin, "/api/v1/participants", json!({"first_name": name, "last_name": "Deltaker", "phone": format!("9000000{i}")}))
            .await;
        ids.push(p["id"].as_i64().unwrap());
    }
    let mut statuses = vec![];
    for id in &ids {
        let (status, e) = app
            .post(
                &app.admin,
                &format!("/api/v1/courses/{course}/enrolments"),
                json!({"participant_id": id}),
            )
            .await;
        assert_eq!(status, 201, "{e}");
        statuses.push(e["status"].as_str().unwrap().to_string());
    }
    assert_eq!(
        statuses,
        ["enrolled", "enrolled", "waitlisted", "waitlisted"]
    );
    assert_error(
        &app.post(
            &app.admin,
            &format!("/api/v1/courses/{course}/enrolments"),
            json!({"participant_id": ids[0]}),
        )
        .await,
        409,
        "conflict",
        None,
    );
    let (_, list) = app
        .get(&app.admin, &format!("/api/v1/courses/{course}/enrolments"))
        .await;
    let positions: Vec<Value> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["waitlist_position"].clone())
        .collect();
    assert_eq!(
        positions,
        vec![json!(null), json!(null), json!(1), json!(2)]
    );

    let (status, withdrawn) = app
        .delete(
            &app.admin,
            &format!("/api/v1/courses/{course}/enrolments/{}", ids[1]),
            Some(json!({"reason": "Fikk jobb"})),
        )
        .await;
    assert_eq!(status, 200, "{withdrawn}");
    assert_eq!(withdrawn["status"], "withdrawn");
    assert_eq!(withdrawn["withdraw_reason"], "Fikk jobb");
    assert_eq!(
        withdrawn["promoted_participant_id"], ids[2],
        "the first on the waitlist moves up"
    );
    let (_, list) = app
        .get(&app.admin, &format!("/api/v1/courses/{course}/enrolments"))
        .await;
    let by_id = |id: i64| {
        list.as_array()
            .unwrap()
            .iter()
            .find(|e| e["participant_id"] == id)
            .unwrap()
            .clone()
    };
    assert_eq!(by_id(ids[2])["status"], "enrolled");
    assert_eq!(by_id(ids[3])["status"], "waitlisted");
    assert_eq!(by_id(ids[3])["waitlist_position"], 1);

    // Withdrawing a waitlisted participant promotes nobody; withdrawing twice is a 404.
    let (_, w) = app
        .delete(
            &app.admin,
            &format!("/api/v1/courses/{course}/enrolments/{}", ids[3]),
            None,
        )
        .await;
    assert_eq!(w["promoted_participant_id"], Value::Null);
    assert_error(
        &app.delete(
            &app.admin,
            &format!("/api/v1/courses/{course}/enrolments/{}", ids[3]),
            None,
        )
        .await,
        404,
        "not_found",
        None,
    );
    // A withdrawn participant can enrol again and joins the back of the queue.
    let (status, again) = app
        .post(
            &app.admin,
            &format!("/api/v1/courses/{course}/enrolments"),
            json!({"participant_id": ids[1]}),
        )
        .await;
    assert_eq!(status, 201);
    assert_eq!(again["status"], "waitlisted");
    let (_, mine) = app
        .get(
            &app.admin,
            &format!("/api/v1/participants/{}/enrolments", ids[1]),
        )
        .await;
    assert_eq!(mine.as_array().unwrap().len(), 1);
    assert_error(
        &app.post(
            &app.admin,
            "/api/v1/courses/9999/enrolments",
            json!({"participant_id": ids[0]}),
        )
        .await,
        404,
        "not_found",
        None,
    );
}

#[tokio::test]
async fn concurrent_enrolments_never_overfill_a_course() {
    let app = TestApp::spawn().await;
    app.load_demo().await;
    let course = small_course(&app, 3).await;
    let mut ids = vec![];
    for i in 0..10 {
        let (_, p) = app
            .post(&app.admin, "/api/v1/participants", json!({"first_name": format!("P{i}"), "last_name": "Samtidig", "phone": format!("9100000{i}")}))
            .await;
        ids.push(p["id"].as_i64().unwrap());
    }
    let mut tasks = vec![];
    for id in ids {
        let client = app.client.clone();
        let url = app.url(&format!("/api/v1/courses/{course}/enrolments"));
        let token = app.admin.clone();
        tasks.push(tokio::spawn(async move {
            client
                .post(url)
                .bearer_auth(token)
                .json(&json!({"participant_id": id}))
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }));
    }
    for t in tasks {
        assert_eq!(t.await.unwrap(), 201);
    }
    let enrolled: i64 = store::sql::query_scalar(
        "SELECT COUNT(*) FROM enrolments WHERE course_id = $1 AND status = 'enrolled'",
    )
    .bind(course)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(enrolled, 3);
}

#[tokio::test]
async fn a_counsellor_sees_and_enrols_only_pupils_of_their_own_school() {
    let app = TestApp::spawn().await;
    app.load_demo().await;
    let course = small_course(&app, 10).await;
    let haugen = app
        .user(
            "radgiver@haugen.no",
            Role::Counsellor,
            Some("Lia ungdomsskole"),
        )
        .await;
    let berg = app
        .user(
            "radgiver@berg.no",
            Role::Counsellor,
            Some("Berg ungdomsskole"),
        )
        .await;

    // A counsellor's new pupil belongs to their school even if no school is given.
    let mut body = pupil("Sara", "40000001", "Lia ungdomsskole");
    body.as_object_mut().unwrap().remove("school");
    let (status, sara) = app.post(&haugen, "/api/v1/participants", body).await;
    assert_eq!(status, 201, "{sara}");
    assert_eq!(sara["school"], "Lia ungdomsskole");
    let sara = sara["id"].as_i64().unwrap();
    assert_error(
        &app.post(
            &haugen,
            "/api/v1/participants",
            pupil("Nei", "40000009", "Berg ungdomsskole"),
        )
        .await,
        403,
        "forbidden",
        None,
    );
    let (_, omar) = app
        .post(
            &berg,
            "/api/v1/participants",
            pupil("Omar", "40000002", "Berg ungdomsskole"),
        )
        .await;
    let omar = omar["id"].as_i64().unwrap();

    assert_eq!(
        app.get(&haugen, &format!("/api/v1/participants/{sara}"))
            .await
            .0,
        200
    );
    assert_error(
        &app.get(&haugen, &format!("/api/v1/participants/{omar}"))
            .await,
        403,
        "forbidden",
        None,
    );
    let (_, found) = app.get(&haugen, "/api/v1/participants?q=").await;
    let names: Vec<&str> = found
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["first_name"].as_str().unwrap())
        .collect();
    assert_eq!(names, vec!["Sara"], "not Omar, not the demo participants");

    let (status, e) = app
        .post(
            &haugen,
            &format!("/api/v1/courses/{course}/enrolments"),
            json!({"participant_id": sara}),
        )
        .await;
    assert_eq!(status, 201, "{e}");
    assert_error(
        &app.post(
            &haugen,
            &format!("/api/v1/courses/{course}/enrolments"),
            json!({"participant_id": omar}),
        )
        .await,
        403,
        "forbidden",
        None,
    );
    assert_eq!(
        app.post(
            &berg,
            &format!("/api/v1/courses/{course}/enrolments"),
            json!({"participant_id": omar})
        )
        .await
        .0,
        201
    );
    let (_, seen) = app
        .get(&haugen, &format!("/api/v1/courses/{course}/enrolments"))
        .await;
    let ids: Vec<i64> = seen
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["participant_id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids, vec![sara]);
    let (_, all) = app
        .get(&app.admin, &format!("/api/v1/courses/{course}/enrolments"))
        .await;
    assert_eq!(all.as_array().unwrap().len(), 2);
    assert_error(
        &app.delete(
            &haugen,
            &format!("/api/v1/courses/{course}/enrolments/{omar}"),
            None,
        )
        .await,
        403,
        "forbidden",
        None,
    );
}
