//! Value types for people: roles, languages, channels, priority categories, e-mail addresses,
//! and the age rule for minors.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

code_enum!(
    /// A staff user's role.
    Role { Admin => "admin", Leader => "leader", Counsellor => "counsellor" }
);
code_enum!(
    /// Languages messages and pages can be in; bokmål is the fallback.
    Language { Nb => "nb", Nn => "nn", En => "en", Ar => "ar", So => "so", Tr => "tr" }
);
code_enum!(
    /// How a participant prefers to be reached.
    Channel { Sms => "sms", Email => "email", Both => "both" }
);
code_enum!(
    /// Where an enrolment stands.
    EnrolmentStatus { Enrolled => "enrolled", Waitlisted => "waitlisted", Withdrawn => "withdrawn" }
);
code_enum!(
    /// A session's state.
    SessionStatus { Scheduled => "scheduled", Cancelled => "cancelled" }
);

impl Language {
    /// Whether the language is written right to left (pages get `dir="rtl"`, and Fluent
    /// isolates every variable so names and numbers keep their own direction).
    pub fn is_right_to_left(self) -> bool {
        matches!(self, Language::Ar)
    }

    /// The language's own name, as shown in pickers.
    pub fn native_name(self) -> &'static str {
        match self {
            Language::Nb => "Norsk bokmål",
            Language::Nn => "Norsk nynorsk",
            Language::En => "English",
            Language::Ar => "العربية",
            Language::So => "Soomaali",
            Language::Tr => "Türkçe",
        }
    }
}

/// Priority category 1–4 from the follow-up guidance (1: ready for active measures …
/// 4: large limitations in prerequisites, will and/or motivation).
pub fn valid_category(n: i64) -> bool {
    (1..=4).contains(&n)
}

/// Age in whole years on `today`.
pub fn age_on(birth_date: NaiveDate, today: NaiveDate) -> i32 {
    let mut age = today.year() - birth_date.year();
    if (today.month(), today.day()) < (birth_date.month(), birth_date.day()) {
        age -= 1;
    }
    age
}

pub fn is_minor(birth_date: NaiveDate, today: NaiveDate) -> bool {
    age_on(birth_date, today) < 18
}

/// A participant as e-mails to staff name them: first name and the initial of the last name
/// ("Sara A."), because e-mail travels further than the app.
pub fn short_name(full_name: &str) -> String {
    let mut words = full_name.split_whitespace();
    let first = words.next().unwrap_or_default();
    match words.last().and_then(|last| last.chars().next()) {
        Some(initial) => format!("{first} {initial}."),
        None => first.to_string(),
    }
}

/// An e-mail address that looks deliverable: one @, a dot in the domain, no spaces.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EmailAddress(String);

impl EmailAddress {
    pub fn parse(input: &str) -> Option<Self> {
        let s = input.trim();
        let (local, domain) = s.split_once('@')?;
        let ok = !local.is_empty()
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains('@')
            && s.len() <= 254
            && !s.chars().any(|c| c.is_whitespace() || c.is_control());
        ok.then(|| Self(s.to_lowercase()))
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
    pub fn into_string(self) -> String {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_names_keep_the_first_name_and_the_last_initial() {
        assert_eq!(short_name("Sara Ali"), "Sara A.");
        assert_eq!(short_name("Mari Anne Hansen"), "Mari H.");
        assert_eq!(short_name("Omar"), "Omar");
        assert_eq!(short_name(" Ida  Solberg "), "Ida S.");
    }

    #[test]
    fn age_counts_whole_years() {
        let born = NaiveDate::from_ymd_opt(2009, 5, 17).unwrap();
        assert!(is_minor(
            born,
            NaiveDate::from_ymd_opt(2027, 5, 16).unwrap()
        ));
        assert!(!is_minor(
            born,
            NaiveDate::from_ymd_opt(2027, 5, 17).unwrap()
        ));
    }

    #[test]
    fn codes_round_trip() {
        for l in Language::ALL {
            assert_eq!(Language::parse(l.code()), Some(*l));
        }
        assert_eq!(Channel::parse("sms"), Some(Channel::Sms));
        assert_eq!(Role::parse("boss"), None);
    }

    #[test]
    fn email_addresses() {
        assert_eq!(
            EmailAddress::parse(" Ola@Example.no ").unwrap().as_str(),
            "ola@example.no"
        );
        assert!(EmailAddress::parse("ola@example").is_none());
        assert!(EmailAddress::parse("ola example@x.no").is_none());
        assert!(EmailAddress::parse("@x.no").is_none());
    }
}

// Records shared by the store, the pages and the API.

/// A signed-in staff user.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Staff {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub role: Role,
    pub school_id: Option<i64>,
    pub school_name: Option<String>,
}

impl Staff {
    pub fn is_admin(&self) -> bool {
        self.role == Role::Admin
    }
    pub fn is_counsellor(&self) -> bool {
        self.role == Role::Counsellor
    }
}
