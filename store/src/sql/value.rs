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
