//! The report downloads: the monthly report as CSV for Norwegian Excel and as an .xlsx
//! workbook, read back with real readers (`csv`, `calamine`) and compared with the JSON;
//! "for sharing"; the course report, its completion share and the access log of its
//! downloads.

mod reports_scenario;

use domain::people::Role;
use reports_scenario::*;
use samling_tests::{assert_error, TestApp};
use std::collections::BTreeMap;

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
