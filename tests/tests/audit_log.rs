//! The audit log for the coordinator's other records: a programme changed through the API, a
//! programme's reminder rules replaced, and a message template saved and reset each leave an
//! entry with who, what, and the values before and after. Only admins read it, newest first,
//! and it pages back.

use chrono::Utc;
use samling_tests::{assert_error, TestApp};
use serde_json::{json, Value};
use store::messages::templates::{preview_and_save, reset};

async fn entries(app: &TestApp, query: &str) -> Vec<Value> {
    let (status, list) = app.get(&app.admin, &format!("/api/v1/audit?{query}")).await;
    assert_eq!(status, 200, "{list}");
    list.as_array().unwrap().clone()
}

#[tokio::test]
async fn programmes_reminder_rules_and_templates_are_audited() {
    let app = TestApp::spawn().await;
    app.load_demo().await;
    let programme = app.programme_id("Ny retning").await;

    // A programme: the description changed, the rest kept.
    let (_, current) = app
        .get(&app.admin, &format!("/api/v1/programmes/{programme}"))
        .await;
    let mut changed = current.clone();
    changed["description"] = json!("Fire uker for deg som nettopp har sluttet på skolen.");
    changed.as_object_mut().unwrap().remove("sessions");
    let (status, answer) = app
        .put(
            &app.admin,
            &format!("/api/v1/programmes/{programme}"),
            changed,
        )
        .await;
    assert_eq!(status, 200, "{answer}");
    // (The demo's programme was created through the same store, so its creation is there too.)
    let log = entries(&app, &format!("entity=programme&entity_id={programme}")).await;
    assert_eq!(log.len(), 2, "{log:?}");
    assert_eq!(
        (log[0]["action"].as_str(), log[1]["action"].as_str()),
        (Some("update"), Some("create"))
    );
    assert_eq!(log[1]["actor_name"], "Kari Koordinator");
    assert_eq!(log[0]["before"]["description"], current["description"]);
    assert_eq!(
        log[0]["after"]["description"],
        "Fire uker for deg som nettopp har sluttet på skolen."
    );

    // The programme's reminder rules, from none of its own to one.
    let rules =
        json!({"rules": [{"channel": "sms", "offset_minutes": 2880, "min_lead_minutes": 0}]});
    let (status, answer) = app
        .put(
            &app.admin,
            &format!("/api/v1/programmes/{programme}/reminder-rules"),
            rules,
        )
        .await;
    assert_eq!(status, 200, "{answer}");
    let log = entries(
        &app,
        &format!("entity=reminder_rule&entity_id=programme:{programme}"),
    )
    .await;
    assert_eq!(log.len(), 1, "{log:?}");
    assert_eq!(log[0]["before"], json!([]));
    assert_eq!(log[0]["after"][0]["offset_minutes"], 2880);

    // A template saved, then back to the shipped text.
    let admin = store::Actor::new(
        store::auth::staff_by_email(&app.pool, "admin@test.no")
            .await
            .unwrap()
            .unwrap(),
        store::Via::Page,
    );
    let participant: i64 = store::sql::query_scalar(
        "SELECT participant_id FROM enrolments WHERE status = 'enrolled' LIMIT 1",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    let url = app.config.public_url.clone();
    preview_and_save(
        &app.pool,
        &admin,
        "welcome",
        "nb",
        "Velkommen",
        "Hei {first_name}! Vi sees.",
        Some(participant),
        true,
        &url,
        Utc::now(),
    )
    .await
    .unwrap();
    reset(&app.pool, &admin, "welcome", "nb", Utc::now())
        .await
        .unwrap();
    let log = entries(&app, "entity=template&entity_id=welcome/nb").await;
    assert_eq!(log.len(), 2, "{log:?}");
    assert_eq!(log[0]["before"]["body"], "Hei {first_name}! Vi sees.");
    assert_eq!(log[1]["after"]["body"], "Hei {first_name}! Vi sees.");
    assert_eq!(
        log[0]["after"], log[1]["before"],
        "reset brings back the shipped text"
    );
    assert_eq!(log[0]["actor_name"], "admin");

    // Newest first, and paging back goes on where the page ended.
    let all = entries(&app, "limit=2").await;
    assert_eq!(all.len(), 2);
    let older = entries(&app, &format!("limit=2&before_id={}", all[1]["id"])).await;
    assert!(older[0]["id"].as_i64() < all[1]["id"].as_i64());
    assert_error(
        &app.get(&app.admin, "/api/v1/audit?entity=spaceship").await,
        422,
        "invalid",
        Some("entity"),
    );
    let leader = app
        .user("leder@test.no", domain::people::Role::Leader, None)
        .await;
    assert_error(
        &app.get(&leader, "/api/v1/audit").await,
        403,
        "forbidden",
        None,
    );
}
