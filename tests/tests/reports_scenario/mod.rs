//! The scenario the report tests share: five months of 2025 built through the REST API
//! (participants registered across month ends, two courses with marks, outcomes, attempts, a
//! closed follow-up, a failed text), and the same facts kept here to count on their own.
#![allow(dead_code)] // each test file uses part of it

use chrono::{NaiveDate, TimeZone, Utc};
use domain::people::Role;
use samling_tests::{assert_error, TestApp};
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet};

pub const STATUSES: [&str; 8] = [
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
pub struct Scenario {
    /// participant → registration day (Oslo)
    pub registered: BTreeMap<i64, NaiveDate>,
    /// participant → day follow-up closed
    pub closed: BTreeMap<i64, NaiveDate>,
    /// (participant, day, status), in the order recorded
    pub outcomes: Vec<(i64, NaiveDate, &'static str)>,
    /// (participant, day, reached)
    pub attempts: Vec<(i64, NaiveDate, bool)>,
    /// (participant, day, status) of marks
    pub marks: Vec<(i64, NaiveDate, &'static str)>,
    /// session days
    pub sessions: Vec<NaiveDate>,
    /// (participant, day) of failed texts
    pub failed: Vec<(i64, NaiveDate)>,
}

pub fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

pub fn month_of(d: NaiveDate) -> String {
    d.format("%Y-%m").to_string()
}

pub fn month_end(month: &str) -> NaiveDate {
    let first = day(&format!("{month}-01"));
    first + chrono::Months::new(1) - chrono::Days::new(1)
}

impl Scenario {
    pub fn in_follow_up(&self, p: i64, at: NaiveDate) -> bool {
        self.registered[&p] <= at && self.closed.get(&p).is_none_or(|c| *c > at)
    }

    pub fn latest_by(&self, p: i64, at: NaiveDate) -> Option<&'static str> {
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
    pub fn expected(&self, month: &str, previous: &str) -> Value {
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

pub async fn backdate(app: &TestApp, participant: i64, at: chrono::DateTime<Utc>) {
    store::sql::query("UPDATE participants SET created_at = $1 WHERE id = $2")
        .bind(at)
        .bind(participant)
        .execute(&app.pool)
        .await
        .unwrap();
}

pub async fn course(
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

pub struct Setup {
    pub app: TestApp,
    pub scenario: Scenario,
    pub counsellor: String,
    pub course_a: i64,
    pub people: Vec<i64>,
}

pub async fn setup() -> Setup {
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

pub fn accumulate(months: &mut [Value]) {
    let mut sum: BTreeMap<String, i64> = STATUSES.iter().map(|s| (s.to_string(), 0)).collect();
    for m in months.iter_mut() {
        for s in STATUSES {
            *sum.get_mut(s).unwrap() += m["outcomes"][s].as_i64().unwrap();
        }
        m["accumulated"] = json!(sum);
    }
}
