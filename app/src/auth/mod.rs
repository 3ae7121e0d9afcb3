//! Staff identity: who is signed in, their role and school, and the login page.

use domain::people::Role;
use serde::{Deserialize, Serialize};

pub mod pages;
#[cfg(feature = "ssr")]
pub mod store;

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
