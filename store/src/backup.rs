//! Consistent online copies of a SQLite database, for `samling backup` and the scheduled
//! backup: `VACUUM INTO` a file beside the target while the server keeps writing, check the
//! copy (`PRAGMA integrity_check`, a row count per table), then move it into place — so a
//! file with the final name is always a whole, checked copy.

use crate::error::{StoreError, StoreResult};
use crate::sql::Db;
use domain::problem::Code;
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, Connection};
use std::path::{Path, PathBuf};

/// What a backup wrote.
#[derive(Debug)]
pub struct BackupReport {
    pub path: PathBuf,
    pub bytes: u64,
    /// Each table of the copy and its row count.
    pub tables: Vec<(String, i64)>,
}

/// Opens an existing SQLite database as it is (no migrations, nothing created).
pub async fn open_existing(url: &str) -> StoreResult<Db> {
    use std::str::FromStr;
    let options = SqliteConnectOptions::from_str(url)?;
    let file = options.get_filename();
    if !file.exists() {
        return Err(StoreError::NotFound(format!(
            "there is no database at {}",
            file.display()
        )));
    }
    Ok(Db::connect(url).await?)
}

/// Copies the live SQLite database to `target` (which must not exist yet) and checks the copy.
pub async fn backup_sqlite(db: &Db, target: &Path) -> StoreResult<BackupReport> {
    let Db::Sqlite(pool) = db else {
        return Err(StoreError::conflict(Code::PostgresBackup));
    };
    if target.exists() {
        return Err(StoreError::conflict(
            Code::BackupExists.with("path", target.display()),
        ));
    }
    if let Some(parent) = target.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|e| {
            StoreError::conflict(
                Code::BackupFolder
                    .with("path", parent.display())
                    .with("cause", e),
            )
        })?;
    }
    let partial = partial_name(target);
    let _ = std::fs::remove_file(&partial);
    // VACUUM INTO reads one snapshot of the database (a read transaction under WAL), so the
    // copy is consistent while other connections go on writing.
    let written = sqlx::query("VACUUM INTO ?")
        .bind(partial.to_string_lossy().into_owned())
        .execute(pool)
        .await;
    if let Err(e) = written {
        let _ = std::fs::remove_file(&partial);
        return Err(e.into());
    }
    let tables = match check_copy(&partial).await {
        Ok(tables) => tables,
        Err(e) => {
            let _ = std::fs::remove_file(&partial);
            return Err(e);
        }
    };
    std::fs::rename(&partial, target).map_err(|e| {
        StoreError::internal(format!("cannot move the copy to {}: {e}", target.display()))
    })?;
    let bytes = std::fs::metadata(target).map(|m| m.len()).unwrap_or(0);
    Ok(BackupReport {
        path: target.to_path_buf(),
        bytes,
        tables,
    })
}

/// Opens a copy read-only, runs SQLite's integrity check and counts each table's rows.
pub async fn check_copy(path: &Path) -> StoreResult<Vec<(String, i64)>> {
    let mut conn = SqliteConnectOptions::new()
        .filename(path)
        .read_only(true)
        .connect()
        .await?;
    let verdict: Vec<String> = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_all(&mut conn)
        .await?;
    if verdict != ["ok"] {
        return Err(StoreError::internal(format!(
            "the copy {} failed SQLite's integrity check: {}",
            path.display(),
            verdict.join("; ")
        )));
    }
    let names: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' \
         ORDER BY name",
    )
    .fetch_all(&mut conn)
    .await?;
    let mut tables = Vec::with_capacity(names.len());
    for name in names {
        let count: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM \"{name}\""))
            .fetch_one(&mut conn)
            .await?;
        tables.push((name, count));
    }
    conn.close().await?;
    Ok(tables)
}

/// The scheduled backup: a new copy named by the time in `folder`, then only the newest
/// `keep` of Samling's backups there stay (other files in the folder are left alone).
pub async fn scheduled_backup(
    db: &Db,
    folder: &Path,
    keep: usize,
    now: chrono::DateTime<chrono::Utc>,
) -> StoreResult<(BackupReport, Vec<PathBuf>)> {
    let target = folder.join(format!("samling-{}.db", now.format("%Y%m%dT%H%M%SZ")));
    let report = backup_sqlite(db, &target).await?;
    let mut ours: Vec<PathBuf> = std::fs::read_dir(folder)
        .map_err(|e| StoreError::internal(format!("cannot list {}: {e}", folder.display())))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| is_scheduled_backup(p))
        .collect();
    // The names sort by time.
    ours.sort();
    let surplus = ours.len().saturating_sub(keep.max(1));
    let mut removed = Vec::new();
    for old in ours.into_iter().take(surplus) {
        if std::fs::remove_file(&old).is_ok() {
            removed.push(old);
        }
    }
    Ok((report, removed))
}

fn is_scheduled_backup(path: &Path) -> bool {
    path.file_name().and_then(|n| n.to_str()).is_some_and(|n| {
        n.len() == "samling-20261205T033000Z.db".len()
            && n.starts_with("samling-")
            && n.ends_with("Z.db")
    })
}

fn partial_name(target: &Path) -> PathBuf {
    let mut name = target.file_name().unwrap_or_default().to_os_string();
    name.push(".partial");
    target.with_file_name(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_samlings_own_backups_are_pruned() {
        assert!(is_scheduled_backup(Path::new(
            "/b/samling-20261205T033000Z.db"
        )));
        assert!(!is_scheduled_backup(Path::new("/b/samling.db")));
        assert!(!is_scheduled_backup(Path::new(
            "/b/samling-20261205T033000Z.db.partial"
        )));
        assert!(!is_scheduled_backup(Path::new("/b/notes.txt")));
    }
}
