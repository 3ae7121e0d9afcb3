//! Staff administration in the browser: the admins' list of accounts (invite, change,
//! disable), choosing a password through an invitation or reset link, "forgot password", and
//! each staff member's own API tokens.

pub mod accounts;
pub mod password;
pub mod tokens;

use crate::i18n::Texts;
use domain::people::Role;

/// A role as the pages name it.
pub fn role_label(t: &Texts, role: Role) -> &'static str {
    match role {
        Role::Admin => t.role_admin,
        Role::Leader => t.role_leader,
        Role::Counsellor => t.role_counsellor,
    }
}
