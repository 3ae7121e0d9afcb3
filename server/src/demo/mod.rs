//! Demo data: the programmes "Klart jeg kan" (8 themed sessions and a follow-up a month later)
//! and "Ny retning" (4 weeks), a running course with 12 participants, an "Under 18" course at a
//! lower-secondary school with pupils in every consent state, and three staff users (a
//! coordinator, a course leader, a school counsellor), and two years of finished courses with
//! attendance, contact attempts and outcomes for the reports. Loading twice changes nothing.

use app::courses::CourseInput;
use app::participants::ParticipantInput;
use app::programmes::{FollowUpInput, PlanSessionInput, ProgrammeInput};
use chrono::{DateTime, Datelike, Duration, Utc, Weekday};
use domain::people::Role;
use store::auth::{upsert_staff, NewStaff};
use store::courses::create_course;
use store::participants::create_participant;
use store::participants::enrolment::enrol;
use store::programmes::{create_programme, programme_id_by_name};
use store::StoreError;
use store::{Actor, Via};

pub const ADMIN_EMAIL: &str = "koordinator@samling.test";
pub const ADMIN_PASSWORD: &str = "demo-koordinator";
pub const LEADER_EMAIL: &str = "kursleder@samling.test";
pub const LEADER_PASSWORD: &str = "demo-kursleder";
pub const COUNSELLOR_EMAIL: &str = "radgiver@samling.test";
pub const COUNSELLOR_PASSWORD: &str = "demo-radgiver";
pub const DEMO_COURSE_TITLE: &str = "Klart jeg kan – demokurs";
pub const UNDER_18_COURSE_TITLE: &str = "Under 18 – Klart jeg kan, Haugen";
/// A lower-secondary school (ungdomsskole): its pupils are 14–16.
pub const DEMO_SCHOOL: &str = "Haugen ungdomsskole";

const KLART_JEG_KAN: [(&str, &str, &str); 8] = [
    (
        "Bevisstgjøring – hvem er jeg?",
        "Bevisstgjøring",
        "Løsningsfokusert tenkning og kommunikasjon (LØFT)",
    ),
    ("Egne valg – hvordan?", "Egne valg", "Positiv psykologi"),
    (
        "Ressursavklaring – hvilke ressurser er viktigst for meg?",
        "Ressursavklaring",
        "Kommunikologi og livsstyrketrening",
    ),
    (
        "Selvfølelse og selvtillit",
        "Selvfølelse og selvtillit",
        "Selvfølelse og selvtillit",
    ),
    (
        "Endringsprosesser – hvordan gjør jeg en positiv endring?",
        "Endringsprosesser",
        "Endringsmetoder; enkelhetsprinsippet",
    ),
    (
        "Motivasjon – hva motiverer meg?",
        "Motivasjon",
        "Motivasjonsteori og -prosesser",
    ),
    (
        "Nettverk – hvem støtter meg?",
        "Nettverk",
        "Voksenpedagogikk",
    ),
    (
        "Veien videre – mine mål og hvordan jeg når dem",
        "Veien videre",
        "Målprosess",
    ),
];

const NY_RETNING: [&str; 8] = [
    "Velkommen – hvem er vi?",
    "Kartlegging av egne ressurser",
    "Skole eller arbeid – hva passer for meg?",
    "Besøk på karrieresenteret",
    "Arbeidstrening og praksis",
    "Nettverk og støtte",
    "Motivasjon og mestring",
    "Veien videre – min plan",
];

/// (first name, last name, birth date, phone, language, a minor's guardian: name and phone)
type DemoParticipant = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    Option<(&'static str, &'static str)>,
);

const PARTICIPANTS: [DemoParticipant; 12] = [
    ("Emma", "Hansen", "2006-03-14", "912 34 501", "nb", None),
    ("Jonas", "Berg", "2005-11-02", "912 34 502", "nb", None),
    (
        "Amina",
        "Hassan",
        "2010-06-21",
        "912 34 503",
        "so",
        Some(("Faadumo Hassan", "912 44 503")),
    ),
    ("Yusuf", "Demir", "2004-01-30", "912 34 504", "tr", None),
    (
        "Sara",
        "Ali",
        "2009-09-09",
        "912 34 505",
        "ar",
        Some(("Layla Ali", "912 44 505")),
    ),
    (
        "Mathias",
        "Johansen",
        "2003-07-17",
        "912 34 506",
        "nb",
        None,
    ),
    ("Nora", "Lie", "2007-02-05", "912 34 507", "nn", None),
    ("Oliver", "Nilsen", "2006-12-24", "912 34 508", "nb", None),
    ("Hodan", "Warsame", "2005-05-05", "912 34 509", "so", None),
    ("Elif", "Yilmaz", "2006-08-18", "912 34 510", "tr", None),
    ("Omar", "Khalil", "2002-10-10", "912 34 511", "ar", None),
    ("Ida", "Solberg", "2004-04-04", "912 34 512", "en", None),
];

/// The demo logins as (role, e-mail, password).
pub type Logins = Vec<(&'static str, &'static str, &'static str)>;

/// Loads what is missing of the demo (without the two years of history, which the tests that
/// load the demo do not need) and returns the demo logins.
pub async fn load(pool: &store::Db, now: DateTime<Utc>) -> Result<Logins, StoreError> {
    load_parts(pool, now, false).await
}

/// The whole demo, with two years of finished courses for the reports (`samling demo`,
/// `serve --demo`).
pub async fn load_with_history(pool: &store::Db, now: DateTime<Utc>) -> Result<Logins, StoreError> {
    load_parts(pool, now, true).await
}

async fn load_parts(
    pool: &store::Db,
    now: DateTime<Utc>,
    with_history: bool,
) -> Result<Logins, StoreError> {
    let admin = upsert_staff(
        pool,
        NewStaff {
            email: ADMIN_EMAIL,
            name: "Kari Koordinator",
            role: Role::Admin,
            school: None,
            password: ADMIN_PASSWORD,
        },
        now,
    )
    .await?;
    // Demo data goes in through the same stores, with the same checks, as an API client.
    let admin = Actor::new(admin, Via::Api);
    let leader = upsert_staff(
        pool,
        NewStaff {
            email: LEADER_EMAIL,
            name: "Lars Kursleder",
            role: Role::Leader,
            school: None,
            password: LEADER_PASSWORD,
        },
        now,
    )
    .await?;
    let leader = Actor::new(leader, Via::Api);
    // The pupils' school is on the list before they are registered at it.
    store::auth::find_or_create_school(pool, DEMO_SCHOOL).await?;

    let kjk_id = match programme_id_by_name(pool, "Klart jeg kan").await? {
        Some(id) => id,
        None => {
            let sessions = KLART_JEG_KAN
                .iter()
                .map(|(title, theme, method)| PlanSessionInput {
                    title: title.to_string(),
                    theme: theme.to_string(),
                    method: method.to_string(),
                    reflection_task: "Skriv i loggboka: hva tar du med deg fra samlingen?".into(),
                })
                .collect();
            let input = ProgrammeInput {
                name: "Klart jeg kan".into(),
                description: "Motivasjons- og ressurskartleggingskurs i grupper, smågrupper og makkerpar. To samlinger i uka i fire uker, så en oppfølgingssamling en måned etter.".into(),
                sessions_per_week: 2,
                weeks: 4,
                weekdays: vec!["tue".into(), "thu".into()],
                start_time: "12:00".into(),
                end_time: "14:30".into(),
                follow_up: Some(FollowUpInput { first_after: 1, first_unit: "months".into(), more: 0, every: 1, every_unit: "months".into() }),
                sessions: Some(sessions),
                completion_percent: None,
            };
            create_programme(pool, &admin, input, now).await?.id
        }
    };
    let nr_id = match programme_id_by_name(pool, "Ny retning").await? {
        Some(id) => id,
        None => {
            let input = ProgrammeInput {
            name: "Ny retning".into(),
            description: "Lavterskeltilbud for ungdom som nettopp har sluttet i videregående skole: fire uker motivasjon og ressurskartlegging, deretter arbeidstrening eller kurs.".into(),
            sessions_per_week: 2,
            weeks: 4,
            weekdays: vec!["mon".into(), "wed".into()],
            start_time: "10:00".into(),
            end_time: "13:00".into(),
            follow_up: None,
            sessions: Some(NY_RETNING.iter().map(|t| PlanSessionInput { title: t.to_string(), ..Default::default() }).collect()),
            completion_percent: None,
        };
            create_programme(pool, &admin, input, now).await?.id
        }
    };

    let existing = store::courses::id_by_title(pool, DEMO_COURSE_TITLE).await?;
    if existing.is_none() {
        // A running course: started on the Tuesday at least ten days ago.
        let mut start = (now - Duration::days(10)).date_naive();
        while start.weekday() != Weekday::Tue {
            start -= Duration::days(1);
        }
        let course = create_course(
            pool,
            &admin,
            CourseInput {
                programme_id: kjk_id,
                title: DEMO_COURSE_TITLE.into(),
                public_name: "Klart jeg kan".into(),
                location: "Ungdomstjenesten, møterom 2".into(),
                capacity: Some(14),
                start_date: start.to_string(),
                weekdays: vec!["tue".into(), "thu".into()],
                start_time: "12:00".into(),
                end_time: "14:30".into(),
                time_zone: None,
                closed_dates: vec![],
                leader_ids: Some(vec![leader.id]),
                guardian_reminders: None,
                school_id: None,
            },
            now,
        )
        .await?;
        for (first, last, birth, phone, lang, guardian) in PARTICIPANTS {
            let p = create_participant(
                pool,
                &admin,
                ParticipantInput {
                    first_name: first.into(),
                    last_name: last.into(),
                    birth_date: Some(birth.into()),
                    phone: Some(phone.into()),
                    language: Some(lang.into()),
                    preferred_channel: Some("sms".into()),
                    school: guardian.map(|_| DEMO_SCHOOL.to_string()),
                    referral_source: Some(if guardian.is_some() { "skole" } else { "NAV" }.into()),
                    primary_contact_id: Some(leader.id),
                    category: Some(2),
                    guardian_name: guardian.map(|g| g.0.to_string()),
                    guardian_phone: guardian.map(|g| g.1.to_string()),
                    ..Default::default()
                },
                now,
            )
            .await?;
            enrol(pool, &admin, course.course.id, p.id, now).await?;
        }
    }
    let counsellor = upsert_staff(
        pool,
        NewStaff {
            email: COUNSELLOR_EMAIL,
            name: "Rita Rådgiver",
            role: Role::Counsellor,
            school: Some(DEMO_SCHOOL),
            password: COUNSELLOR_PASSWORD,
        },
        now,
    )
    .await?;
    let counsellor = Actor::new(counsellor, Via::Api);
    under_18::load(pool, &admin, &leader, &counsellor, kjk_id, now).await?;
    if with_history {
        history::load(pool, &admin, &leader, (kjk_id, nr_id), now).await?;
    }
    Ok(vec![
        ("admin", ADMIN_EMAIL, ADMIN_PASSWORD),
        ("leader", LEADER_EMAIL, LEADER_PASSWORD),
        ("counsellor", COUNSELLOR_EMAIL, COUNSELLOR_PASSWORD),
    ])
}

mod history;
mod under_18;
