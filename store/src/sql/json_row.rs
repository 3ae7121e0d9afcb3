//! A row as a JSON object, column by column, decoded the same way on both engines: for
//! documents that list what the database holds (a participant's export) rather than for
//! records the code works with.

use serde_json::{Map, Value};
use sqlx::postgres::PgRow;
use sqlx::sqlite::SqliteRow;
use sqlx::{Column, FromRow, Row, TypeInfo, ValueRef};

/// One row: column name → value. Instants are RFC 3339 in UTC, dates `YYYY-MM-DD`.
#[derive(Debug, Clone, Default)]
pub struct JsonRow(pub Map<String, Value>);

/// SQLite keeps instants as RFC 3339 text; they are written out as PostgreSQL's are.
fn text(s: String) -> Value {
    match chrono::DateTime::parse_from_rfc3339(&s) {
        Ok(t) if s.len() > 10 => {
            serde_json::to_value(t.with_timezone(&chrono::Utc)).unwrap_or(Value::String(s))
        }
        _ => Value::String(s),
    }
}

impl<'r> FromRow<'r, SqliteRow> for JsonRow {
    fn from_row(row: &'r SqliteRow) -> Result<Self, sqlx::Error> {
        let mut map = Map::new();
        for (i, column) in row.columns().iter().enumerate() {
            let raw = row.try_get_raw(i)?;
            // The value's own storage class, not the column's declared type.
            let value = if raw.is_null() {
                Value::Null
            } else {
                match raw.type_info().name() {
                    "INTEGER" => Value::from(row.try_get_unchecked::<i64, _>(i)?),
                    "REAL" => Value::from(row.try_get_unchecked::<f64, _>(i)?),
                    _ => text(row.try_get_unchecked::<String, _>(i)?),
                }
            };
            map.insert(column.name().to_string(), value);
        }
        Ok(JsonRow(map))
    }
}

impl<'r> FromRow<'r, PgRow> for JsonRow {
    fn from_row(row: &'r PgRow) -> Result<Self, sqlx::Error> {
        let mut map = Map::new();
        for (i, column) in row.columns().iter().enumerate() {
            let null = row.try_get_raw(i)?.is_null();
            let value = if null {
                Value::Null
            } else {
                match column.type_info().name() {
                    "INT8" => Value::from(row.try_get::<i64, _>(i)?),
                    "INT4" => Value::from(row.try_get::<i32, _>(i)?),
                    "INT2" => Value::from(row.try_get::<i16, _>(i)?),
                    "FLOAT8" => Value::from(row.try_get::<f64, _>(i)?),
                    "BOOL" => Value::from(row.try_get::<bool, _>(i)?),
                    "TIMESTAMPTZ" => {
                        serde_json::to_value(row.try_get::<chrono::DateTime<chrono::Utc>, _>(i)?)
                            .unwrap_or(Value::Null)
                    }
                    "DATE" => Value::from(row.try_get::<chrono::NaiveDate, _>(i)?.to_string()),
                    "TIME" => Value::from(row.try_get::<chrono::NaiveTime, _>(i)?.to_string()),
                    // TEXT, CITEXT and the like arrive as text.
                    _ => Value::from(row.try_get_unchecked::<String, _>(i)?),
                }
            };
            map.insert(column.name().to_string(), value);
        }
        Ok(JsonRow(map))
    }
}
