//! Moving a deployment from SQLite to PostgreSQL: every table copied row by row with its ids,
//! times and states, in one PostgreSQL transaction, into a database that must be empty; then
//! the row counts of both are compared table by table.
//!
//! The target's own catalogue says what to copy: its tables (in an order where every foreign
//! key points to a table already copied) and each column's type, which says how to read the
//! SQLite value (an instant from RFC 3339 text, a flag from 0/1, a date from YYYY-MM-DD).

use crate::error::{StoreError, StoreResult};
use crate::sql::{placeholders, query, query_as, query_scalar, Db, Engine, Tx, Value};
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use domain::problem::Code;
use sqlx::sqlite::SqliteRow;
use sqlx::Row;
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

/// What was copied: each table with the rows counted in the source and then in the target.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Copied {
    pub tables: Vec<(String, i64, i64)>,
}

/// How a column's values are read from SQLite and bound for PostgreSQL.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Int,
    Real,
    Text,
    Bool,
    Instant,
    Date,
    Time,
}

impl Kind {
    fn of(data_type: &str, udt: &str) -> Option<Kind> {
        Some(match (data_type, udt) {
            ("bigint" | "integer" | "smallint", _) => Kind::Int,
            ("double precision" | "real", _) => Kind::Real,
            ("text" | "character varying", _) | ("USER-DEFINED", "citext") => Kind::Text,
            ("boolean", _) => Kind::Bool,
            ("timestamp with time zone", _) => Kind::Instant,
            ("date", _) => Kind::Date,
            ("time without time zone", _) => Kind::Time,
            _ => return None,
        })
    }
}

/// Tables that are kept as they are: the migrations' own bookkeeping.
const NOT_COPIED: &[&str] = &["_sqlx_migrations"];

/// Rows per INSERT statement (PostgreSQL allows 65535 parameters).
const ROWS_PER_INSERT: usize = 200;

/// Copies everything from `from` (SQLite, fully migrated) into `to` (PostgreSQL, migrated
/// and empty).
pub async fn sqlite_to_postgres(from: &Db, to: &Db) -> StoreResult<Copied> {
    let (Db::Sqlite(source), Engine::Postgres) = (from, to.engine()) else {
        return Err(StoreError::invalid("from", Code::CopyDirection));
    };
    if !from.is_ready().await {
        return Err(StoreError::Conflict(Code::CopySourceOldSchema.into()));
    }
    let tables = tables_in_order(to).await?;
    for table in &tables {
        let rows: i64 = query_scalar(&format!("SELECT COUNT(*) FROM {table}"))
            .fetch_one(to)
            .await?;
        if rows > 0 {
            return Err(StoreError::conflict(
                Code::CopyTargetNotEmpty
                    .with("table", table)
                    .with("rows", rows),
            ));
        }
    }
    // One read transaction on the source: a consistent snapshot even if something writes.
    let mut snapshot = source.begin().await?;
    let mut tx = to.begin_write().await?;
    let mut counted = Vec::new();
    for table in &tables {
        if table == "replan_queue" {
            continue;
        }
        let columns = columns_of(to, table).await?;
        let names: Vec<&str> = columns.iter().map(|(c, _)| c.as_str()).collect();
        let rows: Vec<SqliteRow> =
            sqlx::query(&format!("SELECT {} FROM {table}", names.join(", ")))
                .fetch_all(&mut *snapshot)
                .await?;
        for chunk in rows.chunks(ROWS_PER_INSERT) {
            insert(&mut tx, table, &columns, chunk).await?;
        }
        counted.push((table.clone(), rows.len() as i64));
    }
    // The triggers queued courses for replanning as rows went in; the queue is the source's.
    query("DELETE FROM replan_queue").execute(&mut tx).await?;
    let queued: Vec<i64> = sqlx::query_scalar("SELECT course_id FROM replan_queue")
        .fetch_all(&mut *snapshot)
        .await?;
    counted.push(("replan_queue".to_string(), queued.len() as i64));
    for course in queued {
        query("INSERT INTO replan_queue (course_id) VALUES ($1)")
            .bind(course)
            .execute(&mut tx)
            .await?;
    }
    // Identities continue after the copied ids.
    let with_identity: Vec<String> = query_scalar(
        "SELECT table_name::TEXT FROM information_schema.columns
         WHERE table_schema = current_schema() AND column_name = 'id' AND is_identity = 'YES'",
    )
    .fetch_all(&mut tx)
    .await?;
    for table in tables.iter().filter(|t| with_identity.contains(t)) {
        query(&format!(
            "SELECT setval(pg_get_serial_sequence('{table}', 'id'),
                           COALESCE((SELECT MAX(id) FROM {table}), 0) + 1, false)"
        ))
        .execute(&mut tx)
        .await?;
    }
    // Counted again inside the transaction: a mismatch keeps nothing.
    let mut verified = Vec::new();
    for (table, source_rows) in counted {
        let target_rows: i64 = query_scalar(&format!("SELECT COUNT(*) FROM {table}"))
            .fetch_one(&mut tx)
            .await?;
        if target_rows != source_rows {
            return Err(StoreError::internal(format!(
                "{table}: {source_rows} rows in the source but {target_rows} in the target"
            )));
        }
        verified.push((table, source_rows, target_rows));
    }
    tx.commit().await?;
    snapshot.commit().await?;
    // Statistics for the query planner at once, rather than when autovacuum comes round:
    // without them PostgreSQL takes every table for tiny and reads whole tables.
    query("ANALYZE").execute(to).await?;
    Ok(Copied { tables: verified })
}

/// The target's tables, each after every table its foreign keys point to.
async fn tables_in_order(to: &Db) -> StoreResult<Vec<String>> {
    let tables: Vec<String> = query_scalar(
        "SELECT table_name::TEXT FROM information_schema.tables
         WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name",
    )
    .fetch_all(to)
    .await?;
    let edges: Vec<(String, String)> = query_as(
        "SELECT tc.table_name::TEXT, ccu.table_name::TEXT
         FROM information_schema.table_constraints tc
         JOIN information_schema.constraint_column_usage ccu
           ON ccu.constraint_name = tc.constraint_name AND ccu.constraint_schema = tc.constraint_schema
         WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = current_schema()",
    )
    .fetch_all(to)
    .await?;
    let mut needs: BTreeMap<String, BTreeSet<String>> = tables
        .iter()
        .filter(|t| !NOT_COPIED.contains(&t.as_str()))
        .map(|t| (t.clone(), BTreeSet::new()))
        .collect();
    for (table, points_to) in edges {
        if table != points_to {
            if let Some(n) = needs.get_mut(&table) {
                n.insert(points_to);
            }
        }
    }
    let mut ordered = Vec::new();
    while !needs.is_empty() {
        let ready: Vec<String> = needs
            .iter()
            .filter(|(_, n)| n.iter().all(|t| !needs.contains_key(t)))
            .map(|(t, _)| t.clone())
            .collect();
        if ready.is_empty() {
            return Err(StoreError::internal(format!(
                "the foreign keys of {:?} form a cycle",
                needs.keys().collect::<Vec<_>>()
            )));
        }
        for t in ready {
            needs.remove(&t);
            ordered.push(t);
        }
    }
    Ok(ordered)
}

/// The target table's columns in order, with how to carry each (not those PostgreSQL
/// computes itself, such as `outbox.course_without_session`).
async fn columns_of(to: &Db, table: &str) -> StoreResult<Vec<(String, Kind)>> {
    let rows: Vec<(String, String, String)> = query_as(
        "SELECT column_name::TEXT, data_type::TEXT, udt_name::TEXT FROM information_schema.columns
         WHERE table_schema = current_schema() AND table_name = $1 AND is_generated = 'NEVER'
         ORDER BY ordinal_position",
    )
    .bind(table)
    .fetch_all(to)
    .await?;
    rows.into_iter()
        .map(
            |(column, data_type, udt)| match Kind::of(&data_type, &udt) {
                Some(kind) => Ok((column, kind)),
                None => Err(StoreError::internal(format!(
                    "{table}.{column}: copy-data does not know the type {data_type}"
                ))),
            },
        )
        .collect()
}

/// One SQLite value, read as the target column's kind.
fn value_of(row: &SqliteRow, i: usize, kind: Kind) -> Result<Value<'static>, sqlx::Error> {
    Ok(match kind {
        Kind::Int => Value::Int(row.try_get::<Option<i64>, _>(i)?),
        Kind::Real => Value::Real(row.try_get::<Option<f64>, _>(i)?),
        Kind::Text => Value::Text(row.try_get::<Option<String>, _>(i)?.map(Cow::Owned)),
        Kind::Bool => Value::Bool(row.try_get::<Option<bool>, _>(i)?),
        Kind::Instant => Value::Instant(row.try_get::<Option<DateTime<Utc>>, _>(i)?),
        Kind::Date => Value::Date(row.try_get::<Option<NaiveDate>, _>(i)?),
        Kind::Time => Value::Time(row.try_get::<Option<NaiveTime>, _>(i)?),
    })
}

async fn insert(
    tx: &mut Tx,
    table: &str,
    columns: &[(String, Kind)],
    rows: &[SqliteRow],
) -> StoreResult<()> {
    let names: Vec<&str> = columns.iter().map(|(c, _)| c.as_str()).collect();
    let values: Vec<String> = (0..rows.len())
        .map(|r| format!("({})", placeholders(r * columns.len() + 1, columns.len())))
        .collect();
    let sql = format!(
        "INSERT INTO {table} ({}) OVERRIDING SYSTEM VALUE VALUES {}",
        names.join(", "),
        values.join(", ")
    );
    let mut q = query(&sql);
    for row in rows {
        for (i, (column, kind)) in columns.iter().enumerate() {
            let v = value_of(row, i, *kind).map_err(|e| {
                StoreError::internal(format!("{table}.{column} cannot be read: {e}"))
            })?;
            q = q.bind(v);
        }
    }
    q.execute(tx).await?;
    Ok(())
}
