//! The values a query binds, one enum for both engines: each variant keeps its SQL type even
//! when it is NULL, because PostgreSQL needs the type of every parameter.

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use std::borrow::Cow;

#[derive(Clone, Debug)]
pub enum Value<'q> {
    Int(Option<i64>),
    Real(Option<f64>),
    Text(Option<Cow<'q, str>>),
    Bool(Option<bool>),
    Instant(Option<DateTime<Utc>>),
    Date(Option<NaiveDate>),
    Time(Option<NaiveTime>),
    /// A whole column at once, for PostgreSQL's `unnest` (see `sql::Rows`).
    Array(Array),
}

/// One column's values, for PostgreSQL only (SQLite has no arrays).
#[derive(Clone, Debug)]
pub enum Array {
    Int(Vec<Option<i64>>),
    Real(Vec<Option<f64>>),
    Text(Vec<Option<String>>),
    Bool(Vec<Option<bool>>),
    Instant(Vec<Option<DateTime<Utc>>>),
    Date(Vec<Option<NaiveDate>>),
    Time(Vec<Option<NaiveTime>>),
}

impl Array {
    /// An empty column of the type `like` has, and the name PostgreSQL gives its arrays.
    pub(super) fn like(like: &Value<'_>) -> Option<(Array, &'static str)> {
        Some(match like {
            Value::Int(_) => (Array::Int(Vec::new()), "bigint[]"),
            Value::Real(_) => (Array::Real(Vec::new()), "double precision[]"),
            Value::Text(_) => (Array::Text(Vec::new()), "text[]"),
            Value::Bool(_) => (Array::Bool(Vec::new()), "boolean[]"),
            Value::Instant(_) => (Array::Instant(Vec::new()), "timestamptz[]"),
            Value::Date(_) => (Array::Date(Vec::new()), "date[]"),
            Value::Time(_) => (Array::Time(Vec::new()), "time[]"),
            Value::Array(_) => return None,
        })
    }

    /// Adds a value of the column's type; false when it has another.
    pub(super) fn push(&mut self, value: Value<'_>) -> bool {
        match (self, value) {
            (Array::Int(a), Value::Int(v)) => a.push(v),
            (Array::Real(a), Value::Real(v)) => a.push(v),
            (Array::Text(a), Value::Text(v)) => a.push(v.map(Cow::into_owned)),
            (Array::Bool(a), Value::Bool(v)) => a.push(v),
            (Array::Instant(a), Value::Instant(v)) => a.push(v),
            (Array::Date(a), Value::Date(v)) => a.push(v),
            (Array::Time(a), Value::Time(v)) => a.push(v),
            _ => return false,
        }
        true
    }
}

/// What can be bound to a placeholder.
pub trait Bind<'q> {
    fn value(self) -> Value<'q>;
}

macro_rules! bind_copy {
    ($($t:ty => $variant:ident $(as $cast:ty)?),+ $(,)?) => {$(
        impl<'q> Bind<'q> for $t {
            fn value(self) -> Value<'q> { Value::$variant(Some(self $(as $cast)?)) }
        }
        impl<'q> Bind<'q> for &$t {
            fn value(self) -> Value<'q> { Value::$variant(Some(*self $(as $cast)?)) }
        }
        impl<'q> Bind<'q> for Option<$t> {
            fn value(self) -> Value<'q> { Value::$variant(self.map(|v| v $(as $cast)?)) }
        }
        impl<'q> Bind<'q> for &Option<$t> {
            fn value(self) -> Value<'q> { Value::$variant(self.map(|v| v $(as $cast)?)) }
        }
    )+};
}

bind_copy! {
    i64 => Int,
    i32 => Int as i64,
    u32 => Int as i64,
    f64 => Real,
    bool => Bool,
    DateTime<Utc> => Instant,
    NaiveDate => Date,
    NaiveTime => Time,
}

impl<'q> Bind<'q> for &'q str {
    fn value(self) -> Value<'q> {
        Value::Text(Some(Cow::Borrowed(self)))
    }
}
impl<'q> Bind<'q> for &'q String {
    fn value(self) -> Value<'q> {
        Value::Text(Some(Cow::Borrowed(self.as_str())))
    }
}
impl<'q> Bind<'q> for String {
    fn value(self) -> Value<'q> {
        Value::Text(Some(Cow::Owned(self)))
    }
}
impl<'q> Bind<'q> for Option<&'q str> {
    fn value(self) -> Value<'q> {
        Value::Text(self.map(Cow::Borrowed))
    }
}
impl<'q> Bind<'q> for Option<String> {
    fn value(self) -> Value<'q> {
        Value::Text(self.map(Cow::Owned))
    }
}
impl<'q> Bind<'q> for &'q Option<String> {
    fn value(self) -> Value<'q> {
        Value::Text(self.as_deref().map(Cow::Borrowed))
    }
}
impl<'q> Bind<'q> for Value<'q> {
    fn value(self) -> Value<'q> {
        self
    }
}
