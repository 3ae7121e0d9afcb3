//! The one-shot subcommands: migrate, demo, user add, token create and revoke.

use crate::config::Config;
use crate::{db, demo};
use chrono::Utc;
use domain::people::Role;
use std::io::Read;
use store::auth::{staff_by_email, upsert_staff, NewStaff};

pub async fn migrate(config: &Config) -> Result<(), String> {
    db::connect_and_migrate(&config.database_url).await?;
    println!("Database is up to date ({}).", config.database_url);
    Ok(())
}

/// `samling copy-data`: moves a SQLite deployment into an empty PostgreSQL database.
pub async fn copy_data(from: &str, to: &str) -> Result<(), String> {
    if store::Engine::of_url(from)? != store::Engine::Sqlite
        || store::Engine::of_url(to)? != store::Engine::Postgres
    {
        return Err("copy-data copies from a sqlite: URL into a postgres:// URL".into());
    }
    let source = store::Db::connect(from)
        .await
        .map_err(|e| format!("cannot open the source {from}: {e}"))?;
    let target = store::Db::connect(to)
        .await
        .map_err(|e| format!("cannot open the target {to}: {e}"))?;
    target
        .migrate()
        .await
        .map_err(|e| format!("migrating the target failed: {e}"))?;
    let copied = store::copy::sqlite_to_postgres(&source, &target)
        .await
        .map_err(|e| format!("copy-data stopped, nothing was kept: {e}"))?;
    println!("{:<28} {:>10} {:>10}", "table", "source", "target");
    for (table, source_rows, target_rows) in &copied.tables {
        println!("{table:<28} {source_rows:>10} {target_rows:>10}");
    }
    let total: i64 = copied.tables.iter().map(|t| t.1).sum();
    println!(
        "Copied {total} rows in {} tables; every count matches.",
        copied.tables.len()
    );
    Ok(())
}

/// `samling backup PATH`: a checked online copy of the SQLite database.
pub async fn backup(config: &Config, path: &std::path::Path) -> Result<(), String> {
    if store::Engine::of_url(&config.database_url)? == store::Engine::Postgres {
        return Err(
            domain::problem::Problem::from(domain::problem::Code::PostgresBackup).to_string(),
        );
    }
    // Opened without migrating: a backup copies the database as it is.
    let pool = store::backup::open_existing(&config.database_url)
        .await
        .map_err(|e| format!("the backup was not written: {e}"))?;
    let report = store::backup::backup_sqlite(&pool, path)
        .await
        .map_err(|e| format!("the backup was not written: {e}"))?;
    print_backup(&report);
    Ok(())
}

/// What a backup wrote, for the operator.
fn print_backup(report: &store::backup::BackupReport) {
    println!("{:<28} {:>10}", "table", "rows");
    for (table, rows) in &report.tables {
        println!("{table:<28} {rows:>10}");
    }
    println!(
        "Wrote {} ({} bytes, {} tables); SQLite's integrity check says ok.",
        report.path.display(),
        report.bytes,
        report.tables.len()
    );
}

/// Why loading the demo is refused with this configuration, if it is: its people have
/// made-up phone numbers and addresses that may well belong to someone real, and a real
/// provider would text or mail them.
pub fn demo_refused(config: &Config) -> Option<String> {
    let mut real = Vec::new();
    if !matches!(config.sms, crate::config::SmsConfig::Log) {
        real.push(format!("the SMS provider {}", config.sms.name()));
    }
    if config.smtp_url != "log" {
        real.push("an SMTP server".to_string());
    }
    (!real.is_empty()).then(|| {
        format!(
            "not loading the demo: {} is configured, and the demo's phone numbers and addresses \
             may belong to real people. Use SAMLING_SMS_PROVIDER=log and SAMLING_SMTP_URL=log \
             for a demo, or add --force if every message really should go out",
            real.join(" and ")
        )
    })
}

pub async fn demo(config: &Config, force: bool) -> Result<(), String> {
    if let (Some(why), false) = (demo_refused(config), force) {
        return Err(why);
    }
    let pool = db::connect_and_migrate(&config.database_url).await?;
    let logins = demo::load_with_history(&pool, Utc::now())
        .await
        .map_err(|e| format!("loading demo data failed: {e}"))?;
    println!(
        "Demo data is loaded. Sign in at {}/login with:",
        config.public_url
    );
    for (role, email, password) in logins {
        println!("  {role:<12} {email:<28} password: {password}");
    }
    Ok(())
}

pub async fn user_add(
    config: &Config,
    email: &str,
    name: &str,
    role: &str,
    school: Option<&str>,
) -> Result<(), String> {
    let role = Role::parse(role).ok_or("--role must be admin, leader or counsellor")?;
    let mut password = String::new();
    std::io::stdin()
        .read_to_string(&mut password)
        .map_err(|e| format!("cannot read the password from stdin: {e}"))?;
    let password = password.trim_end_matches(['\n', '\r']);
    let pool = db::connect_and_migrate(&config.database_url).await?;
    let staff = upsert_staff(
        &pool,
        NewStaff {
            email,
            name,
            role,
            school,
            password,
        },
        Utc::now(),
    )
    .await
    .map_err(|e| e.to_string())?;
    println!(
        "User {} <{}> is a {}.",
        staff.name,
        staff.email,
        staff.role.code()
    );
    Ok(())
}

pub async fn token_create(config: &Config, email: &str, label: &str) -> Result<(), String> {
    let pool = db::connect_and_migrate(&config.database_url).await?;
    let staff = staff_by_email(&pool, email)
        .await
        .map_err(|e| e.to_string())?
        .ok_or_else(|| format!("no user with e-mail {email}"))?;
    let token = store::staff::tokens::create(&pool, staff.id, label, Utc::now())
        .await
        .map_err(|e| e.to_string())?;
    println!("{token}");
    Ok(())
}

/// `samling token revoke --id N | --email E`.
pub async fn token_revoke(
    config: &Config,
    id: Option<i64>,
    email: Option<&str>,
) -> Result<(), String> {
    use store::staff::tokens::{revoke_from_command_line, Revoke};
    let which = match (id, email) {
        (Some(id), _) => Revoke::Id(id),
        (None, Some(email)) => Revoke::AllOf { email },
        (None, None) => {
            return Err("say which token: --id N, or --email E for all of a user's".into())
        }
    };
    let pool = db::connect_and_migrate(&config.database_url).await?;
    let revoked = revoke_from_command_line(&pool, which, Utc::now())
        .await
        .map_err(|e| e.to_string())?;
    match revoked {
        0 => Err("no working token matched; nothing was revoked".into()),
        1 => {
            println!("Revoked 1 token.");
            Ok(())
        }
        n => {
            println!("Revoked {n} tokens.");
            Ok(())
        }
    }
}

/// `samling worker [--once]`: the reminder worker alone.
pub async fn worker(config: &Config, once: bool) -> Result<(), String> {
    let pool = crate::db::connect_and_migrate(&config.database_url).await?;
    let worker = crate::worker::Worker::new(std::sync::Arc::new(config.clone()), pool.clone())?;
    // A worker on its own serves its sends' metrics on the separate address, when one is set.
    if let Some(addr) = config.operations.metrics_addr.filter(|_| !once) {
        let listener = tokio::net::TcpListener::bind(addr).await.map_err(|e| {
            format!("cannot listen on {addr} for metrics (SAMLING_METRICS_ADDR): {e}")
        })?;
        let scrape = crate::metrics::http::Scrape {
            metrics: worker.metrics.clone(),
            pool,
            token: None,
        };
        tokio::spawn(crate::metrics::http::serve_separately(listener, scrape));
    }
    if once {
        let stats = worker.run_once().await?;
        println!(
            "planned {} new, moved {}, cancelled {}, skipped {}; sent {}, retrying {}, failed {}, deferred {}, skipped {}, cancelled {} at send time",
            stats.planned.inserted,
            stats.planned.moved,
            stats.planned.cancelled,
            stats.planned.skipped,
            stats.dispatched.sent,
            stats.dispatched.retried,
            stats.dispatched.failed,
            stats.dispatched.deferred,
            stats.dispatched.skipped,
            stats.dispatched.cancelled,
        );
        return Ok(());
    }
    println!("Samling worker is running (Ctrl-C stops it)");
    worker
        .run(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await;
    Ok(())
}
