//! Samling's domain: the pure types and rules shared by browser and server (schedule
//! generation, Norwegian holidays, reminder planning, message texts, pairing, consent, phone
//! numbers). Nothing here touches a database, the network or a clock: callers pass `now`.
//!
//! Feature `tz` adds the rules that need the time-zone database (schedule, planning, alerts,
//! consent by age), feature `phone` the phone-number rules, feature `calendar` the iCalendar
//! text of calendar feeds; the browser build needs none of them.

/// A closed set of values with stable codes for the API and the database.
macro_rules! code_enum {
    ($(#[$m:meta])* $name:ident { $($variant:ident => $code:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }
            pub fn parse(s: &str) -> Option<Self> {
                match s.trim() { $($code => Some($name::$variant),)+ _ => None }
            }
        }
    };
}

/// For patches: a field that is present, even as `null`, is `Some` (with `#[serde(default)]`
/// an absent one stays `None`), so `null` can clear a value.
pub(crate) fn present<'de, D, T>(d: D) -> Result<Option<Option<T>>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: serde::Deserialize<'de>,
{
    <Option<T> as serde::Deserialize>::deserialize(d).map(Some)
}

pub mod attendance;
pub mod audit;
pub mod calendar;
pub mod closed_periods;
pub mod consent;
pub mod guardian_texts;
pub mod holidays;
pub mod i18n;
pub mod message_templates;
pub mod messages;
pub mod pairing;
pub mod participant_texts;
pub mod people;
#[cfg(feature = "phone")]
pub mod phone;
pub mod problem;
pub mod replies;
pub mod schools;
// The generator needs the time-zone database, which only the server carries.
#[cfg(feature = "tz")]
pub mod schedule;
// Planning works on instants and time zones, which only the server carries.
pub mod access_log;
pub mod action_plan;
#[cfg(feature = "tz")]
pub mod alerts;
pub mod courses;
pub mod followups;
pub mod logbook;
pub mod my_page;
pub mod outcomes;
pub mod participants;
pub mod programmes;
#[cfg(feature = "tz")]
pub mod reminder_rules;
#[cfg(feature = "tz")]
pub mod reminders;
pub mod reports;
pub mod retention;
pub mod sms_text;
#[cfg(feature = "sql")]
pub mod sql_text;
pub mod staff_accounts;
pub mod weekday;
