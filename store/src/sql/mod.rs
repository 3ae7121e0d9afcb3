//! The database, on either engine: the pool, write transactions, and the query API the
//! stores use. Queries are written once; what differs between SQLite and PostgreSQL
//! (connecting, migrations, taking the write lock) lives in `sqlite.rs` and `postgres.rs`.

mod json_row;
mod postgres;
mod query;
mod rows;
mod sqlite;
mod value;

pub use json_row::JsonRow;
pub use query::{
    placeholders, query, query_as, query_scalar, Exec, Query, QueryAs, QueryScalar, Record, Scalar,
};
pub use rows::Rows;
/// The SQLite migrations, for tests that apply them step by step.
pub use sqlite::MIGRATOR as SQLITE_MIGRATOR;
pub use value::{Array, Bind, Value};

/// Which engine a database runs on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

impl Engine {
    /// The engine a database URL names, or why it names none we support.
    pub fn of_url(url: &str) -> Result<Engine, String> {
        if url.starts_with("sqlite:") {
            Ok(Engine::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(Engine::Postgres)
        } else {
            Err("the database URL must start with sqlite: or postgres://".into())
        }
    }
}

/// A pool of connections to the one database. Cheap to clone.
#[derive(Clone, Debug)]
pub enum Db {
    Sqlite(sqlx::SqlitePool),
    Postgres(sqlx::PgPool),
}

/// A transaction that writes. Dropped without `commit`, it rolls back.
pub enum Tx {
    Sqlite(sqlx::Transaction<'static, sqlx::Sqlite>),
    Postgres(sqlx::Transaction<'static, sqlx::Postgres>),
}

impl Db {
    /// Opens the database the URL names (creating a SQLite file if missing) without migrating.
    pub async fn connect(url: &str) -> Result<Db, sqlx::Error> {
        match Engine::of_url(url).map_err(|e| sqlx::Error::Configuration(e.into()))? {
            Engine::Sqlite => Ok(Db::Sqlite(sqlite::connect(url).await?)),
            Engine::Postgres => Ok(Db::Postgres(postgres::connect(url).await?)),
        }
    }

    pub fn engine(&self) -> Engine {
        match self {
            Db::Sqlite(_) => Engine::Sqlite,
            Db::Postgres(_) => Engine::Postgres,
        }
    }

    /// Applies the engine's migrations that have not run yet.
    pub async fn migrate(&self) -> Result<(), sqlx::migrate::MigrateError> {
        match self {
            Db::Sqlite(pool) => sqlite::MIGRATOR.run(pool).await,
            Db::Postgres(pool) => postgres::MIGRATOR.run(pool).await,
        }
    }

    /// True when the database answers a trivial query (the liveness check).
    pub async fn ping(&self) -> bool {
        query_scalar::<i64>("SELECT CAST(1 AS BIGINT)")
            .fetch_one(self)
            .await
            .is_ok()
    }

    /// True when the database answers and every migration this build knows has been applied:
    /// what a platform's readiness probe asks.
    pub async fn is_ready(&self) -> bool {
        let (applied, known) = match self {
            Db::Sqlite(pool) => (applied_versions(pool).await, &sqlite::MIGRATOR),
            Db::Postgres(pool) => (applied_versions(pool).await, &postgres::MIGRATOR),
        };
        match applied {
            Ok(applied) => known.iter().all(|m| applied.contains(&m.version)),
            Err(_) => false,
        }
    }

    /// Begins a transaction that writes. Write transactions take turns: SQLite takes its
    /// write lock at BEGIN, PostgreSQL a transaction-wide advisory lock, so that a read
    /// followed by a write inside one (a capacity check, then the enrolment) sees no other
    /// writer in between, on either engine.
    pub async fn begin_write(&self) -> Result<Tx, sqlx::Error> {
        match self {
            Db::Sqlite(pool) => Ok(Tx::Sqlite(sqlite::begin_write(pool).await?)),
            Db::Postgres(pool) => Ok(Tx::Postgres(postgres::begin_write(pool).await?)),
        }
    }

    /// Begins a write transaction that touches only what belongs to `keys` (say, a few
    /// courses' planned messages). On PostgreSQL such transactions run side by side unless
    /// they share a key, while every `begin_write` still takes turns with them; SQLite has
    /// one writer, so there it is `begin_write`.
    pub async fn begin_keyed_write(&self, keys: &[i64]) -> Result<Tx, sqlx::Error> {
        match self {
            Db::Sqlite(pool) => Ok(Tx::Sqlite(sqlite::begin_write(pool).await?)),
            Db::Postgres(pool) => Ok(Tx::Postgres(postgres::begin_keyed_write(pool, keys).await?)),
        }
    }

    /// On PostgreSQL, begins a transaction in which statements for `key` take turns, under an
    /// advisory lock on the key alone (never waiting for writers of other things), so a
    /// check-then-insert sees what the previous one for the same key wrote. `None` on SQLite:
    /// its one writer at a time already gives each statement its turn, without a transaction.
    pub async fn begin_turn(&self, key: i64) -> Result<Option<Tx>, sqlx::Error> {
        match self {
            Db::Sqlite(_) => Ok(None),
            Db::Postgres(pool) => Ok(Some(Tx::Postgres(postgres::begin_turn(pool, key).await?))),
        }
    }

    /// How many keyed write transactions are worth running at once.
    pub fn parallel_writes(&self) -> usize {
        match self {
            Db::Sqlite(_) => 1,
            Db::Postgres(_) => 2,
        }
    }

    pub async fn close(&self) {
        match self {
            Db::Sqlite(pool) => pool.close().await,
            Db::Postgres(pool) => pool.close().await,
        }
    }
}

impl Tx {
    pub fn engine(&self) -> Engine {
        match self {
            Tx::Sqlite(_) => Engine::Sqlite,
            Tx::Postgres(_) => Engine::Postgres,
        }
    }

    pub async fn commit(self) -> Result<(), sqlx::Error> {
        match self {
            Tx::Sqlite(tx) => tx.commit().await,
            Tx::Postgres(tx) => tx.commit().await,
        }
    }
}

async fn applied_versions<'c, E>(exec: E) -> Result<Vec<i64>, sqlx::Error>
where
    E: sqlx::Executor<'c>,
    for<'r> (i64,): sqlx::FromRow<'r, <E::Database as sqlx::Database>::Row>,
    for<'q> <E::Database as sqlx::Database>::Arguments<'q>: sqlx::IntoArguments<'q, E::Database>,
{
    sqlx::query_scalar("SELECT version FROM _sqlx_migrations WHERE success")
        .fetch_all(exec)
        .await
}
