//! Backups: `samling backup PATH` copies the live SQLite database while another connection
//! keeps inserting; the copy passes SQLite's integrity check, holds every row committed before
//! the backup began, and a server started on it serves the demo. The scheduled backup keeps
//! the newest N copies. SQLite only: PostgreSQL deployments use pg_dump.

use samling_tests::instance::Instance;
use samling_tests::{on_postgres, TestApp};
use std::process::Command;
use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};
use std::sync::Arc;

fn samling(args: &[&str], database_url: &str) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_samling-instance"))
        .args(args)
        .env("SAMLING_DATABASE_URL", database_url)
        .env("RUST_LOG", "warn")
        .output()
        .expect("the samling binary runs")
}

fn scratch(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "samling-backup-{name}-{}-{}",
        std::process::id(),
        chrono::Utc::now().timestamp_nanos_opt().unwrap_or_default()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[tokio::test]
async fn a_backup_taken_during_writes_is_whole_and_a_server_runs_on_it() {
    if on_postgres() {
        eprintln!("backups of SQLite are tested in the SQLite round");
        return;
    }
    let app = TestApp::spawn().await;
    app.load_demo().await;
    let url = app.settings["database_url"].clone();

    // A writer that keeps committing rows, one statement each, and notes the last committed.
    let stop = Arc::new(AtomicBool::new(false));
    let committed = Arc::new(AtomicI64::new(0));
    let writer = {
        let (pool, stop, committed) = (app.pool.clone(), stop.clone(), committed.clone());
        tokio::spawn(async move {
            let mut n = 0i64;
            while !stop.load(Ordering::SeqCst) {
                n += 1;
                store::sql::query("INSERT INTO schools (name) VALUES ($1)")
                    .bind(format!("Skrivetest {n:06}"))
                    .execute(&pool)
                    .await
                    .expect("the writer inserts");
                committed.store(n, Ordering::SeqCst);
            }
            n
        })
    };
    while committed.load(Ordering::SeqCst) < 200 {
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }
    let dir = scratch("live");
    let copy = dir.join("samling-copy.db");
    let before = committed.load(Ordering::SeqCst);
    let output = {
        let (copy, url) = (copy.clone(), url.clone());
        tokio::task::spawn_blocking(move || samling(&["backup", copy.to_str().unwrap()], &url))
            .await
            .unwrap()
    };
    let during = committed.load(Ordering::SeqCst);
    stop.store(true, Ordering::SeqCst);
    let total = writer.await.unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "backup failed: {}{stdout}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(stdout.contains("integrity check says ok"), "{stdout}");
    assert!(
        stdout.contains("participants"),
        "row counts are printed: {stdout}"
    );
    assert!(during > before, "the writer kept writing during the backup");

    // The copy, checked on its own: whole, and every row committed before the backup began.
    let copy_url = format!("sqlite://{}", copy.display());
    let copied = store::Db::connect(&copy_url).await.unwrap();
    let verdict: String = store::sql::query_scalar("PRAGMA integrity_check")
        .fetch_one(&copied)
        .await
        .unwrap();
    assert_eq!(verdict, "ok");
    let names: Vec<String> = store::sql::query_scalar(
        "SELECT name FROM schools WHERE name LIKE 'Skrivetest %' ORDER BY name",
    )
    .fetch_all(&copied)
    .await
    .unwrap();
    let n = names.len() as i64;
    assert!(n >= before, "{n} rows copied, {before} committed before");
    assert!(n <= total);
    // One snapshot: the rows are exactly the first n, with no gap.
    for (i, name) in names.iter().enumerate() {
        assert_eq!(name, &format!("Skrivetest {:06}", i + 1));
    }
    let participants: i64 = store::sql::query_scalar("SELECT COUNT(*) FROM participants")
        .fetch_one(&copied)
        .await
        .unwrap();
    assert!(participants >= 12, "the demo participants are in the copy");
    copied.close().await;

    // Restore: a server started on the copy serves the demo with the same tokens.
    let mut settings = std::collections::BTreeMap::new();
    settings.insert("database_url".to_string(), copy_url.clone());
    let restored = Instance::start(env!("CARGO_BIN_EXE_samling-instance"), &settings);
    let client = reqwest::Client::new();
    let listed: serde_json::Value = client
        .get(format!("{}/api/v1/participants", restored.base))
        .bearer_auth(&app.admin)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let listed = listed.as_array().expect("a list of participants");
    assert!(listed.len() >= 12, "{listed:?}");
    let ready = client
        .get(format!("{}/readyz", restored.base))
        .send()
        .await
        .unwrap();
    assert_eq!(ready.status(), 200);
    drop(restored);

    // A backup never overwrites a file.
    let again = samling(&["backup", copy.to_str().unwrap()], &url);
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
    // Nor does it create a database where there was none.
    let missing = dir.join("missing.db");
    let none = samling(
        &["backup", dir.join("x.db").to_str().unwrap()],
        &format!("sqlite://{}", missing.display()),
    );
    assert!(!none.status.success());
    assert!(String::from_utf8_lossy(&none.stderr).contains("there is no database"));
    assert!(!missing.exists());
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn the_scheduled_backup_keeps_the_newest_copies() {
    if on_postgres() {
        eprintln!("backups of SQLite are tested in the SQLite round");
        return;
    }
    let dir = scratch("scheduled");
    std::fs::write(dir.join("notes.txt"), "not a backup").unwrap();
    let app =
        TestApp::spawn_with(&[("backup_dir", dir.to_str().unwrap()), ("backup_keep", "2")]).await;
    app.load_demo().await;
    let worker = app.worker(chrono::Duration::zero());
    let start = chrono::Utc::now();
    for day in 0..3 {
        let now = start + chrono::Duration::days(day);
        let written = samling::worker::housekeeping::backup(&worker, now)
            .await
            .expect("the backup runs");
        assert_eq!(written, 1);
    }
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let expected = |day: i64| {
        format!(
            "samling-{}.db",
            (start + chrono::Duration::days(day)).format("%Y%m%dT%H%M%SZ")
        )
    };
    assert_eq!(
        names,
        vec!["notes.txt".to_string(), expected(1), expected(2)]
    );
    let tables = store::backup::check_copy(&dir.join(expected(2)))
        .await
        .unwrap();
    assert!(tables.iter().any(|(t, n)| t == "participants" && *n >= 12));
    let _ = std::fs::remove_dir_all(&dir);
}
