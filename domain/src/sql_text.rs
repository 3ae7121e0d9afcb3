//! Instants and calendar dates that records carry as text, read from either engine: SQLite
//! keeps them as text, PostgreSQL as TIMESTAMPTZ and DATE. Both are read through chrono and
//! written out the same way (RFC 3339 with "+00:00", as SQLite stores them; YYYY-MM-DD), so
//! a record reads the same on both. A field opts in with
//! `#[sqlx(try_from = "crate::sql_text::InstantText")]` (or `DateText`).

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use sqlx::error::BoxDynError;
use sqlx::postgres::{PgTypeInfo, PgValueRef};
use sqlx::sqlite::{SqliteTypeInfo, SqliteValueRef};
use sqlx::{Decode, Postgres, Sqlite, Type, ValueRef};

/// An instant read as text; `None` for NULL.
pub struct InstantText(Option<String>);

/// A calendar date read as text; `None` for NULL.
pub struct DateText(Option<String>);

fn instant(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::AutoSi, false)
}

fn date(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

macro_rules! text_of {
    ($wrapper:ident, $chrono:ty, $format:ident) => {
        impl Type<Sqlite> for $wrapper {
            fn type_info() -> SqliteTypeInfo {
                <$chrono as Type<Sqlite>>::type_info()
            }
            fn compatible(ty: &SqliteTypeInfo) -> bool {
                <$chrono as Type<Sqlite>>::compatible(ty)
                    || <String as Type<Sqlite>>::compatible(ty)
            }
        }
        impl<'r> Decode<'r, Sqlite> for $wrapper {
            fn decode(value: SqliteValueRef<'r>) -> Result<Self, BoxDynError> {
                if value.is_null() {
                    return Ok($wrapper(None));
                }
                Ok($wrapper(Some($format(
                    <$chrono as Decode<Sqlite>>::decode(value)?,
                ))))
            }
        }
        impl Type<Postgres> for $wrapper {
            fn type_info() -> PgTypeInfo {
                <$chrono as Type<Postgres>>::type_info()
            }
            fn compatible(ty: &PgTypeInfo) -> bool {
                <$chrono as Type<Postgres>>::compatible(ty)
            }
        }
        impl<'r> Decode<'r, Postgres> for $wrapper {
            fn decode(value: PgValueRef<'r>) -> Result<Self, BoxDynError> {
                if value.is_null() {
                    return Ok($wrapper(None));
                }
                Ok($wrapper(Some($format(
                    <$chrono as Decode<Postgres>>::decode(value)?,
                ))))
            }
        }
        impl From<$wrapper> for Option<String> {
            fn from(v: $wrapper) -> Self {
                v.0
            }
        }
        impl TryFrom<$wrapper> for String {
            type Error = &'static str;
            fn try_from(v: $wrapper) -> Result<Self, Self::Error> {
                v.0.ok_or("NULL where a value is required")
            }
        }
    };
}

text_of!(InstantText, DateTime<Utc>, instant);
text_of!(DateText, NaiveDate, date);
