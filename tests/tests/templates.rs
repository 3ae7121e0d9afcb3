//! Message templates: a text that cannot render is refused naming its field; a saved text is
//! what the worker sends; the preview tells GSM-7 from UCS-2 and counts the segments.

use chrono::Utc;
use domain::people::Role;
use domain::people::Staff;
use samling_tests::TestApp;
use serde_json::json;
use store::messages::templates::preview_and_save;
use store::{Actor, StoreError, Via};

async fn admin(app: &TestApp) -> Actor {
    let staff = Staff {
        id: app.user_id("admin@test.no").await,
        email: "admin@test.no".into(),
        name: "Admin".into(),
        role: Role::Admin,
        school_id: None,
        school_name: None,
    };
    Actor::new(staff, Via::Page)
}

#[tokio::test]
async fn templates_are_checked_previewed_and_used() {
    let app = TestApp::spawn_with(&[("quiet_hours", "off")]).await;
    app.load_demo().await;
    let staff = admin(&app).await;
    // A participant of the demo course, in Arabic for the UCS-2 case.
    let amina: i64 = store::sql::query_scalar(
        "SELECT p.id FROM participants p JOIN enrolments e ON e.participant_id = p.id WHERE e.status = 'enrolled' LIMIT 1",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    let url = app.config.public_url.clone();

    let refused = preview_and_save(
        &app.pool,
        &staff,
        "welcome",
        "nb",
        "Velkommen",
        "Hei {fornavn}!",
        Some(amina),
        true,
        &url,
        Utc::now(),
    )
    .await
    .unwrap_err();
    match refused {
        StoreError::Invalid { field, problem } => {
            assert_eq!(field, "body");
            assert_eq!(problem.code, domain::problem::Code::UnknownVariable);
            let english = problem.to_string();
            assert!(english.contains("unknown variable {fornavn}"), "{english}");
            // The page says it in bokmål, by the code and its values.
            let bokmal = problem.text(domain::people::Language::Nb);
            assert!(bokmal.starts_with("ukjent variabel {fornavn}"), "{bokmal}");
        }
        other => panic!("expected a field error, got {other:?}"),
    }
    let saved: i64 = store::sql::query_scalar("SELECT COUNT(*) FROM message_templates")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(saved, 0, "a text that cannot render is not saved");

    let p = preview_and_save(
        &app.pool,
        &staff,
        "welcome",
        "nb",
        "Velkommen",
        "Hei {first_name}! Vi sees på {course}.",
        Some(amina),
        true,
        &url,
        Utc::now(),
    )
    .await
    .unwrap();
    assert!(
        p.body.starts_with("Hei ") && !p.body.contains('{'),
        "{}",
        p.body
    );
    assert_eq!((p.encoding.as_str(), p.segments), ("GSM-7", 1));

    let p = preview_and_save(
        &app.pool,
        &staff,
        "session_reminder",
        "ar",
        "تذكير",
        "مرحبا {first_name}، نراك {weekday} الساعة {time}",
        Some(amina),
        false,
        &url,
        Utc::now(),
    )
    .await
    .unwrap();
    assert_eq!(p.encoding, "UCS-2");

    // A counsellor may not edit texts.
    let counsellor = Actor::new(
        Staff {
            role: Role::Counsellor,
            ..staff.staff.clone()
        },
        Via::Page,
    );
    let e = preview_and_save(
        &app.pool,
        &counsellor,
        "welcome",
        "nb",
        "",
        "Hei",
        Some(amina),
        false,
        &url,
        Utc::now(),
    )
    .await
    .unwrap_err();
    assert!(matches!(e, StoreError::Forbidden));

    // A new participant in nb gets the edited welcome from the worker (the log provider).
    let (status, new) = app
        .post(
            &app.admin,
            "/api/v1/participants",
            json!({"first_name": "Nora", "last_name": "Ny", "phone": "91234500", "language": "nb"}),
        )
        .await;
    assert_eq!(status, 201, "{new}");
    let course: i64 = store::sql::query_scalar("SELECT id FROM courses LIMIT 1")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let (status, _) = app
        .post(
            &app.admin,
            &format!("/api/v1/courses/{course}/enrolments"),
            json!({"participant_id": new["id"]}),
        )
        .await;
    assert_eq!(status, 201);
    app.worker(chrono::Duration::zero())
        .run_once()
        .await
        .unwrap();
    let (_, sent) = app
        .get(
            &app.admin,
            &format!("/api/v1/messages?participant_id={}&state=sent", new["id"]),
        )
        .await;
    let welcome = sent
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["kind"] == "welcome")
        .expect("a welcome was sent");
    assert_eq!(welcome["body"], "Hei Nora! Vi sees på Klart jeg kan.");
}
