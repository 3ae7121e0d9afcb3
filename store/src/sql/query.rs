//! Queries written once and run on either engine. The SQL uses `$1`, `$2` … placeholders,
//! which both SQLite and PostgreSQL understand; the arguments are bound per engine at the
//! moment the query runs, and rows decode through `FromRow`, which both engines implement.

use super::rows::Rows;
use super::value::{Array, Bind, Value};
use super::{Db, Tx};
use sqlx::postgres::{PgArguments, PgRow};
use sqlx::sqlite::{SqliteArguments, SqliteRow};
use sqlx::{Arguments, Decode, FromRow, Postgres, Sqlite, Type};
use std::marker::PhantomData;

/// A row type both engines can decode.
pub trait Record:
    for<'r> FromRow<'r, SqliteRow> + for<'r> FromRow<'r, PgRow> + Send + Unpin
{
}
impl<T> Record for T where
    T: for<'r> FromRow<'r, SqliteRow> + for<'r> FromRow<'r, PgRow> + Send + Unpin
{
}

/// A single column value both engines can decode.
pub trait Scalar:
    for<'r> Decode<'r, Sqlite>
    + Type<Sqlite>
    + for<'r> Decode<'r, Postgres>
    + Type<Postgres>
    + Send
    + Unpin
{
}
impl<T> Scalar for T where
    T: for<'r> Decode<'r, Sqlite>
        + Type<Sqlite>
        + for<'r> Decode<'r, Postgres>
        + Type<Postgres>
        + Send
        + Unpin
{
}

/// Where a query runs: on the pool (a connection of its own) or inside a transaction.
pub enum Exec<'e> {
    Pool(&'e Db),
    Tx(&'e mut Tx),
}

impl Exec<'_> {
    /// The same place again, for one more query: a reader that runs several queries can be
    /// handed the pool or a transaction alike.
    pub fn again(&mut self) -> Exec<'_> {
        match self {
            Exec::Pool(db) => Exec::Pool(db),
            Exec::Tx(tx) => Exec::Tx(tx),
        }
    }
}

impl<'e> From<&'e Db> for Exec<'e> {
    fn from(db: &'e Db) -> Self {
        Exec::Pool(db)
    }
}
impl<'e> From<&'e mut Tx> for Exec<'e> {
    fn from(tx: &'e mut Tx) -> Self {
        Exec::Tx(tx)
    }
}
/// So that a helper holding `tx: &mut Tx` can write `.execute(&mut tx)` like its caller.
impl<'e, 'a: 'e> From<&'e mut &'a mut Tx> for Exec<'e> {
    fn from(tx: &'e mut &'a mut Tx) -> Self {
        Exec::Tx(tx)
    }
}

/// The SQL text and its arguments, not yet bound to an engine.
pub struct Query<'q> {
    sql: &'q str,
    args: Vec<Value<'q>>,
}

/// A query whose rows decode into `T`.
pub struct QueryAs<'q, T> {
    inner: Query<'q>,
    row: PhantomData<fn() -> T>,
}

/// A query whose first column decodes into `T`.
pub struct QueryScalar<'q, T> {
    inner: Query<'q>,
    column: PhantomData<fn() -> T>,
}

pub fn query(sql: &str) -> Query<'_> {
    Query {
        sql,
        args: Vec::new(),
    }
}

pub fn query_as<T: Record>(sql: &str) -> QueryAs<'_, T> {
    QueryAs {
        inner: query(sql),
        row: PhantomData,
    }
}

pub fn query_scalar<T: Scalar>(sql: &str) -> QueryScalar<'_, T> {
    QueryScalar {
        inner: query(sql),
        column: PhantomData,
    }
}

fn sqlite_args(values: Vec<Value<'_>>) -> Result<SqliteArguments<'_>, sqlx::Error> {
    let mut args = SqliteArguments::default();
    for v in values {
        match v {
            Value::Int(v) => args.add(v),
            Value::Real(v) => args.add(v),
            Value::Text(v) => args.add(v),
            Value::Bool(v) => args.add(v),
            Value::Instant(v) => args.add(v),
            Value::Date(v) => args.add(v),
            Value::Time(v) => args.add(v),
            Value::Array(_) => Err("SQLite has no arrays: bind rows with sql::Rows".into()),
        }
        .map_err(sqlx::Error::Encode)?;
    }
    Ok(args)
}

fn pg_args(values: Vec<Value<'_>>) -> Result<PgArguments, sqlx::Error> {
    let mut args = PgArguments::default();
    for v in values {
        match v {
            Value::Int(v) => args.add(v),
            Value::Real(v) => args.add(v),
            Value::Text(v) => args.add(v),
            Value::Bool(v) => args.add(v),
            Value::Instant(v) => args.add(v),
            Value::Date(v) => args.add(v),
            Value::Time(v) => args.add(v),
            Value::Array(Array::Int(v)) => args.add(v),
            Value::Array(Array::Real(v)) => args.add(v),
            Value::Array(Array::Text(v)) => args.add(v),
            Value::Array(Array::Bool(v)) => args.add(v),
            Value::Array(Array::Instant(v)) => args.add(v),
            Value::Array(Array::Date(v)) => args.add(v),
            Value::Array(Array::Time(v)) => args.add(v),
        }
        .map_err(sqlx::Error::Encode)?;
    }
    Ok(args)
}

/// Runs `$run` with the query built for the engine behind `$exec`: `$build(sql, args)` makes
/// the sqlx query, `$run` is the method that executes it.
macro_rules! on_engine {
    ($self:expr, $exec:expr, $build:ident, $($run:tt)+) => {{
        let Query { sql, args } = $self;
        match $exec.into() {
            Exec::Pool(Db::Sqlite(pool)) => sqlx::$build(sql, sqlite_args(args)?).$($run)+(pool).await,
            Exec::Pool(Db::Postgres(pool)) => sqlx::$build(sql, pg_args(args)?).$($run)+(pool).await,
            Exec::Tx(Tx::Sqlite(tx)) => sqlx::$build(sql, sqlite_args(args)?).$($run)+(&mut **tx).await,
            Exec::Tx(Tx::Postgres(tx)) => sqlx::$build(sql, pg_args(args)?).$($run)+(&mut **tx).await,
        }
    }};
}

impl<'q> Query<'q> {
    pub fn bind(mut self, value: impl Bind<'q>) -> Self {
        self.args.push(value.value());
        self
    }

    /// Binds the rows of a multi-row insert (their `source()` is in the SQL, with no other
    /// parameters). Fails only when a column holds values of two types.
    pub fn bind_rows(mut self, rows: Rows<'q>) -> Result<Self, sqlx::Error> {
        self.args.extend(rows.into_values()?);
        Ok(self)
    }

    /// The same query, decoding its rows into `T` (for statements built by a shared helper).
    pub fn rows<T: Record>(self) -> QueryAs<'q, T> {
        QueryAs {
            inner: self,
            row: PhantomData,
        }
    }

    /// The same query, decoding its first column into `T`.
    pub fn scalar<T: Scalar>(self) -> QueryScalar<'q, T> {
        QueryScalar {
            inner: self,
            column: PhantomData,
        }
    }

    /// Runs a statement; the answer is the number of rows it changed.
    pub async fn execute<'e>(self, exec: impl Into<Exec<'e>>) -> Result<u64, sqlx::Error> {
        let Query { sql, args } = self;
        Ok(match exec.into() {
            Exec::Pool(Db::Sqlite(pool)) => sqlx::query_with(sql, sqlite_args(args)?)
                .execute(pool)
                .await?
                .rows_affected(),
            Exec::Pool(Db::Postgres(pool)) => sqlx::query_with(sql, pg_args(args)?)
                .execute(pool)
                .await?
                .rows_affected(),
            Exec::Tx(Tx::Sqlite(tx)) => sqlx::query_with(sql, sqlite_args(args)?)
                .execute(&mut **tx)
                .await?
                .rows_affected(),
            Exec::Tx(Tx::Postgres(tx)) => sqlx::query_with(sql, pg_args(args)?)
                .execute(&mut **tx)
                .await?
                .rows_affected(),
        })
    }
}

impl<'q, T: Record> QueryAs<'q, T> {
    pub fn bind(mut self, value: impl Bind<'q>) -> Self {
        self.inner = self.inner.bind(value);
        self
    }
    pub async fn fetch_all<'e>(self, exec: impl Into<Exec<'e>>) -> Result<Vec<T>, sqlx::Error> {
        on_engine!(self.inner, exec, query_as_with, fetch_all)
    }
    pub async fn fetch_one<'e>(self, exec: impl Into<Exec<'e>>) -> Result<T, sqlx::Error> {
        on_engine!(self.inner, exec, query_as_with, fetch_one)
    }
    pub async fn fetch_optional<'e>(
        self,
        exec: impl Into<Exec<'e>>,
    ) -> Result<Option<T>, sqlx::Error> {
        on_engine!(self.inner, exec, query_as_with, fetch_optional)
    }
}

impl<'q, T: Scalar> QueryScalar<'q, T> {
    pub fn bind(mut self, value: impl Bind<'q>) -> Self {
        self.inner = self.inner.bind(value);
        self
    }
    pub async fn fetch_all<'e>(self, exec: impl Into<Exec<'e>>) -> Result<Vec<T>, sqlx::Error> {
        on_engine!(self.inner, exec, query_scalar_with, fetch_all)
    }
    pub async fn fetch_one<'e>(self, exec: impl Into<Exec<'e>>) -> Result<T, sqlx::Error> {
        on_engine!(self.inner, exec, query_scalar_with, fetch_one)
    }
    pub async fn fetch_optional<'e>(
        self,
        exec: impl Into<Exec<'e>>,
    ) -> Result<Option<T>, sqlx::Error> {
        on_engine!(self.inner, exec, query_scalar_with, fetch_optional)
    }
}

/// `$first, $first+1, …` for `n` values: for `IN (…)` lists whose length is known only at
/// run time.
pub fn placeholders(first: usize, n: usize) -> String {
    (first..first + n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}
