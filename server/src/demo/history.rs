//! Two years of demo history, so that the reports show something real on a fresh machine:
//! eight finished courses (every third month, "Klart jeg kan" and "Ny retning" in turn), each
//! with eight participants registered shortly before it, their attendance, contact attempts
//! after absences (each followed up), outcomes in the months after (some changing, some
//! closing follow-up); each course closed after its last session.
//! Everything goes in through the stores with the clock set to when it happened; nothing in
//! the past is ever sent (planning leaves sessions that have begun alone).

use app::courses::CourseInput;
use app::participants::ParticipantInput;
use chrono::{DateTime, Datelike, Duration, Months, NaiveDate, TimeZone, Utc, Weekday};
use chrono_tz::Tz;
use domain::attendance::MarkInput;
use domain::outcomes::{ContactAttemptInput, OutcomeInput};
use store::{Actor, StoreError};

const FIRST_NAMES: [&str; 16] = [
    "Aksel", "Sofie", "Ahmed", "Ingrid", "Mustafa", "Thea", "Jenny", "Sander", "Fatima", "Henrik",
    "Maja", "Ali", "Elias", "Tobias", "Nadia", "Kasper",
];
const LAST_NAMES: [&str; 8] = [
    "Andersen", "Karlsen", "Mohamed", "Pedersen", "Aydin", "Olsen", "Abdi", "Haugen",
];
/// Each participant's outcomes, by their place on the course: (days after the last session,
/// status), in order; a participant may change twice.
const OUTCOMES: [&[(i64, &str)]; 8] = [
    &[(20, "work_training")],
    &[(10, "benefits"), (60, "education")],
    &[(30, "work")],
    &[(15, "course")],
    &[(25, "benefits")],
    &[(40, "unknown"), (80, "work_training")],
    &[(35, "education")],
    &[],
];
/// How often each participant comes, in tenths, by their place on the course.
const TURNOUT: [u32; 8] = [10, 9, 9, 8, 6, 4, 9, 7];

fn noon(day: NaiveDate, tz: Tz) -> DateTime<Utc> {
    tz.from_local_datetime(&day.and_hms_opt(12, 0, 0).expect("noon exists"))
        .earliest()
        .expect("noon is never skipped")
        .with_timezone(&Utc)
}

/// The courses' start days: the weekday `weekday` on or after `months` months ago.
fn start_on(now: DateTime<Utc>, months: u32, weekday: Weekday) -> NaiveDate {
    let mut day = now.date_naive() - Months::new(months);
    while day.weekday() != weekday {
        day += Duration::days(1);
    }
    day
}

pub async fn load(
    pool: &store::Db,
    admin: &Actor,
    leader: &Actor,
    programmes: (i64, i64),
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    // Loaded once: the dates depend on the day it runs, so a later start must not add a
    // second history (the first course's first participant marks it).
    let first = (FIRST_NAMES[0], LAST_NAMES[0]);
    if store::participants::id_by_name(pool, first.0, first.1)
        .await?
        .is_some()
    {
        return Ok(());
    }
    let tz = chrono_tz::Europe::Oslo;
    for (n, months_ago) in [23u32, 20, 17, 14, 11, 8, 5, 3].into_iter().enumerate() {
        let kjk = n % 2 == 0;
        let (programme_id, name, weekdays, weekday) = if kjk {
            (programmes.0, "Klart jeg kan", ["tue", "thu"], Weekday::Tue)
        } else {
            (programmes.1, "Ny retning", ["mon", "wed"], Weekday::Mon)
        };
        let start = start_on(now, months_ago, weekday);
        let title = format!("{name} – {}", start.format("%m.%Y"));
        let planned_at = noon(start - Duration::days(21), tz);
        let course = store::courses::create_course(
            pool,
            admin,
            CourseInput {
                programme_id,
                title: title.clone(),
                public_name: name.into(),
                location: "Ungdomstjenesten, møterom 1".into(),
                capacity: Some(10),
                start_date: start.to_string(),
                weekdays: weekdays.map(String::from).to_vec(),
                start_time: if kjk { "12:00" } else { "10:00" }.into(),
                end_time: if kjk { "14:30" } else { "13:00" }.into(),
                time_zone: None,
                closed_dates: vec![],
                leader_ids: Some(vec![leader.id]),
                guardian_reminders: None,
                school_id: None,
            },
            planned_at,
        )
        .await?;
        let mut people = Vec::new();
        for i in 0..8usize {
            let k = n * 8 + i;
            let registered = noon(start - Duration::days(7 + (k % 9) as i64), tz);
            let p = store::participants::create_participant(
                pool,
                admin,
                ParticipantInput {
                    first_name: FIRST_NAMES[k % FIRST_NAMES.len()].into(),
                    last_name: LAST_NAMES[(k / 2 + n) % LAST_NAMES.len()].into(),
                    birth_date: Some(format!("{}-0{}-1{}", 2001 + k % 6, 1 + k % 9, k % 10)),
                    phone: Some(format!("913 40 {:03}", k)),
                    language: Some(["nb", "nb", "ar", "nb", "so", "tr", "nb", "en"][i].into()),
                    preferred_channel: Some("sms".into()),
                    referral_source: Some(["NAV", "OT", "selv"][k % 3].into()),
                    primary_contact_id: Some(leader.id),
                    category: Some(1 + (k % 4) as i64),
                    ..Default::default()
                },
                registered,
            )
            .await?;
            store::participants::enrolment::enrol(pool, admin, course.course.id, p.id, registered)
                .await?;
            people.push(p.id);
        }
        let mut last_day = start;
        for (s, session) in course.sessions.iter().enumerate() {
            let Ok(starts) = DateTime::parse_from_rfc3339(&session.starts_at) else {
                continue;
            };
            let starts = starts.with_timezone(&Utc);
            if starts > now {
                continue;
            }
            last_day = last_day.max(starts.with_timezone(&tz).date_naive());
            for (i, p) in people.iter().enumerate() {
                let comes = ((i * 7 + s * 3 + n) % 10) < TURNOUT[i] as usize;
                let status = match (comes, (i + s) % 5) {
                    (true, 0) => "late",
                    (true, _) => "present",
                    (false, 0) => "excused",
                    (false, _) => "absent",
                };
                let input = MarkInput {
                    status: status.into(),
                    note: None,
                };
                store::attendance::mark(
                    pool,
                    leader,
                    session.id,
                    *p,
                    input,
                    starts + Duration::hours(1),
                )
                .await?;
                if status == "absent" {
                    // The leader rings the next day; the least regular are hard to reach.
                    let next_day = starts + Duration::days(1);
                    let attempt = ContactAttemptInput {
                        date: next_day.with_timezone(&tz).date_naive().to_string(),
                        channel: if i % 2 == 0 { "phone" } else { "sms" }.into(),
                        reached: TURNOUT[i] >= 7,
                        note: None,
                    };
                    store::outcomes::add_attempt(pool, leader, *p, &attempt, tz, next_day).await?;
                    let done = domain::followups::NewFollowUp {
                        participant_id: *p,
                        session_id: session.id,
                        note: if attempt.reached {
                            "Ringte, kommer neste gang."
                        } else {
                            "Ringte, fikk ikke svar."
                        }
                        .into(),
                    };
                    store::followups::record_follow_up(pool, leader, done, next_day).await?;
                }
            }
        }
        // The coordinator closes a course once its last session is over.
        let closed_at = noon(last_day + Duration::days(1), tz);
        if closed_at <= now {
            store::courses::close_course(pool, admin, course.course.id, closed_at).await?;
        }
        for (i, p) in people.iter().enumerate() {
            let steps = OUTCOMES[(i + n) % OUTCOMES.len()];
            for (step, (after, status)) in steps.iter().enumerate() {
                let day = last_day + Duration::days(*after);
                let at = noon(day, tz);
                if at > now {
                    break;
                }
                let (date, note) = (day.to_string(), None);
                let last = step + 1 == steps.len();
                if last && matches!(*status, "work" | "education") {
                    let close = OutcomeInput {
                        status: status.to_string(),
                        date,
                        note,
                    };
                    store::outcomes::close_follow_up(pool, admin, *p, &close, tz, at).await?;
                } else {
                    let input = OutcomeInput {
                        status: status.to_string(),
                        date,
                        note,
                    };
                    store::outcomes::add_outcome(pool, leader, *p, &input, tz, at).await?;
                }
            }
        }
    }
    Ok(())
}
