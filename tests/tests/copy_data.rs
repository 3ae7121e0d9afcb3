//! Moving a deployment: `samling copy-data` copies a populated SQLite database into an empty
//! PostgreSQL one; every table then holds the same rows on both engines, the server runs on
//! the copy with the same logins and tokens, and a second copy into a non-empty target is
//! refused. Runs in the test command's PostgreSQL round (it needs the cluster).

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use samling_tests::sms_gateway::SmsGateway;
use samling_tests::smtp::SmtpServer;
use samling_tests::{empty_postgres, TestApp};
use sqlx::Row;
use std::process::Command;
use store::{Db, Engine};

/// Every row of a table as text, column by column, in a stable order.
async fn rows(db: &Db, table: &str, columns: &[(String, String)]) -> Vec<Vec<String>> {
    let names: Vec<&str> = columns.iter().map(|(c, _)| c.as_str()).collect();
    let sql = format!(
        "SELECT {cols} FROM {table} ORDER BY {cols}",
        cols = names.join(", ")
    );
    macro_rules! read {
        ($pool:expr) => {{
            let found = sqlx::query(&sql).fetch_all($pool).await.unwrap();
            found
                .iter()
                .map(|row| {
                    columns
                        .iter()
                        .enumerate()
                        .map(|(i, (_, kind))| match kind.as_str() {
                            "bigint" => format!("{:?}", row.get::<Option<i64>, _>(i)),
                            "boolean" => format!("{:?}", row.get::<Option<bool>, _>(i)),
                            "double precision" => format!("{:?}", row.get::<Option<f64>, _>(i)),
                            // PostgreSQL keeps microseconds; SQLite's text may carry more.
                            "timestamp with time zone" => format!(
                                "{:?}",
                                row.get::<Option<DateTime<Utc>>, _>(i)
                                    .map(|t| t.timestamp_micros())
                            ),
                            "date" => format!("{:?}", row.get::<Option<NaiveDate>, _>(i)),
                            "time without time zone" => {
                                format!("{:?}", row.get::<Option<NaiveTime>, _>(i))
                            }
                            _ => format!("{:?}", row.get::<Option<String>, _>(i)),
                        })
                        .collect::<Vec<String>>()
                })
                .collect::<Vec<_>>()
        }};
    }
    let mut all = match db {
        Db::Sqlite(pool) => read!(pool),
        Db::Postgres(pool) => read!(pool),
    };
    // The engines order text differently; the rows are compared as sets.
    all.sort();
    all
}

fn copy_data(from: &str, to: &str) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_samling-instance"))
        .args(["copy-data", "--from", from, "--to", to])
        .env("RUST_LOG", "warn")
        .output()
        .expect("the samling binary runs")
}

#[tokio::test]
async fn a_populated_sqlite_database_is_copied_into_postgres_table_for_table() {
    let Some((target_url, _target)) = empty_postgres().await else {
        eprintln!("copy-data is tested in the PostgreSQL round (SAMLING_TEST_POSTGRES)");
        return;
    };
    // A SQLite deployment that has been in use: the demo, texts sent, records read.
    let gateway = SmsGateway::start().await;
    let smtp = SmtpServer::start().await;
    let mut keys = gateway.config("twilio");
    keys.insert("smtp_url".into(), smtp.url());
    keys.insert("quiet_hours".into(), "off".into());
    let pairs: Vec<(&str, &str)> = keys.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let app = TestApp::spawn_on(Some(Engine::Sqlite), &pairs).await;
    app.load_demo().await;
    app.run_worker_at(Utc::now()).await;
    assert!(gateway.count() > 0, "texts went before the move");
    let (status, people) = app.get(&app.admin, "/api/v1/participants").await;
    assert_eq!(status, 200);
    let first = people[0]["id"].as_i64().unwrap();
    let (status, _) = app
        .get(&app.admin, &format!("/api/v1/participants/{first}"))
        .await;
    assert_eq!(status, 200);
    let (_, courses_before) = app.get(&app.admin, "/api/v1/courses").await;
    let source_url = app.settings["database_url"].clone();

    let out = copy_data(&source_url, &target_url);
    let printed = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{printed}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(printed.contains("every count matches"), "{printed}");
    assert!(printed.contains("outbox_attempts"), "{printed}");

    // Every table holds the same rows.
    let target = Db::connect(&target_url).await.unwrap();
    let tables: Vec<String> = store::sql::query_scalar(
        "SELECT table_name::TEXT FROM information_schema.tables
         WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'
           AND table_name <> '_sqlx_migrations' ORDER BY table_name",
    )
    .fetch_all(&target)
    .await
    .unwrap();
    assert!(tables.len() >= 35, "{tables:?}");
    let mut compared = 0;
    for table in &tables {
        let columns: Vec<(String, String)> = store::sql::query_as(
            "SELECT column_name::TEXT, data_type::TEXT FROM information_schema.columns
             WHERE table_schema = current_schema() AND table_name = $1 AND is_generated = 'NEVER'
             ORDER BY ordinal_position",
        )
        .bind(table.as_str())
        .fetch_all(&target)
        .await
        .unwrap();
        let source_rows = rows(&app.pool, table, &columns).await;
        let target_rows = rows(&target, table, &columns).await;
        assert_eq!(source_rows, target_rows, "{table} differs after the copy");
        compared += source_rows.len();
    }
    assert!(compared > 100, "a populated database: {compared} rows");

    // The server runs on the copy: the same token answers with the same courses, and new
    // rows get new ids.
    let mut settings = app.settings.clone();
    settings.insert("database_url".into(), target_url.clone());
    let copy =
        samling_tests::instance::Instance::start(env!("CARGO_BIN_EXE_samling-instance"), &settings);
    let courses_after: serde_json::Value = app
        .client
        .get(format!("{}/api/v1/courses", copy.base))
        .bearer_auth(&app.admin)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(courses_after, courses_before);
    let created = app
        .client
        .post(format!("{}/api/v1/participants", copy.base))
        .bearer_auth(&app.admin)
        .json(&serde_json::json!({
            "first_name": "Ny", "last_name": "Etter", "birth_date": "2004-01-01",
            "phone": "+4791999999", "language": "nb", "preferred_channel": "sms"
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(created.status(), 201);

    // A second copy into the same database is refused and changes nothing.
    let again = copy_data(&source_url, &target_url);
    assert!(!again.status.success());
    assert!(
        String::from_utf8_lossy(&again.stderr).contains("not empty"),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );
}
