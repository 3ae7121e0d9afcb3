//! The reports' facts, gathered within the caller's scope: admins count everyone, leaders the
//! participants of the courses they lead, counsellors their school's pupils; the filters
//! (programme, course, school) narrow within that. The counting itself is in
//! `domain::reports`.

pub mod course;
pub mod monthly;

use crate::actor::Actor;
use crate::sql::{query_as, QueryAs, Record};
use domain::people::Role;
use domain::reports::ReportFilter;

/// SQL conditions on participants `p` and on courses `c`, with the values they bind as `$1`,
/// `$2` … in `binds` order: a query using them binds the scope's values first
/// (`Scope::query_as`) and numbers its own from `binds.len() + 1`.
pub(crate) struct Scope {
    pub participants: String,
    pub courses: String,
    pub binds: Vec<i64>,
}

impl Scope {
    pub(crate) fn new(actor: &Actor, filter: &ReportFilter) -> Scope {
        let mut binds = Vec::new();
        let next = |value: i64, binds: &mut Vec<i64>| {
            binds.push(value);
            format!("${}", binds.len())
        };
        let mut people = vec!["1 = 1".to_string()];
        let mut courses = vec!["1 = 1".to_string()];
        // Taking part: enrolled, or enrolled once and withdrawn (not only waitlisted).
        let took_part = |course_cond: &str| {
            format!(
                "EXISTS (SELECT 1 FROM enrolments e JOIN courses ec ON ec.id = e.course_id
                   WHERE e.participant_id = p.id AND e.status <> 'waitlisted' AND {course_cond})"
            )
        };
        match actor.role {
            Role::Admin => {}
            Role::Counsellor => {
                let school = next(actor.school_id.unwrap_or(-1), &mut binds);
                people.push(format!("p.school_id = {school}"));
                courses.push(format!(
                    "EXISTS (SELECT 1 FROM enrolments e JOIN participants sp ON sp.id = e.participant_id
                       WHERE e.course_id = c.id AND e.status <> 'waitlisted' AND sp.school_id = {school})"
                ));
            }
            Role::Leader => {
                let me = next(actor.id, &mut binds);
                let led = format!(
                    "EXISTS (SELECT 1 FROM course_leaders cl WHERE cl.course_id = ec.id AND cl.user_id = {me})"
                );
                people.push(took_part(&led));
                courses.push(format!(
                    "EXISTS (SELECT 1 FROM course_leaders cl WHERE cl.course_id = c.id AND cl.user_id = {me})"
                ));
            }
        }
        if let Some(programme) = filter.programme_id {
            let x = next(programme, &mut binds);
            people.push(took_part(&format!("ec.programme_id = {x}")));
            courses.push(format!("c.programme_id = {x}"));
        }
        if let Some(course) = filter.course_id {
            let x = next(course, &mut binds);
            people.push(took_part(&format!("ec.id = {x}")));
            courses.push(format!("c.id = {x}"));
        }
        if let Some(school) = filter.school_id {
            let x = next(school, &mut binds);
            people.push(format!("p.school_id = {x}"));
            courses.push(format!(
                "(c.school_id = {x} OR EXISTS (SELECT 1 FROM enrolments e JOIN participants sp ON sp.id = e.participant_id
                   WHERE e.course_id = c.id AND e.status <> 'waitlisted' AND sp.school_id = {x}))"
            ));
        }
        Scope {
            participants: people.join(" AND "),
            courses: courses.join(" AND "),
            binds,
        }
    }
}

impl Scope {
    /// The query with the scope's values bound first.
    pub(crate) fn query_as<'q, T: Record>(&self, sql: &'q str) -> QueryAs<'q, T> {
        self.binds
            .iter()
            .fold(query_as::<T>(sql), |q, value| q.bind(*value))
    }
}
