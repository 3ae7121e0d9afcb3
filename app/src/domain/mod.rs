//! Pure types and rules shared by browser and server: schedule generation, Norwegian holidays,
//! weekday codes and validation newtypes. Nothing here touches a database or a clock.

pub mod holidays;
pub mod people;
#[cfg(feature = "ssr")]
pub mod phone;
// The generator needs the time-zone database, which only the server carries.
#[cfg(feature = "ssr")]
pub mod schedule;
pub mod weekday;
