//! Participants' own page, reached without a password: a sign-in link (magic link) sent by
//! SMS or e-mail opens a participant session, in which they see their schedule and buddy and
//! keep their logbook. Staff send the link from the participant's page; a participant can also
//! ask for one with their mobile number or e-mail address at `/p`.

use crate::logbook::LogbookEntry;
use serde::{Deserialize, Serialize};

/// Everything on a signed-in participant's own page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyPage {
    pub first_name: String,
    pub sessions: Vec<EnrolledSession>,
    /// First names of the current buddy (or buddies, in a trio), per course.
    pub buddies: Vec<String>,
    pub logbook: Vec<LogbookEntry>,
}

/// One session of a course the participant is enrolled in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnrolledSession {
    pub id: i64,
    /// The course's neutral public name (the same as in messages).
    pub course: String,
    pub number: i64,
    pub title: String,
    pub reflection_task: String,
    /// Local date and time, e.g. "12.01.2027 17:00".
    pub when: String,
    /// The local day and time ("17:00"), for pages that write the date in their language.
    pub day: chrono::NaiveDate,
    pub time: String,
    /// What the participant answered for a coming session: "yes", "no", or nothing yet.
    pub answer: Option<String>,
    pub place: String,
    pub cancelled: bool,
    pub past: bool,
}
