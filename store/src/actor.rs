//! Who is asking, and through which door. Stores take the actor explicitly instead of
//! reading it from a request context, so that the same permission checks hold for pages,
//! the REST API, the worker and webhooks, and the access log says which door was used.

use crate::error::{StoreError, StoreResult};
use domain::people::Staff;
use std::ops::Deref;

/// The channel a request came through, as the access log records it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Via {
    /// A page's server function (signed in with the session cookie).
    Page,
    /// The REST API (a bearer token or the session cookie).
    Api,
    /// The background worker, acting for a staff member (their daily digest).
    Worker,
}

impl Via {
    pub fn code(self) -> &'static str {
        match self {
            Via::Page => "page",
            Via::Api => "api",
            Via::Worker => "worker",
        }
    }
}

/// A staff member acting through a channel. It dereferences to the `Staff` because every
/// scope rule is about the person (role, school, courses led); the channel only matters to
/// the access log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Actor {
    pub staff: Staff,
    pub via: Via,
}

impl Actor {
    /// Refuses anyone but an admin.
    pub fn require_admin(&self) -> StoreResult<()> {
        if self.is_admin() {
            Ok(())
        } else {
            Err(StoreError::Forbidden)
        }
    }

    pub fn new(staff: Staff, via: Via) -> Self {
        Actor { staff, via }
    }
}

impl Deref for Actor {
    type Target = Staff;
    fn deref(&self) -> &Staff {
        &self.staff
    }
}
