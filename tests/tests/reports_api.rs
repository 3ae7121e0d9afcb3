//! Outcomes, contact attempts, follow-up and the monthly report through the REST API: the
//! shared five-month scenario checked against figures the test counts on its own, a
//! counsellor's scope, and the answers to bad input.

mod reports_scenario;

use reports_scenario::*;
use samling_tests::assert_error;
use serde_json::{json, Value};

#[tokio::test]
async fn the_monthly_report_matches_figures_counted_independently() {
    let Setup {
        app,
        scenario,
        counsellor,
        people,
        course_a,
    } = setup().await;
    let months = ["2025-01", "2025-02", "2025-03", "2025-04", "2025-05"];
    let mut expected: Vec<Value> = months
        .iter()
        .enumerate()
        .map(|(i, m)| scenario.expected(m, if i == 0 { "2024-12" } else { months[i - 1] }))
        .collect();
    accumulate(&mut expected);
    let (status, report) = app
        .get(
            &app.admin,
            "/api/v1/reports/monthly?from=2025-01&to=2025-05",
        )
        .await;
    assert_eq!(status, 200, "{report}");
    let got = report["months"].as_array().unwrap();
    assert_eq!(got.len(), 5);
    for (g, e) in got.iter().zip(&expected) {
        for key in e.as_object().unwrap().keys() {
            assert_eq!(g[key], e[key], "{key} in {}: {g}", e["month"]);
        }
    }
    // A few figures spelled out, so that a shared mistake cannot hide.
    assert_eq!(got[0]["sessions_held"], 8);
    assert_eq!(got[0]["attendance_rate"], 0.5);
    assert_eq!(
        got[1]["new_participants"], 2,
        "P4 registered on 1 February in Oslo"
    );
    assert_eq!(got[1]["outcomes"]["work_training"], 1);
    assert_eq!(got[1]["outcomes"]["benefits"], 0);
    assert_eq!(got[1]["unreachable"], 1);
    assert_eq!(
        got[2]["unreachable"], 1,
        "P5 was tried and absent; P1 and P4 were reached"
    );
    assert_eq!(
        got[3]["unreachable"], 1,
        "a failed text counts as an attempt"
    );
    assert_eq!(got[3]["in_follow_up"], 5);
    assert_eq!(got[4]["accumulated"]["education"], 1);
    assert_eq!(got[4]["accumulated"]["work_training"], 1);

    // A counsellor counts only their school's pupils (P6), and the filters narrow within that.
    let (status, mine) = app
        .get(
            &counsellor,
            "/api/v1/reports/monthly?from=2025-01&to=2025-05",
        )
        .await;
    assert_eq!(status, 200, "{mine}");
    let mine = mine["months"].as_array().unwrap();
    assert_eq!(
        mine.iter()
            .map(|m| m["new_participants"].as_i64().unwrap())
            .sum::<i64>(),
        1
    );
    assert_eq!(mine[2]["sessions_held"], 8);
    assert_eq!(mine[2]["attendance_rate"], 1.0);
    assert_eq!(mine[3]["unreachable"], 1);
    assert_eq!(mine[0]["sessions_held"], 0);
    let (_, course_a_only) = app
        .get(
            &app.admin,
            &format!("/api/v1/reports/monthly?from=2025-01&to=2025-05&course_id={course_a}"),
        )
        .await;
    assert_eq!(course_a_only["months"][0]["new_participants"], 3);
    assert_eq!(course_a_only["months"][2]["sessions_held"], 0);

    // Bad input is a clear 4xx.
    assert_error(
        &app.get(&app.admin, "/api/v1/reports/monthly?from=2025-13")
            .await,
        422,
        "invalid",
        Some("from"),
    );
    assert_error(
        &app.get(
            &app.admin,
            "/api/v1/reports/monthly?from=2025-05&to=2025-01",
        )
        .await,
        422,
        "invalid",
        Some("to"),
    );
    assert_error(
        &app.get(&app.admin, "/api/v1/reports/monthly?to=2999-01")
            .await,
        422,
        "invalid",
        Some("to"),
    );
    // Reports start in 2000; a default start before that stops there (it once named year -1).
    for (query, field) in [("from=1999-12&to=2000-02", "from"), ("to=0000-01", "to")] {
        assert_error(
            &app.get(&app.admin, &format!("/api/v1/reports/monthly?{query}"))
                .await,
            422,
            "invalid",
            Some(field),
        );
    }
    let (status, early) = app
        .get(&app.admin, "/api/v1/reports/monthly?to=2000-03")
        .await;
    assert_eq!((status, &early["from"]), (200, &json!("2000-01")));
    let (_, nothing) = app
        .get(
            &counsellor,
            "/api/v1/reports/monthly?from=2025-01&to=2025-05&school_id=999",
        )
        .await;
    assert_eq!(nothing["months"][3]["in_follow_up"], 0);

    // The history keeps every outcome, newest first, each with the one before it.
    let (status, history) = app
        .get(
            &app.admin,
            &format!("/api/v1/participants/{}/outcomes", people[0]),
        )
        .await;
    assert_eq!(status, 200, "{history}");
    let history: Vec<(&str, Option<&str>)> = history
        .as_array()
        .unwrap()
        .iter()
        .map(|o| (o["status"].as_str().unwrap(), o["previous_status"].as_str()))
        .collect();
    assert_eq!(
        history,
        [
            ("work", Some("work_training")),
            ("work_training", Some("benefits")),
            ("benefits", None)
        ]
    );
    assert_error(
        &app.post(
            &app.admin,
            &format!("/api/v1/participants/{}/outcomes", people[0]),
            json!({"status": "job", "date": "2025-01-01"}),
        )
        .await,
        422,
        "invalid",
        Some("status"),
    );
    assert_error(
        &app.post(
            &app.admin,
            &format!("/api/v1/participants/{}/contact-attempts", people[0]),
            json!({"status": "job", "date": "2999-01-01", "channel": "phone", "reached": false}),
        )
        .await,
        422,
        "invalid",
        Some("date"),
    );
    assert_error(
        &app.post(
            &app.admin,
            &format!("/api/v1/participants/{}/follow-up/close", people[1]),
            json!({"status": "work", "date": "2025-04-01"}),
        )
        .await,
        409,
        "conflict",
        None,
    );
    assert_error(
        &app.get(
            &counsellor,
            &format!("/api/v1/participants/{}/outcomes", people[0]),
        )
        .await,
        403,
        "forbidden",
        None,
    );
}
