//! Opening the database the configuration names and bringing it up to date: migrations, then
//! the data every deployment starts with (the shipped consent text).

use store::Db;

/// Opens and migrates; the error is a sentence for the operator.
pub async fn connect_and_migrate(url: &str) -> Result<Db, String> {
    let db = Db::connect(url)
        .await
        .map_err(|e| format!("cannot open the database {url}: {e}"))?;
    db.migrate()
        .await
        .map_err(|e| format!("database migration failed: {e}"))?;
    // The shipped consent text is version 1 (written once; coordinators add versions).
    store::consent::ensure_default_text(&db, chrono::Utc::now())
        .await
        .map_err(|e| format!("cannot write the default consent text: {e}"))?;
    Ok(db)
}
