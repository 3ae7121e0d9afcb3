//! Benchmark of the reports (not a test; prints figures). Run it in release:
//!
//!   cargo run --release -p samling-tests --bin bench-reports [-- postgres://…/empty_db]
//!
//! Five years of history — 20,000 participants, 2,000 courses of 8 sessions, 160,000
//! attendance marks, outcomes, contact attempts and closed follow-ups — written straight into
//! the database, then the real server (in this process, no worker) answers
//! `GET /api/v1/reports/monthly` over the 60 months as JSON and as .xlsx, and one course's
//! report. Each request runs BENCH_RUNS times (default 5); the best and the median are printed.
//! Target from issue 13: the monthly report under 1 s.

use chrono::{DateTime, Duration, Months, NaiveDate, NaiveTime, TimeZone, Utc};
use domain::people::Role;
use samling::config::Config;
use samling::startup::Application;
use samling_tests::bench::{database_urls, engine_of, print_side_by_side};
use std::collections::BTreeMap;
use std::time::Instant;
use store::auth::{create_api_token, upsert_staff, NewStaff};
use store::sql::{query, Bind, Rows, Value};

const COURSES: i64 = 2_000;
const PER_COURSE: i64 = 10;
const SESSIONS: i64 = 8;
const MONTHS: u32 = 60;
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

struct Figures {
    engine: String,
    load_s: f64,
    json: (f64, f64),
    xlsx: (f64, f64),
    course: (f64, f64),
}

#[tokio::main]
async fn main() {
    let runs: usize = std::env::var("BENCH_RUNS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(5);
    let dir = std::env::temp_dir().join(format!("samling-bench-reports-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut all = Vec::new();
    for url in database_urls(&dir) {
        println!("== {url}");
        all.push(measure(&url, runs).await);
    }
    let ms = |(best, median): (f64, f64)| format!("{best:.0}/{median:.0}");
    print_side_by_side(
        &all,
        |f| f.engine.as_str(),
        &[
            ("writing the history (s)", &|f| format!("{:.1}", f.load_s)),
            ("monthly, 60 months, JSON: best/median ms", &|f| ms(f.json)),
            ("monthly, 60 months, .xlsx: best/median ms", &|f| ms(f.xlsx)),
            ("one course's report: best/median ms", &|f| ms(f.course)),
        ],
    );
    let _ = std::fs::remove_dir_all(dir);
}

/// Writes `rows` (one `Vec<Value>` each) into `table (columns)` in chunks, in one transaction.
async fn insert(db: &store::Db, table: &str, columns: &str, rows: Vec<Vec<Value<'static>>>) {
    let width = columns.split(',').count();
    let mut tx = db.begin_write().await.unwrap();
    for chunk in rows.chunks(500) {
        let mut values = Rows::new(db.engine(), width);
        for row in chunk {
            match width {
                2 => values.push::<2>(row.clone().try_into().unwrap()),
                3 => values.push::<3>(row.clone().try_into().unwrap()),
                4 => values.push::<4>(row.clone().try_into().unwrap()),
                6 => values.push::<6>(row.clone().try_into().unwrap()),
                7 => values.push::<7>(row.clone().try_into().unwrap()),
                9 => values.push::<9>(row.clone().try_into().unwrap()),
                11 => values.push::<11>(row.clone().try_into().unwrap()),
                n => panic!("no row of {n} columns here"),
            }
        }
        let sql = format!("INSERT INTO {table} ({columns}) {}", values.source());
        query(&sql)
            .bind_rows(values)
            .unwrap()
            .execute(&mut tx)
            .await
            .unwrap();
    }
    tx.commit().await.unwrap();
}

fn at(day: NaiveDate, hour: u32) -> DateTime<Utc> {
    chrono_tz::Europe::Oslo
        .from_local_datetime(&day.and_hms_opt(hour, 0, 0).unwrap())
        .earliest()
        .unwrap()
        .with_timezone(&Utc)
}

/// A cheap, repeatable spread of choices.
fn pick(a: i64, b: i64, n: i64) -> i64 {
    (a.wrapping_mul(7919) + b.wrapping_mul(104_729)).rem_euclid(n)
}

async fn write_history(db: &store::Db, admin: i64, programme: i64, now: DateTime<Utc>) {
    let first = now.date_naive() - Months::new(MONTHS);
    let span = (now.date_naive() - first).num_days() - 60;
    let (mut courses, mut leaders, mut sessions, mut people, mut enrolments) =
        (vec![], vec![], vec![], vec![], vec![]);
    let (mut marks, mut outcomes, mut attempts, mut closures) = (vec![], vec![], vec![], vec![]);
    for c in 0..COURSES {
        let id = 1_000 + c;
        let start = first + Duration::days(span * c / COURSES);
        courses.push(vec![
            id.value(),
            programme.value(),
            format!("Kurs {c}").value(),
            "Kurs".value(),
            start.value(),
            "mon,wed".value(),
            NaiveTime::from_hms_opt(10, 0, 0).unwrap().value(),
            NaiveTime::from_hms_opt(12, 0, 0).unwrap().value(),
            admin.value(),
            at(start - Duration::days(30), 12).value(),
            at(start + Duration::days(40), 12).value(),
        ]);
        leaders.push(vec![id.value(), admin.value()]);
        let days: Vec<NaiveDate> = (0..SESSIONS)
            .map(|s| start + Duration::days((s / 2) * 7 + (s % 2) * 2))
            .collect();
        for (s, day) in days.iter().enumerate() {
            let sid = id * 100 + s as i64;
            sessions.push(vec![
                sid.value(),
                id.value(),
                (s as i64 + 1).value(),
                "regular".value(),
                format!("Samling {}", s + 1).value(),
                at(*day, 10).value(),
                at(*day, 12).value(),
                at(*day, 9).value(),
                "scheduled".value(),
            ]);
        }
        for k in 0..PER_COURSE {
            let p = c * PER_COURSE + k + 1;
            let registered = at(start - Duration::days(7 + pick(p, 1, 20)), 12);
            people.push(vec![
                p.value(),
                format!("Deltaker{p}").value(),
                "Bench".value(),
                registered.value(),
                registered.value(),
                admin.value(),
            ]);
            enrolments.push(vec![
                id.value(),
                p.value(),
                "enrolled".value(),
                registered.value(),
            ]);
            let turnout = 4 + pick(p, 2, 7);
            let mut missed = false;
            for (s, day) in days.iter().enumerate() {
                let status = if pick(p, s as i64, 10) < turnout {
                    if pick(p, s as i64 + 7, 9) == 0 {
                        "late"
                    } else {
                        "present"
                    }
                } else if pick(p, s as i64, 4) == 0 {
                    "excused"
                } else {
                    missed = true;
                    "absent"
                };
                marks.push(vec![
                    (id * 100 + s as i64).value(),
                    p.value(),
                    status.value(),
                    admin.value(),
                    at(*day, 13).value(),
                    "".value(),
                ]);
            }
            let last = days[days.len() - 1];
            if missed {
                attempts.push(vec![
                    p.value(),
                    (last + Duration::days(3)).value(),
                    ["phone", "sms"][pick(p, 3, 2) as usize].value(),
                    (pick(p, 4, 3) > 0).value(),
                    "".value(),
                    admin.value(),
                    at(last + Duration::days(3), 12).value(),
                ]);
            }
            // One or two outcomes in the months after the course; some close follow-up.
            for step in 0..=pick(p, 5, 2) {
                let day = last + Duration::days(20 + 40 * step + pick(p, step, 30));
                if at(day, 12) > now {
                    break;
                }
                let status = STATUSES[pick(p, 6 + step, 8) as usize];
                outcomes.push(vec![
                    p.value(),
                    status.value(),
                    day.value(),
                    "".value(),
                    admin.value(),
                    at(day, 12).value(),
                ]);
                if step == 1 && matches!(status, "work" | "education") {
                    closures.push(vec![p.value(), day.value(), admin.value()]);
                }
            }
        }
    }
    insert(db, "courses", "id, programme_id, title, public_name, start_date, weekdays, start_time, end_time, created_by, created_at, closed_at", courses).await;
    insert(db, "course_leaders", "course_id, user_id", leaders).await;
    insert(
        db,
        "sessions",
        "id, course_id, number, kind, title, starts_at, ends_at, updated_at, status",
        sessions,
    )
    .await;
    insert(
        db,
        "participants",
        "id, first_name, last_name, created_at, updated_at, created_by",
        people,
    )
    .await;
    insert(
        db,
        "enrolments",
        "course_id, participant_id, status, requested_at",
        enrolments,
    )
    .await;
    insert(
        db,
        "attendance",
        "session_id, participant_id, status, marked_by, marked_at, note",
        marks,
    )
    .await;
    insert(
        db,
        "outcomes",
        "participant_id, status, date, note, recorded_by, recorded_at",
        outcomes,
    )
    .await;
    insert(
        db,
        "contact_attempts",
        "participant_id, date, channel, reached, note, recorded_by, recorded_at",
        attempts,
    )
    .await;
    insert(
        db,
        "followup_closures",
        "participant_id, closed_on, closed_by",
        closures,
    )
    .await;
}

async fn timed(client: &reqwest::Client, url: &str, token: &str, runs: usize) -> (f64, f64) {
    let mut times = Vec::new();
    for _ in 0..runs {
        let t = Instant::now();
        let r = client.get(url).bearer_auth(token).send().await.unwrap();
        assert!(r.status().is_success(), "{url}: {}", r.status());
        let bytes = r.bytes().await.unwrap();
        times.push(t.elapsed().as_secs_f64() * 1000.0);
        assert!(!bytes.is_empty());
    }
    times.sort_by(f64::total_cmp);
    (times[0], times[times.len() / 2])
}

async fn measure(url: &str, runs: usize) -> Figures {
    let mut map = BTreeMap::new();
    map.insert("database_url".to_string(), url.to_string());
    map.insert("addr".to_string(), "127.0.0.1:0".to_string());
    let app = Application::build(Config::from_map(&map).unwrap())
        .await
        .unwrap();
    let base = format!("http://{}", app.local_addr());
    let db = app.pool.clone();
    let now = Utc::now();
    let admin = upsert_staff(
        &db,
        NewStaff {
            email: "bench@samling.test",
            name: "Bench",
            role: Role::Admin,
            school: None,
            password: "bench-password",
        },
        now,
    )
    .await
    .unwrap();
    let token = create_api_token(&db, admin.id, now).await.unwrap();
    let actor = store::Actor::new(admin.clone(), store::Via::Api);
    let programme = store::programmes::create_programme(
        &db,
        &actor,
        app::programmes::ProgrammeInput {
            name: "Klart jeg kan".into(),
            sessions_per_week: 2,
            weeks: 4,
            weekdays: vec!["mon".into(), "wed".into()],
            start_time: "10:00".into(),
            end_time: "12:00".into(),
            ..Default::default()
        },
        now,
    )
    .await
    .unwrap()
    .id;
    let t = Instant::now();
    write_history(&db, admin.id, programme, now).await;
    let load_s = t.elapsed().as_secs_f64();
    println!("history written in {load_s:.1} s");
    tokio::spawn(app.run_until_stopped());

    let client = reqwest::Client::new();
    let this = now.date_naive();
    let from = (this - Months::new(MONTHS - 1)).format("%Y-%m");
    let to = this.format("%Y-%m");
    let monthly = format!("{base}/api/v1/reports/monthly?from={from}&to={to}");
    let json = timed(&client, &monthly, &token, runs).await;
    println!(
        "monthly report, {MONTHS} months, JSON: best {:.0} ms, median {:.0} ms",
        json.0, json.1
    );
    let xlsx = timed(&client, &format!("{monthly}&format=xlsx"), &token, runs).await;
    println!(
        "monthly report, {MONTHS} months, .xlsx: best {:.0} ms, median {:.0} ms",
        xlsx.0, xlsx.1
    );
    let course = timed(
        &client,
        &format!("{base}/api/v1/courses/1500/report"),
        &token,
        runs,
    )
    .await;
    println!(
        "one course's report: best {:.0} ms, median {:.0} ms",
        course.0, course.1
    );
    Figures {
        engine: engine_of(url),
        load_s,
        json,
        xlsx,
        course,
    }
}
