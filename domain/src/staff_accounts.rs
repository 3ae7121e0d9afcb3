//! Staff accounts as admins manage them: the account record, what an admin may send to add or
//! change one, the rule that keeps one active admin, the invitation and reset links' lifetimes,
//! and API tokens as their owner sees them.

use crate::people::Role;
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

/// A staff account as the admin pages and `GET /api/v1/users` show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffAccount {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub role: Role,
    pub school_id: Option<i64>,
    pub school_name: Option<String>,
    /// A disabled account cannot sign in and its tokens do not work; it is kept so that its
    /// name stays on what the person did.
    pub active: bool,
    /// Invited, and no password chosen yet.
    pub invited: bool,
    pub created_at: DateTime<Utc>,
    pub disabled_at: Option<DateTime<Utc>>,
}

/// A new staff member, as the form and `POST /api/v1/users` send it. No password: they
/// choose their own through the invitation e-mail.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct StaffInput {
    pub name: String,
    pub email: String,
    /// `admin`, `leader` or `counsellor`.
    pub role: String,
    /// Required for a counsellor: the school they work at.
    #[serde(default)]
    pub school_id: Option<i64>,
}

/// A change to a staff account; absent fields stay as they are, and `school_id: null` takes
/// the school away (not allowed for a counsellor).
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct StaffPatch {
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub role: Option<String>,
    #[serde(default, deserialize_with = "crate::present")]
    pub school_id: Option<Option<i64>>,
    #[serde(default)]
    pub active: Option<bool>,
}

/// Whether a change would leave the organisation without an active admin: the account is an
/// active admin now, stops being one, and no other active admin is left.
pub fn leaves_no_admin(
    role_now: Role,
    active_now: bool,
    role_after: Role,
    active_after: bool,
    other_active_admins: i64,
) -> bool {
    let admin_now = role_now == Role::Admin && active_now;
    let admin_after = role_after == Role::Admin && active_after;
    admin_now && !admin_after && other_active_admins == 0
}

code_enum! {
    /// What a single-use staff link is for.
    LinkPurpose {
        Invitation => "invitation",
        PasswordReset => "password_reset",
    }
}

impl LinkPurpose {
    /// The purpose of the link a message carries, when it carries one.
    pub fn of_message(kind: crate::messages::MessageKind) -> Option<LinkPurpose> {
        LinkPurpose::ALL
            .iter()
            .copied()
            .find(|p| p.message_kind() == kind)
    }

    /// The message that carries a link of this purpose.
    pub fn message_kind(self) -> crate::messages::MessageKind {
        match self {
            LinkPurpose::Invitation => crate::messages::MessageKind::StaffInvitation,
            LinkPurpose::PasswordReset => crate::messages::MessageKind::PasswordReset,
        }
    }

    /// How long a link works after its e-mail was sent: an invitation a week (people are away),
    /// a reset two hours (it was asked for just now).
    pub fn lifetime(self) -> Duration {
        match self {
            LinkPurpose::Invitation => Duration::days(7),
            LinkPurpose::PasswordReset => Duration::hours(2),
        }
    }
}

/// At most this many reset e-mails to one account per hour, however often the form is sent.
pub const RESETS_PER_HOUR: i64 = 3;

/// The shortest password anyone may choose.
pub const MIN_PASSWORD_CHARS: usize = 10;

/// Why a password is refused, if it is.
pub fn password_problem(password: &str) -> Option<crate::problem::Problem> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        Some(crate::problem::Code::PasswordTooShort.with("min", MIN_PASSWORD_CHARS))
    } else {
        None
    }
}

/// An API token as its owner (or an admin) sees it: never the token itself, which is shown
/// once when it is made.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "sql", derive(sqlx::FromRow))]
pub struct ApiToken {
    pub id: i64,
    pub label: String,
    pub created_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_active_admin_can_be_neither_disabled_nor_demoted() {
        use Role::*;
        assert!(leaves_no_admin(Admin, true, Admin, false, 0));
        assert!(leaves_no_admin(Admin, true, Leader, true, 0));
        assert!(!leaves_no_admin(Admin, true, Leader, true, 1));
        assert!(!leaves_no_admin(Admin, true, Admin, true, 0));
        // An account that is not an active admin takes no admin away.
        assert!(!leaves_no_admin(Admin, false, Leader, false, 0));
        assert!(!leaves_no_admin(Leader, true, Leader, false, 0));
    }

    #[test]
    fn a_patch_tells_a_null_school_from_an_absent_one() {
        let absent: StaffPatch = serde_json::from_str(r#"{"name":"Kari"}"#).unwrap();
        assert_eq!(absent.school_id, None);
        let cleared: StaffPatch = serde_json::from_str(r#"{"school_id":null}"#).unwrap();
        assert_eq!(cleared.school_id, Some(None));
        let set: StaffPatch = serde_json::from_str(r#"{"school_id":4}"#).unwrap();
        assert_eq!(set.school_id, Some(Some(4)));
    }

    #[test]
    fn links_last_a_week_for_an_invitation_and_two_hours_for_a_reset() {
        assert_eq!(LinkPurpose::Invitation.lifetime(), Duration::days(7));
        assert_eq!(LinkPurpose::PasswordReset.lifetime(), Duration::hours(2));
    }

    #[test]
    fn a_password_has_at_least_ten_characters() {
        assert_eq!(
            password_problem("kort"),
            Some(crate::problem::Code::PasswordTooShort.with("min", 10))
        );
        assert_eq!(password_problem("langt nok passord"), None);
    }
}
