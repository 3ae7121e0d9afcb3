//! Participants' own page, reached without a password: a sign-in link (magic link) sent by
//! SMS or e-mail opens a participant session, in which they see their schedule and buddy and
//! keep their logbook. Staff send the link from the participant's page; a participant can also
//! ask for one with their mobile number or e-mail address at `/p`.

pub mod pages;

// The feature's records live in the domain crate, shared with the browser and the store.
pub use domain::my_page::*;
