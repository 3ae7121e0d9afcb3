//! Buddy pairs through the REST API: generating, re-pairing without repeats, setting pairs by
//! hand, and flagging a buddy left alone by a withdrawal.

use samling_tests::{assert_error, TestApp};
use serde_json::{json, Value};
use std::collections::HashSet;
use store::auth::create_api_token;

fn groups(pairing: &Value) -> Vec<Vec<i64>> {
    pairing["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            g["participant_ids"]
                .as_array()
                .unwrap()
                .iter()
                .map(|id| id.as_i64().unwrap())
                .collect()
        })
        .collect()
}

fn pairs_of(groups: &[Vec<i64>]) -> HashSet<(i64, i64)> {
    groups
        .iter()
        .flat_map(|g| domain::pairing::pairs_in(g))
        .collect()
}

#[tokio::test]
async fn pairs_cover_everyone_and_re_pairing_avoids_repeats() {
    let app = TestApp::spawn().await;
    app.load_demo().await;
    let leader = create_api_token(
        &app.pool,
        app.user_id("kursleder@samling.test").await,
        chrono::Utc::now(),
    )
    .await
    .unwrap();
    let course: i64 = store::sql::query_scalar("SELECT id FROM courses")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let (_, none) = app
        .get(&leader, &format!("/api/v1/courses/{course}/pairs"))
        .await;
    assert_eq!(none["groups"], json!([]));
    assert_eq!(none["unpaired"].as_array().unwrap().len(), 12);

    let mut seen = HashSet::new();
    for round in 0..3 {
        let (status, pairing) = app
            .post(
                &leader,
                &format!("/api/v1/courses/{course}/pairs/generate"),
                json!({}),
            )
            .await;
        assert_eq!(status, 201, "{pairing}");
        let g = groups(&pairing);
        assert_eq!(g.len(), 6);
        let mut all: Vec<i64> = g.iter().flatten().copied().collect();
        all.sort();
        all.dedup();
        assert_eq!(all.len(), 12, "everyone exactly once");
        for p in pairs_of(&g) {
            assert!(seen.insert(p), "round {round} repeated {p:?}");
        }
    }
    let (_, current) = app
        .get(&leader, &format!("/api/v1/courses/{course}/pairs"))
        .await;
    assert_eq!(current["unpaired"], json!([]));
    let (_, history) = app
        .get(&leader, &format!("/api/v1/courses/{course}/pairs/history"))
        .await;
    assert_eq!(history.as_array().unwrap().len(), 3);
    assert_eq!(history[0]["id"], current["id"], "newest first");

    // Odd count: a withdrawal leaves 11, so the next pairing has one trio.
    let first = groups(&current)[0].clone();
    let (status, _) = app
        .delete(
            &leader,
            &format!("/api/v1/courses/{course}/enrolments/{}", first[0]),
            None,
        )
        .await;
    assert_eq!(status, 200);
    let (_, flagged) = app
        .get(&leader, &format!("/api/v1/courses/{course}/pairs"))
        .await;
    assert_eq!(
        flagged["groups"][0]["needs_new_buddy"],
        json!([first[1]]),
        "the buddy is flagged"
    );
    let (_, next) = app
        .post(
            &leader,
            &format!("/api/v1/courses/{course}/pairs/generate"),
            json!({}),
        )
        .await;
    let sizes: Vec<usize> = groups(&next).iter().map(Vec::len).collect();
    assert_eq!(sizes.iter().filter(|s| **s == 3).count(), 1);
    assert_eq!(sizes.iter().sum::<usize>(), 11);
}

#[tokio::test]
async fn pairs_set_by_hand_are_checked() {
    let app = TestApp::spawn().await;
    app.load_demo().await;
    let course: i64 = store::sql::query_scalar("SELECT id FROM courses")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let ids: Vec<i64> = store::sql::query_scalar(
        "SELECT participant_id FROM enrolments WHERE course_id = $1 ORDER BY participant_id",
    )
    .bind(course)
    .fetch_all(&app.pool)
    .await
    .unwrap();
    let url = format!("/api/v1/courses/{course}/pairs");
    let (status, pairing) = app
        .put(
            &app.admin,
            &url,
            json!({"groups": [[ids[0], ids[1]], [ids[2], ids[3], ids[4]]]}),
        )
        .await;
    assert_eq!(status, 200, "{pairing}");
    assert_eq!(pairing["how"], "manual");
    assert_eq!(pairing["unpaired"].as_array().unwrap().len(), 7);
    assert_error(
        &app.put(&app.admin, &url, json!({"groups": [[ids[0]]]}))
            .await,
        422,
        "invalid",
        Some("groups"),
    );
    assert_error(
        &app.put(
            &app.admin,
            &url,
            json!({"groups": [[ids[0], ids[1]], [ids[1], ids[2]]]}),
        )
        .await,
        422,
        "invalid",
        Some("groups"),
    );
    assert_error(
        &app.put(&app.admin, &url, json!({"groups": [[ids[0], 999999]]}))
            .await,
        422,
        "invalid",
        Some("groups"),
    );
    let counsellor = app
        .user(
            "r@skole.no",
            domain::people::Role::Counsellor,
            Some("Haugen ungdomsskole"),
        )
        .await;
    assert_error(
        &app.post(&counsellor, &format!("{url}/generate"), json!({}))
            .await,
        403,
        "forbidden",
        None,
    );
}
