//! Outcomes, contact attempts, follow-up and the monthly and course reports through the REST
//! API: a scenario across five months of 2025, checked against figures the test computes on
//! its own, and the CSV and .xlsx downloads read back with real readers (`csv`, `calamine`).

use chrono::{NaiveDate, TimeZone, Utc};
use domain::people::Role;
use samling_tests::{assert_error, TestApp};
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet};

const STATUSES: [&str; 8] = [
    "work",
    "education",
    "work_training",
    "course",
    "benefits",
    "moved",
    "other",
    "unknown",
];

/// What the test put in, to count on its own.
#[derive(Default)]
struct Scenario {
    /// participant → registration day (Oslo)
    registered: BTreeMap<i64, NaiveDate>,
    /// participant → day follow-up closed
    closed: BTreeMap<i64, NaiveDate>,
    /// (participant, day, status), in the order recorded
    outcomes: Vec<(i64, NaiveDate, &'static str)>,
    /// (participant, day, reached)
    attempts: Vec<(i64, NaiveDate, bool)>,
    /// (participant, day, status) of marks
    marks: Vec<(i64, NaiveDate, &'static str)>,
    /// session days
    sessions: Vec<NaiveDate>,
    /// (participant, day) of failed texts
    failed: Vec<(i64, NaiveDate)>,
}

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn month_of(d: NaiveDate) -> String {
    d.format("%Y-%m").to_string()
}

fn month_end(month: &str) -> NaiveDate {
    let first = day(&format!("{month}-01"));
    first + chrono::Months::new(1) - chrono::Days::new(1)
}

impl Scenario {
    fn in_follow_up(&self, p: i64, at: NaiveDate) -> bool {
        self.registered[&p] <= at && self.closed.get(&p).is_none_or(|c| *c > at)
    }

    fn latest_by(&self, p: i64, at: NaiveDate) -> Option<&'static str> {
        // Recorded in order: among equal days the later record wins.
        let mut best: Option<(NaiveDate, usize, &str)> = None;
        for (i, (q, d, s)) in self.outcomes.iter().enumerate() {
            if *q == p && *d <= at && best.is_none_or(|(bd, bi, _)| (*d, i) > (bd, bi)) {
                best = Some((*d, i, s));
            }
        }
        best.map(|(_, _, s)| s)
    }

    /// The figures of one month, counted the plain way.
    fn expected(&self, month: &str, previous: &str) -> Value {
        let end = month_end(month);
        let prev_end = month_end(previous);
        let people: Vec<i64> = self.registered.keys().copied().collect();
        let new = people
            .iter()
            .filter(|p| month_of(self.registered[p]) == month)
            .count();
        let in_fu = people
            .iter()
            .filter(|p| self.in_follow_up(**p, end))
            .count();
        let listed = people
            .iter()
            .filter(|p| {
                self.in_follow_up(**p, end)
                    && self.in_follow_up(**p, prev_end)
                    && matches!(
                        self.latest_by(**p, end),
                        None | Some("benefits" | "unknown")
                    )
            })
            .count();
        let mut outcomes: BTreeMap<&str, i64> = STATUSES.iter().map(|s| (*s, 0)).collect();
        for p in &people {
            let in_month: Vec<_> = self
                .outcomes
                .iter()
                .enumerate()
                .filter(|(_, (q, d, _))| q == p && month_of(*d) == month)
                .collect();
            if let Some((_, (_, _, s))) = in_month.iter().max_by_key(|(i, (_, d, _))| (*d, *i)) {
                *outcomes.get_mut(s).unwrap() += 1;
            }
        }
        let held = self
            .sessions
            .iter()
            .filter(|d| month_of(**d) == month)
            .count();
        let marks: Vec<_> = self
            .marks
            .iter()
            .filter(|(_, d, _)| month_of(*d) == month)
            .collect();
        let attended = marks
            .iter()
            .filter(|(_, _, s)| matches!(*s, "present" | "late"))
            .count();
        let tried: BTreeSet<i64> = self
            .attempts
            .iter()
            .filter(|(_, d, _)| month_of(*d) == month)
            .map(|(p, _, _)| *p)
            .chain(
                self.failed
                    .iter()
                    .filter(|(_, d)| month_of(*d) == month)
                    .map(|(p, _)| *p),
            )
            .collect();
        let reached: BTreeSet<i64> = self
            .attempts
            .iter()
            .filter(|(_, d, r)| *r && month_of(*d) == month)
            .map(|(p, _, _)| *p)
            .chain(
                marks
                    .iter()
                    .filter(|(_, _, s)| matches!(*s, "present" | "late"))
                    .map(|(p, _, _)| *p),
            )
            .collect();
        json!({
            "month": month,
            "new_participants": new,
            "in_follow_up": in_fu,
            "sessions_held": held,
            "attended": attended,
            "marks": marks.len(),
            "attendance_rate": if marks.is_empty() { Value::Null } else { json!(attended as f64 / marks.len() as f64) },
            "outcomes": outcomes,
            "listed_two_months": listed,
            "unreachable": tried.difference(&reached).count(),
        })
    }
}

async fn backdate(app: &TestApp, participant: i64, at: chrono::DateTime<Utc>) {
    store::sql::query("UPDATE participants SET created_at = $1 WHERE id = $2")
        .bind(at)
        .bind(participant)
        .execute(&app.pool)
        .await
        .unwrap();
}

async fn course(
    app: &TestApp,
    programme: i64,
    title: &str,
    start: &str,
) -> (i64, Vec<(i64, NaiveDate)>) {
    let (status, c) = app
        .post(
            &app.admin,
            "/api/v1/courses",
            json!({"programme_id": programme, "title": title, "public_name": "Kurs",
                   "location": "Rom 1", "start_date": start, "weekdays": ["mon", "wed"],
                   "start_time": "10:00", "end_time": "12:00"}),
        )
        .await;
    assert_eq!(status, 201, "{c}");
    let id = c["course"]["id"]
        .as_i64()
        .unwrap_or_else(|| c["id"].as_i64().unwrap());
    let (_, sessions) = app
        .get(&app.admin, &format!("/api/v1/courses/{id}/sessions"))
        .await;
    let sessions = sessions
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["id"].as_i64().unwrap(), day(s["date"].as_str().unwrap())))
        .collect();
    (id, sessions)
}

struct Setup {
    app: TestApp,
    scenario: Scenario,
    counsellor: String,
    course_a: i64,
    people: Vec<i64>,
}

async fn setup() -> Setup {
    let app = TestApp::spawn().await;
    let oslo = chrono_tz::Europe::Oslo;
    let (status, programme) = app
        .post(
            &app.admin,
            "/api/v1/programmes",
            json!({"name": "Ny retning", "sessions_per_week": 2, "weeks": 4, "weekdays": ["mon", "wed"],
                   "start_time": "10:00", "end_time": "12:00"}),
        )
        .await;
    assert_eq!(status, 201, "{programme}");
    assert_eq!(programme["completion_percent"], 75, "the default share");
    let programme = programme["id"].as_i64().unwrap();
    assert_error(
        &app.post(
            &app.admin,
            "/api/v1/programmes",
            json!({"name": "Annet", "sessions_per_week": 1, "weeks": 1, "weekdays": ["mon"],
                         "start_time": "10:00", "end_time": "12:00", "completion_percent": 0}),
        )
        .await,
        422,
        "invalid",
        Some("completion_percent"),
    );
    let (status, school) = app
        .post(
            &app.admin,
            "/api/v1/schools",
            json!({"name": "Nordby skole"}),
        )
        .await;
    assert_eq!(status, 201, "{school}");
    let counsellor = app
        .user("radgiver@nordby.no", Role::Counsellor, Some("Nordby skole"))
        .await;

    let mut s = Scenario::default();
    let mut people = vec![];
    // Registered (as instants): P4 at 23:30 UTC on 31 January, which is 1 February in Oslo.
    let registered = [
        Utc.with_ymd_and_hms(2025, 1, 2, 9, 0, 0).unwrap(),
        Utc.with_ymd_and_hms(2025, 1, 2, 9, 0, 0).unwrap(),
        Utc.with_ymd_and_hms(2025, 1, 3, 9, 0, 0).unwrap(),
        Utc.with_ymd_and_hms(2025, 1, 31, 23, 30, 0).unwrap(),
        Utc.with_ymd_and_hms(2025, 2, 15, 12, 0, 0).unwrap(),
        Utc.with_ymd_and_hms(2025, 3, 1, 12, 0, 0).unwrap(),
    ];
    for (i, at) in registered.iter().enumerate() {
        let mut body = json!({"first_name": format!("Deltaker{}", i + 1), "last_name": "Test",
                               "birth_date": "2003-05-05", "phone": format!("912345{}", i + 10)});
        if i == 5 {
            body["school"] = json!("Nordby skole");
        }
        let (status, p) = app.post(&app.admin, "/api/v1/participants", body).await;
        assert_eq!(status, 201, "{p}");
        let id = p["id"].as_i64().unwrap();
        backdate(&app, id, *at).await;
        s.registered
            .insert(id, at.with_timezone(&oslo).date_naive());
        people.push(id);
    }
    assert_eq!(s.registered[&people[3]], day("2025-02-01"));

    let (course_a, sessions_a) = course(&app, programme, "Ny retning januar", "2025-01-06").await;
    let (course_b, sessions_b) = course(&app, programme, "Ny retning mars", "2025-03-03").await;
    for (c, members) in [(course_a, &people[0..4]), (course_b, &people[3..6])] {
        for p in members {
            let (status, e) = app
                .post(
                    &app.admin,
                    &format!("/api/v1/courses/{c}/enrolments"),
                    json!({"participant_id": p}),
                )
                .await;
            assert_eq!(status, 201, "{e}");
        }
    }
    let mut mark = async |session: i64, on: NaiveDate, p: i64, status: &'static str| {
        let (code, m) = app
            .put(
                &app.admin,
                &format!("/api/v1/sessions/{session}/attendance/{p}"),
                json!({"status": status}),
            )
            .await;
        assert_eq!(code, 200, "{m}");
        s.marks.push((p, on, status));
    };
    for (session, on) in &sessions_a {
        for (p, status) in people[0..4]
            .iter()
            .zip(["present", "late", "absent", "excused"])
        {
            mark(*session, *on, *p, status).await;
        }
    }
    for (session, on) in &sessions_b {
        for (p, status) in people[3..6].iter().zip(["present", "absent", "present"]) {
            mark(*session, *on, *p, status).await;
        }
    }
    s.sessions = sessions_a
        .iter()
        .chain(&sessions_b)
        .map(|(_, d)| *d)
        .collect();

    let (p1, p2, p3, p4, p5, p6) = (
        people[0], people[1], people[2], people[3], people[4], people[5],
    );
    // P1's outcome changes twice in February, and again in April.
    for (p, date, status) in [
        (p1, "2025-02-03", "benefits"),
        (p1, "2025-02-20", "work_training"),
        (p1, "2025-04-10", "work"),
        (p4, "2025-01-15", "unknown"),
        (p2, "2025-03-05", "course"),
        (p2, "2025-03-05", "education"), // a correction on the same day wins
    ] {
        let (code, o) = app
            .post(
                &app.admin,
                &format!("/api/v1/participants/{p}/outcomes"),
                json!({"status": status, "date": date}),
            )
            .await;
        assert_eq!(code, 201, "{o}");
        s.outcomes.push((p, day(date), status));
    }
    // P2's follow-up ends on 31 March, with the outcome the closing asks for.
    let (code, state) = app
        .post(
            &app.admin,
            &format!("/api/v1/participants/{p2}/follow-up/close"),
            json!({"status": "education", "date": "2025-03-31", "note": "Begynt på VG1"}),
        )
        .await;
    assert_eq!(code, 200, "{state}");
    assert_eq!(state["closed_on"], "2025-03-31");
    s.outcomes.push((p2, day("2025-03-31"), "education"));
    s.closed.insert(p2, day("2025-03-31"));

    for (p, date, channel, reached) in [
        (p3, "2025-02-10", "phone", false),
        (p5, "2025-03-10", "sms", false),
        (p1, "2025-03-12", "phone", false),
        (p1, "2025-03-20", "visit", true),
        (p4, "2025-03-04", "phone", false),
    ] {
        let (code, a) = app
            .post(
                &app.admin,
                &format!("/api/v1/participants/{p}/contact-attempts"),
                json!({"date": date, "channel": channel, "reached": reached}),
            )
            .await;
        assert_eq!(code, 201, "{a}");
        s.attempts.push((p, day(date), reached));
    }
    // A text to P6 that failed in April.
    let failed_at = Utc.with_ymd_and_hms(2025, 4, 8, 16, 0, 0).unwrap();
    store::sql::query(
        "INSERT INTO outbox (dedupe_key, kind, channel, participant_id, rule_key, nominal_due_at, due_at,
            state, created_at, updated_at) VALUES ('test:failed', 'session_reminder', 'sms', $1, 'test', $2, $2, 'failed', $2, $2)",
    )
    .bind(p6)
    .bind(failed_at)
    .execute(&app.pool)
    .await
    .unwrap();
    s.failed.push((p6, day("2025-04-08")));
    let _ = p5;
    Setup {
        app,
        scenario: s,
        counsellor,
        course_a,
        people,
    }
}

fn accumulate(months: &mut [Value]) {
    let mut sum: BTreeMap<String, i64> = STATUSES.iter().map(|s| (s.to_string(), 0)).collect();
    for m in months.iter_mut() {
        for s in STATUSES {
            *sum.get_mut(s).unwrap() += m["outcomes"][s].as_i64().unwrap();
        }
        m["accumulated"] = json!(sum);
    }
}

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

/// GET with the token; the status, the content type and the body's bytes.
async fn download(app: &TestApp, token: &str, path: &str) -> (u16, String, Vec<u8>) {
    let r = app
        .client
        .get(app.url(path))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    let status = r.status().as_u16();
    let kind = r
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    (status, kind, r.bytes().await.unwrap().to_vec())
}

/// The CSV's records, read with the `csv` crate the way Norwegian Excel reads it.
fn read_csv(bytes: &[u8]) -> Vec<Vec<String>> {
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBF"),
        "UTF-8 with a byte-order mark"
    );
    csv::ReaderBuilder::new()
        .delimiter(b';')
        .has_headers(false)
        .flexible(true)
        .from_reader(&bytes[3..])
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect()
}

fn read_xlsx(bytes: Vec<u8>) -> BTreeMap<String, Vec<Vec<calamine::Data>>> {
    use calamine::Reader;
    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    book.sheet_names()
        .into_iter()
        .map(|name| {
            let range = book.worksheet_range(&name).unwrap();
            (name, range.rows().map(|r| r.to_vec()).collect())
        })
        .collect()
}

fn number(d: &calamine::Data) -> f64 {
    match d {
        calamine::Data::Float(f) => *f,
        calamine::Data::Int(i) => *i as f64,
        other => panic!("a number, not {other:?}"),
    }
}

async fn export_entries(app: &TestApp, participant: i64) -> Vec<(String, String)> {
    store::sql::query_as("SELECT action, what FROM access_log WHERE participant_id = $1 AND what = 'course report' ORDER BY id")
        .bind(participant)
        .fetch_all(&app.pool)
        .await
        .unwrap()
}

#[tokio::test]
async fn reports_download_as_csv_for_norwegian_excel_and_as_real_workbooks() {
    let Setup {
        app,
        course_a,
        people,
        ..
    } = setup().await;
    let query = "/api/v1/reports/monthly?from=2025-01&to=2025-05";
    let (_, json_report) = app.get(&app.admin, query).await;
    let months = json_report["months"].as_array().unwrap();

    let (status, kind, bytes) = download(&app, &app.admin, &format!("{query}&format=csv")).await;
    assert_eq!(status, 200);
    assert!(kind.starts_with("text/csv"), "{kind}");
    let rows = read_csv(&bytes);
    assert_eq!(rows.len(), 1 + months.len());
    let header = &rows[0];
    let col = |name: &str| {
        header
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("{name} in {header:?}"))
    };
    for (row, m) in rows[1..].iter().zip(months) {
        let month = m["month"].as_str().unwrap();
        assert_eq!(
            row[col("Måned")],
            format!("01.{}.{}", &month[5..], &month[..4])
        );
        assert_eq!(row[col("Nye deltakere")], m["new_participants"].to_string());
        assert_eq!(
            row[col("I oppfølging ved månedsslutt")],
            m["in_follow_up"].to_string()
        );
        assert_eq!(row[col("Ikke mulig å nå")], m["unreachable"].to_string());
        assert_eq!(
            row[col("Arbeidstrening")],
            m["outcomes"]["work_training"].to_string()
        );
        assert_eq!(
            row[col("Akkumulert – Utdanning")],
            m["accumulated"]["education"].to_string()
        );
        let rate = &row[col("Oppmøte (%)")];
        match m["attendance_rate"].as_f64() {
            None => assert_eq!(rate, ""),
            Some(r) => {
                assert!(!rate.contains('.'), "a decimal comma: {rate}");
                let back: f64 = rate.replace(',', ".").parse().unwrap();
                assert!((back - r * 100.0).abs() < 0.051, "{back} vs {r}");
            }
        }
    }

    // For sharing: every count from 1 to 4 is "<5"; 0 and 5 or more stay.
    let (_, _, shared) = download(
        &app,
        &app.admin,
        &format!("{query}&format=csv&for_sharing=true"),
    )
    .await;
    let shared = read_csv(&shared);
    for (row, m) in shared[1..].iter().zip(months) {
        for (key, c) in [
            ("new_participants", col("Nye deltakere")),
            ("in_follow_up", col("I oppfølging ved månedsslutt")),
            ("unreachable", col("Ikke mulig å nå")),
        ] {
            let n = m[key].as_i64().unwrap();
            let want = if (1..=4).contains(&n) {
                "<5".to_string()
            } else {
                n.to_string()
            };
            assert_eq!(row[c], want, "{key}");
        }
    }
    assert!(shared.iter().flatten().any(|c| c == "<5"));
    assert_error(
        &app.get(&app.admin, &format!("{query}&for_sharing=true"))
            .await,
        422,
        "invalid",
        Some("for_sharing"),
    );

    let (status, kind, bytes) = download(&app, &app.admin, &format!("{query}&format=xlsx")).await;
    assert_eq!(status, 200);
    assert_eq!(
        kind,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    );
    let book = read_xlsx(bytes);
    let sheet = book.values().next().unwrap();
    assert_eq!(sheet.len(), 1 + months.len());
    let xheader: Vec<String> = sheet[0].iter().map(|c| c.to_string()).collect();
    assert_eq!(&xheader, header);
    for (row, m) in sheet[1..].iter().zip(months) {
        assert!(
            matches!(row[0], calamine::Data::DateTime(_)),
            "the month is a date: {:?}",
            row[0]
        );
        assert_eq!(
            number(&row[col("Nye deltakere")]),
            m["new_participants"].as_f64().unwrap()
        );
        assert_eq!(
            number(&row[col("Samlinger holdt")]),
            m["sessions_held"].as_f64().unwrap()
        );
        assert_eq!(
            number(&row[col("Akkumulert – Arbeid")]),
            m["accumulated"]["work"].as_f64().unwrap()
        );
        match m["attendance_rate"].as_f64() {
            Some(r) => assert!((number(&row[col("Oppmøte (%)")]) - r).abs() < 1e-9),
            None => assert_eq!(row[col("Oppmøte (%)")], calamine::Data::Empty),
        }
    }

    // The course report: 2 of 4 completed (8 of 8 each); outcomes within three months after
    // the last session (29 January): P1 work (10 April), P2 education, P4 unknown.
    let (status, report) = app
        .get(&app.admin, &format!("/api/v1/courses/{course_a}/report"))
        .await;
    assert_eq!(status, 200, "{report}");
    assert_eq!(report["sessions_held"], 8);
    assert_eq!(report["participants_count"], 4);
    assert_eq!(report["completed"], 2);
    assert_eq!(report["completion_percent"], 75);
    assert_eq!(report["outcome_window_ends"], "2025-04-29");
    assert_eq!(report["outcomes"]["work"], 1);
    assert_eq!(report["outcomes"]["education"], 1);
    assert_eq!(report["outcomes"]["unknown"], 1);
    assert_eq!(report["moved_on"], 2);
    assert_eq!(report["without_outcome"], 1);
    assert_eq!(report["sessions"][0]["present"], 1);
    assert_eq!(report["sessions"][0]["late"], 1);
    assert_eq!(
        export_entries(&app, people[0]).await,
        [("read".to_string(), "course report".to_string())]
    );

    // Downloads with names are exports in the access log; for sharing, no names and no entry.
    let path = format!("/api/v1/courses/{course_a}/report?format=xlsx");
    let (status, _, bytes) = download(&app, &app.admin, &path).await;
    assert_eq!(status, 200);
    let book = read_xlsx(bytes);
    let names = book.get("Deltakere").expect("a sheet of participants");
    assert_eq!(names.len(), 5);
    assert_eq!(names[1][0].to_string(), "Deltaker1 Test");
    assert!((number(&names[1][2]) - 1.0).abs() < 1e-9);
    assert_eq!(
        export_entries(&app, people[0]).await.last().unwrap().0,
        "export"
    );
    let (_, _, csv_bytes) = download(
        &app,
        &app.admin,
        &format!("/api/v1/courses/{course_a}/report?format=csv&for_sharing=true"),
    )
    .await;
    let text = String::from_utf8(csv_bytes).unwrap();
    assert!(!text.contains("Deltaker1"), "{text}");
    assert!(text.contains("<5"));
    assert_eq!(export_entries(&app, people[0]).await.len(), 2);

    // A stricter programme: 100 % needed, and P2's one late mark still counts as attended.
    let (status, _) = app
        .get(&app.admin, &format!("/api/v1/courses/{course_a}"))
        .await;
    assert_eq!(status, 200);
    store::sql::query("UPDATE programmes SET completion_percent = 100")
        .execute(&app.pool)
        .await
        .unwrap();
    let (_, strict) = app
        .get(&app.admin, &format!("/api/v1/courses/{course_a}/report"))
        .await;
    assert_eq!(strict["completed"], 2);
    assert_eq!(strict["completion_percent"], 100);

    // A counsellor's course report holds only their own pupils (none in this course).
    let counsellor = app
        .user(
            "radgiver2@nordby.no",
            Role::Counsellor,
            Some("Nordby skole"),
        )
        .await;
    let (_, theirs) = app
        .get(&counsellor, &format!("/api/v1/courses/{course_a}/report"))
        .await;
    assert_eq!(theirs["participants_count"], 0);
}
