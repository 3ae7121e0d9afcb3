//! `samling demo` and `serve --demo` refuse to load the demo's made-up people while a real SMS
//! provider or SMTP server is configured (their numbers may belong to real people), unless
//! forced; with the embedded `log` providers they load it.

use std::process::Command;

fn run(args: &[&str], db: &std::path::Path, real: &[(&str, &str)]) -> std::process::Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_samling-instance"));
    command
        .args(args)
        .env("SAMLING_DATABASE_URL", format!("sqlite://{}", db.display()))
        .env("SAMLING_ADDR", "127.0.0.1:0")
        .env("RUST_LOG", "warn");
    for (key, value) in real {
        command.env(key, value);
    }
    command.output().expect("the samling binary runs")
}

async fn participants(db: &std::path::Path) -> i64 {
    let pool = store::Db::connect(&format!("sqlite://{}", db.display()))
        .await
        .unwrap();
    let n = store::sql::query_scalar("SELECT COUNT(*) FROM participants")
        .fetch_one(&pool)
        .await
        .unwrap_or(0);
    pool.close().await;
    n
}

#[tokio::test]
async fn the_demo_is_refused_with_real_providers_unless_forced() {
    let dir = std::env::temp_dir().join(format!("samling-demo-refusal-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let twilio = [
        ("SAMLING_SMS_PROVIDER", "twilio"),
        ("SAMLING_TWILIO_ACCOUNT_SID", "AC0000"),
        ("SAMLING_TWILIO_AUTH_TOKEN", "secret"),
        ("SAMLING_TWILIO_FROM", "+4790000000"),
        ("SAMLING_TWILIO_BASE_URL", "http://127.0.0.1:9"),
    ];
    let smtp = [("SAMLING_SMTP_URL", "smtp://127.0.0.1:9")];
    for (case, real) in [("sms", &twilio[..]), ("smtp", &smtp[..])] {
        let db = dir.join(format!("{case}.db"));
        for args in [&["demo"][..], &["serve", "--demo"][..]] {
            let refused = run(args, &db, real);
            let stderr = String::from_utf8_lossy(&refused.stderr);
            assert!(!refused.status.success(), "{case} {args:?}: {stderr}");
            assert!(stderr.contains("not loading the demo"), "{stderr}");
            assert_eq!(
                participants(&db).await,
                0,
                "{case} {args:?}: nobody was loaded"
            );
        }
        let forced = run(&["demo", "--force"], &db, real);
        assert!(
            forced.status.success(),
            "{}",
            String::from_utf8_lossy(&forced.stderr)
        );
        assert!(participants(&db).await >= 12);
    }
    let db = dir.join("log.db");
    let embedded = run(&["demo"], &db, &[]);
    assert!(embedded.status.success());
    assert!(participants(&db).await >= 12);
    let _ = std::fs::remove_dir_all(&dir);
}
