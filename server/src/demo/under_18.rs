//! The "Under 18" demo: a course for 9th and 10th graders at a lower-secondary school, starting
//! in about a week, whose pupils the school counsellor registered and enrolled, one in each
//! consent state (given, requested, missing, withdrawn, refused); and a consent for Sara, the
//! running course's 17-year-old, so that she gets her reminders.

use app::consent::ConsentInput;
use app::courses::CourseInput;
use app::participants::ParticipantInput;
use chrono::{DateTime, Datelike, Duration, Utc, Weekday};
use store::consent::{record_consent, request_consent, withdraw};
use store::courses::create_course;
use store::participants::create_participant;
use store::participants::enrolment::enrol;
use store::Actor;
use store::StoreError;

/// The consent each pupil's guardian has given (or not).
#[derive(Clone, Copy)]
enum Consent {
    Given,
    Requested,
    Missing,
    Withdrawn,
    Refused,
}

struct Pupil {
    first: &'static str,
    last: &'static str,
    birth: &'static str,
    phone: &'static str,
    language: &'static str,
    guardian: &'static str,
    relation: &'static str,
    guardian_phone: &'static str,
    guardian_email: Option<&'static str>,
    guardian_language: Option<&'static str>,
    consent: Consent,
}

const PUPILS: [Pupil; 5] = [
    Pupil {
        first: "Leah",
        last: "Olsen",
        birth: "2011-04-12",
        phone: "948 10 201",
        language: "nb",
        guardian: "Marte Olsen",
        relation: "mother",
        guardian_phone: "474 20 201",
        guardian_email: None,
        guardian_language: None,
        consent: Consent::Given,
    },
    Pupil {
        first: "Adam",
        last: "Karimi",
        birth: "2012-01-23",
        phone: "948 10 202",
        language: "nb",
        guardian: "Rania Karimi",
        relation: "mother",
        guardian_phone: "948 20 202",
        guardian_email: None,
        guardian_language: Some("ar"),
        consent: Consent::Requested,
    },
    Pupil {
        first: "Ibrahim",
        last: "Abdi",
        birth: "2011-09-30",
        phone: "948 10 203",
        language: "so",
        guardian: "Hawa Abdi",
        relation: "mother",
        guardian_phone: "948 20 203",
        guardian_email: None,
        guardian_language: Some("so"),
        consent: Consent::Missing,
    },
    Pupil {
        first: "Selma",
        last: "Kaya",
        birth: "2011-11-11",
        phone: "948 10 204",
        language: "tr",
        guardian: "Ayşe Kaya",
        relation: "mother",
        guardian_phone: "948 20 204",
        guardian_email: None,
        guardian_language: Some("tr"),
        consent: Consent::Withdrawn,
    },
    Pupil {
        first: "Noah",
        last: "Eriksen",
        birth: "2012-05-05",
        phone: "948 10 205",
        language: "nb",
        guardian: "Per Eriksen",
        relation: "father",
        guardian_phone: "948 20 205",
        guardian_email: None,
        guardian_language: None,
        consent: Consent::Refused,
    },
];

fn consent_input(guardian: &str, relation: &str, method: &str, decision: &str) -> ConsentInput {
    ConsentInput {
        given_by: guardian.into(),
        relation: relation.into(),
        method: method.into(),
        channels: vec!["sms".into()],
        decision: Some(decision.into()),
        given_on: None,
    }
}

/// Loads the course and its pupils unless the course exists.
pub async fn load(
    pool: &store::Db,
    admin: &Actor,
    leader: &Actor,
    counsellor: &Actor,
    programme_id: i64,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let existing = store::courses::id_by_title(pool, super::UNDER_18_COURSE_TITLE).await?;
    if existing.is_some() {
        return Ok(());
    }
    // Starts on the Monday at least a week ahead: consents have time to come in.
    let mut start = (now + Duration::days(7)).date_naive();
    while start.weekday() != Weekday::Mon {
        start += Duration::days(1);
    }
    let course = create_course(
        pool,
        admin,
        CourseInput {
            programme_id,
            title: super::UNDER_18_COURSE_TITLE.into(),
            public_name: "Klart jeg kan".into(),
            location: "Haugen ungdomsskole, rom 104".into(),
            capacity: Some(10),
            start_date: start.to_string(),
            weekdays: vec!["mon".into(), "wed".into()],
            start_time: "13:00".into(),
            end_time: "15:00".into(),
            time_zone: None,
            closed_dates: vec![],
            leader_ids: Some(vec![leader.id]),
            guardian_reminders: Some(true),
            // Held at the school, so the school's own closed days are skipped too.
            school_id: counsellor.school_id,
        },
        now,
    )
    .await?;
    for p in PUPILS {
        // The counsellor registers and enrols the pupils of their school.
        let pupil = create_participant(
            pool,
            counsellor,
            ParticipantInput {
                first_name: p.first.into(),
                last_name: p.last.into(),
                birth_date: Some(p.birth.into()),
                phone: Some(p.phone.into()),
                language: Some(p.language.into()),
                preferred_channel: Some("sms".into()),
                referral_source: Some("skole".into()),
                primary_contact_id: Some(leader.id),
                guardian_name: Some(p.guardian.into()),
                guardian_phone: Some(p.guardian_phone.into()),
                guardian_email: p.guardian_email.map(String::from),
                guardian_language: p.guardian_language.map(String::from),
                ..Default::default()
            },
            now,
        )
        .await?;
        enrol(pool, counsellor, course.course.id, pupil.id, now).await?;
        match p.consent {
            Consent::Given => {
                record_consent(
                    pool,
                    counsellor,
                    pupil.id,
                    consent_input(p.guardian, p.relation, "in_person", "given"),
                    now,
                )
                .await?;
            }
            Consent::Requested => {
                request_consent(pool, counsellor, pupil.id, now).await?;
            }
            Consent::Missing => {}
            Consent::Withdrawn => {
                let given = record_consent(
                    pool,
                    counsellor,
                    pupil.id,
                    consent_input(p.guardian, p.relation, "paper", "given"),
                    now - Duration::days(3),
                )
                .await?;
                withdraw(
                    pool,
                    counsellor,
                    pupil.id,
                    given.id,
                    Some("Moren ringte: vil ikke at Selma får SMS likevel.".into()),
                    now,
                )
                .await?;
            }
            Consent::Refused => {
                record_consent(
                    pool,
                    counsellor,
                    pupil.id,
                    consent_input(p.guardian, p.relation, "phone", "refused"),
                    now,
                )
                .await?;
            }
        }
    }
    // Sara (17) in the running course: her mother said yes at the school's meeting.
    let sara = store::participants::id_by_name(pool, "Sara", "Ali").await?;
    if let Some(sara) = sara {
        record_consent(
            pool,
            counsellor,
            sara,
            consent_input("Layla Ali", "mother", "in_person", "given"),
            now,
        )
        .await?;
    }
    Ok(())
}
