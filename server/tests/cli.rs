//! The `samling` binary's subcommands, run as an operator would, each against a fresh
//! SQLite file.

use std::io::Write;
use std::process::{Command, Output, Stdio};

struct Db(std::path::PathBuf);

impl Db {
    fn new(name: &str) -> Self {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos();
        Db(std::env::temp_dir().join(format!(
            "samling-cli-{name}-{}-{nanos}.db",
            std::process::id()
        )))
    }
    fn url(&self) -> String {
        format!("sqlite://{}", self.0.display())
    }
}

impl Drop for Db {
    fn drop(&mut self) {
        for s in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{s}", self.0.display()));
        }
    }
}

fn samling(db: &Db, args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_samling"))
        .args(args)
        .env("SAMLING_DATABASE_URL", db.url())
        .env_remove("SAMLING_CONFIG")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    if let Some(input) = stdin {
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
    }
    drop(child.stdin.take());
    child.wait_with_output().unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).to_string()
}

#[test]
fn migrate_then_user_add_then_token_create() {
    let db = Db::new("users");
    let out = samling(&db, &["migrate"], None);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out = samling(
        &db,
        &[
            "user",
            "add",
            "--email",
            "rita@skole.no",
            "--name",
            "Rita Rådgiver",
            "--role",
            "counsellor",
            "--school",
            "Haugen",
        ],
        Some("et langt passord\n"),
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("counsellor"));
    let out = samling(&db, &["token", "create", "--email", "rita@skole.no"], None);
    assert!(out.status.success());
    let token = text(&out.stdout).trim().to_string();
    assert!(token.starts_with("sam_") && token.len() > 40, "{token}");
    let out = samling(
        &db,
        &["token", "create", "--email", "nobody@skole.no"],
        None,
    );
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains("no user"));
}

#[test]
fn user_add_refuses_a_short_password_and_a_counsellor_without_school() {
    let db = Db::new("refuse");
    let out = samling(
        &db,
        &[
            "user", "add", "--email", "a@b.no", "--name", "A", "--role", "leader",
        ],
        Some("kort\n"),
    );
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("password"),
        "{}",
        text(&out.stderr)
    );
    let out = samling(
        &db,
        &[
            "user",
            "add",
            "--email",
            "a@b.no",
            "--name",
            "A",
            "--role",
            "counsellor",
        ],
        Some("et langt passord\n"),
    );
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains("school"));
    let out = samling(
        &db,
        &[
            "user", "add", "--email", "a@b.no", "--name", "A", "--role", "boss",
        ],
        Some("et langt passord\n"),
    );
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains("--role"));
}

#[test]
fn demo_prints_the_logins_and_can_run_twice() {
    let db = Db::new("demo");
    for _ in 0..2 {
        let out = samling(&db, &["demo"], None);
        assert!(out.status.success(), "{}", text(&out.stderr));
        let stdout = text(&out.stdout);
        assert!(
            stdout.contains("koordinator@samling.test") && stdout.contains("demo-koordinator"),
            "{stdout}"
        );
        assert!(stdout.contains("kursleder@samling.test"));
    }
}

#[test]
fn a_bad_setting_stops_start_up_naming_the_key() {
    let db = Db::new("config");
    let out = Command::new(env!("CARGO_BIN_EXE_samling"))
        .args(["migrate"])
        .env("SAMLING_DATABASE_URL", db.url())
        .env("SAMLING_QUIET_HOURS", "late evening")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("SAMLING_QUIET_HOURS"),
        "{}",
        text(&out.stderr)
    );

    let dir = std::env::temp_dir().join(format!("samling-cli-toml-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("samling.toml");
    std::fs::write(&file, "addr = \"not an address\"\n").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_samling"))
        .args(["migrate"])
        .env("SAMLING_CONFIG", &file)
        .env("SAMLING_DATABASE_URL", db.url())
        .env_remove("SAMLING_ADDR")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("SAMLING_ADDR"),
        "{}",
        text(&out.stderr)
    );
    let _ = std::fs::remove_dir_all(dir);
}
