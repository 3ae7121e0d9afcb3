//! Storage, validation and visibility of participants. A counsellor sees only pupils of their
//! own school; a leader sees participants of the courses they lead, those they are primary
//! contact for and those they registered; an admin sees everyone.

pub mod enrolment;

use crate::access_log::{record, record_each, Access};
use crate::action_plan::record_category_change;
use crate::actor::Actor;
use crate::error::{StoreError, StoreResult};
use crate::paging::{self, Page, PageQuery};
use crate::scope::{
    participant_row as load, visible_participant, visible_to_leader, PARTICIPANT_SELECT,
};
use crate::sql::Db;
use crate::sql::{query, query_as, query_scalar, Query};
use chrono::{DateTime, NaiveDate, Utc};
use domain::participants::*;
use domain::people::{is_minor, valid_category, Channel, EmailAddress, Language, Role};
use domain::phone::{PhoneError, PhoneNumber};
use domain::problem::Code;

fn text(v: &Option<String>) -> Option<String> {
    v.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
}

fn phone(field: &str, v: &Option<String>) -> StoreResult<Option<String>> {
    text(v)
        .map(|p| {
            PhoneNumber::parse(&p)
                .map(PhoneNumber::into_string)
                .map_err(|e| match e {
                    PhoneError::Invalid => StoreError::invalid(field, Code::NotMobile),
                    PhoneError::NotNorwegianMobile => StoreError::invalid(field, e),
                })
        })
        .transpose()
}

fn email(field: &str, v: &Option<String>) -> StoreResult<Option<String>> {
    text(v)
        .map(|e| {
            EmailAddress::parse(&e)
                .map(EmailAddress::into_string)
                .ok_or_else(|| StoreError::invalid(field, Code::NotEmail))
        })
        .transpose()
}

struct Checked {
    first_name: String,
    last_name: String,
    birth_date: Option<NaiveDate>,
    phone: Option<String>,
    email: Option<String>,
    language: Language,
    channel: Channel,
    school_id: Option<i64>,
    school: Option<String>,
    referral_source: String,
    primary_contact_id: Option<i64>,
    category: Option<i64>,
    guardian_name: Option<String>,
    guardian_phone: Option<String>,
    guardian_email: Option<String>,
    guardian_language: Option<Language>,
}

fn check(input: &ParticipantInput, today: NaiveDate) -> StoreResult<Checked> {
    let first_name = input.first_name.trim().to_string();
    if first_name.is_empty() {
        return Err(StoreError::invalid("first_name", Code::FirstNameMissing));
    }
    let last_name = input.last_name.trim().to_string();
    if last_name.is_empty() {
        return Err(StoreError::invalid("last_name", Code::LastNameMissing));
    }
    let birth_date = text(&input.birth_date)
        .map(|d| {
            let date = NaiveDate::parse_from_str(&d, "%Y-%m-%d")
                .map_err(|_| StoreError::invalid("birth_date", Code::DateForm))?;
            if date > today || date < NaiveDate::from_ymd_opt(1900, 1, 1).expect("valid date") {
                return Err(StoreError::invalid(
                    "birth_date",
                    Code::BirthDateImplausible,
                ));
            }
            Ok(date)
        })
        .transpose()?;
    let phone_number = phone("phone", &input.phone)?;
    let email_address = email("email", &input.email)?;
    let language = match text(&input.language) {
        None => Language::Nb,
        Some(l) => Language::parse(&l)
            .ok_or_else(|| StoreError::invalid("language", Code::LanguageChoice))?,
    };
    let channel = match text(&input.preferred_channel) {
        None if phone_number.is_none() && email_address.is_some() => Channel::Email,
        None => Channel::Sms,
        Some(c) => Channel::parse(&c)
            .ok_or_else(|| StoreError::invalid("preferred_channel", Code::ChannelChoice))?,
    };
    if matches!(channel, Channel::Sms | Channel::Both) && phone_number.is_none() {
        return Err(StoreError::invalid("phone", Code::MobileNeededForSms));
    }
    if matches!(channel, Channel::Email | Channel::Both) && email_address.is_none() {
        return Err(StoreError::invalid("email", Code::EmailNeededForEmail));
    }
    if let Some(c) = input.category {
        if !valid_category(c) {
            return Err(StoreError::invalid("category", Code::CategoryChoice));
        }
    }
    let guardian_name = text(&input.guardian_name);
    let guardian_phone = phone("guardian_phone", &input.guardian_phone)?;
    let guardian_email = email("guardian_email", &input.guardian_email)?;
    let guardian_language = text(&input.guardian_language)
        .map(|l| {
            Language::parse(&l).ok_or_else(|| {
                StoreError::invalid("guardian_language", Code::LanguageChoiceOrEmpty)
            })
        })
        .transpose()?;
    if birth_date.is_some_and(|b| is_minor(b, today)) {
        if guardian_name.is_none() {
            return Err(StoreError::invalid(
                "guardian_name",
                Code::MinorNeedsGuardian,
            ));
        }
        if guardian_phone.is_none() && guardian_email.is_none() {
            return Err(StoreError::invalid(
                "guardian_phone",
                Code::GuardianContactMissing,
            ));
        }
    }
    Ok(Checked {
        first_name,
        last_name,
        birth_date,
        phone: phone_number,
        email: email_address,
        language,
        channel,
        school_id: input.school_id,
        school: text(&input.school),
        referral_source: text(&input.referral_source).unwrap_or_default(),
        primary_contact_id: input.primary_contact_id,
        category: input.category,
        guardian_name,
        guardian_phone,
        guardian_email,
        guardian_language,
    })
}

/// The school a new or changed participant gets, chosen from the managed list by id (or by
/// name, for API callers); a counsellor can only use their own. A retired school stays where
/// it already is (`current`) but is not chosen anew.
async fn school_for(
    db: &Db,
    staff: &Actor,
    c: &Checked,
    current: Option<i64>,
) -> StoreResult<Option<i64>> {
    let chosen = match (c.school_id, c.school.as_deref()) {
        (Some(id), _) => Some(id),
        (None, Some(name)) => Some(
            query_scalar("SELECT id FROM schools WHERE lower(name) = lower($1)")
                .bind(name)
                .fetch_optional(db)
                .await?
                .ok_or_else(|| StoreError::invalid("school", Code::SchoolNotListed))?,
        ),
        (None, None) => None,
    };
    if staff.role == Role::Counsellor {
        let own = staff.school_id.ok_or(StoreError::Forbidden)?;
        if chosen.is_some_and(|id| id != own) {
            return Err(StoreError::Forbidden);
        }
        return Ok(Some(own));
    }
    if let Some(id) = chosen {
        let active: Option<bool> = query_scalar("SELECT active FROM schools WHERE id = $1")
            .bind(id)
            .fetch_optional(db)
            .await?;
        match active {
            None => return Err(StoreError::invalid("school_id", Code::NoSuchSchool)),
            Some(false) if current != Some(id) => {
                return Err(StoreError::invalid("school_id", Code::SchoolInactive))
            }
            Some(_) => {}
        }
    }
    Ok(chosen)
}

async fn check_primary_contact(db: &Db, id: Option<i64>) -> StoreResult<()> {
    if let Some(id) = id {
        let found: Option<i64> = query_scalar("SELECT id FROM users WHERE id = $1")
            .bind(id)
            .fetch_optional(db)
            .await?;
        if found.is_none() {
            return Err(StoreError::invalid("primary_contact_id", Code::NoStaffUser));
        }
    }
    Ok(())
}

/// Binds a participant's fields in the column order both INSERT and UPDATE use.
fn bind_fields<'q>(query: Query<'q>, c: &'q Checked, school_id: Option<i64>) -> Query<'q> {
    query
        .bind(&c.first_name)
        .bind(&c.last_name)
        .bind(c.birth_date)
        .bind(&c.phone)
        .bind(&c.email)
        .bind(c.language.code())
        .bind(c.channel.code())
        .bind(school_id)
        .bind(&c.referral_source)
        .bind(c.primary_contact_id)
        .bind(c.category)
        .bind(&c.guardian_name)
        .bind(&c.guardian_phone)
        .bind(&c.guardian_email)
        .bind(c.guardian_language.map(Language::code))
}

pub async fn create_participant(
    db: &Db,
    staff: &Actor,
    input: ParticipantInput,
    now: DateTime<Utc>,
) -> StoreResult<Participant> {
    let c = check(&input, now.date_naive())?;
    check_primary_contact(db, c.primary_contact_id).await?;
    let school_id = school_for(db, staff, &c, None).await?;
    let id = bind_fields(
        query(
            "INSERT INTO participants (first_name, last_name, birth_date, phone, email, language, preferred_channel,
               school_id, referral_source, primary_contact_id, category, guardian_name, guardian_phone,
               guardian_email, guardian_language, updated_at, created_at, created_by)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18) RETURNING id",
        ),
        &c,
        school_id,
    )
    .bind(now)
    .bind(now)
    .bind(staff.id)
    .scalar::<i64>()
    .fetch_one(db)
    .await?;
    record(db, staff, id, Access::Change, "registered").await?;
    let reason = input.category_reason.as_deref().unwrap_or_default();
    record_category_change(db, staff, id, None, c.category, reason, now).await?;
    with_consent(db, load(db, id).await?, now).await
}

pub async fn update_participant(
    db: &Db,
    staff: &Actor,
    id: i64,
    input: ParticipantInput,
    now: DateTime<Utc>,
) -> StoreResult<Participant> {
    let before = visible_participant(db, staff, id).await?;
    let c = check(&input, now.date_naive())?;
    check_primary_contact(db, c.primary_contact_id).await?;
    let school_id = school_for(db, staff, &c, before.school_id).await?;
    bind_fields(
        query(
            "UPDATE participants SET first_name = $1, last_name = $2, birth_date = $3, phone = $4, email = $5, language = $6,
               preferred_channel = $7, school_id = $8, referral_source = $9, primary_contact_id = $10, category = $11,
               guardian_name = $12, guardian_phone = $13, guardian_email = $14, guardian_language = $15, updated_at = $16
             WHERE id = $17",
        ),
        &c,
        school_id,
    )
    .bind(now)
    .bind(id)
    .execute(db)
    .await?;
    record(db, staff, id, Access::Change, "participant record").await?;
    let reason = input.category_reason.as_deref().unwrap_or_default();
    record_category_change(db, staff, id, before.category, c.category, reason, now).await?;
    with_consent(db, load(db, id).await?, now).await
}

/// The participant with where their guardian's consent stands.
async fn with_consent(db: &Db, p: Participant, now: DateTime<Utc>) -> StoreResult<Participant> {
    let mut one = [p];
    crate::consent::fill_statuses(db, &mut one, now).await?;
    let [p] = one;
    Ok(p)
}

/// Reads a participant's record for a staff user, and says so in the access log.
pub async fn get_participant(db: &Db, staff: &Actor, id: i64) -> StoreResult<Participant> {
    let p = visible_participant(db, staff, id).await?;
    record(db, staff, id, Access::Read, "participant record").await?;
    with_consent(db, p, Utc::now()).await
}

/// The name search's cursors carry.
const SEARCH: &str = "participants";

/// Searches by name, phone or e-mail within what the staff user may see; an empty query lists.
/// One page, by last name, first name (as the database lowers them) and id. Each participant
/// found is a read in the access log, `shown_as` says where it was shown.
pub async fn search_participants(
    db: &Db,
    staff: &Actor,
    q: &str,
    asked: &PageQuery,
    shown_as: &str,
) -> StoreResult<Page<Participant>> {
    let size = asked.size()?;
    let after = asked.after::<(String, String, i64)>(SEARCH)?;
    let q = q.trim();
    let digits: String = q.chars().filter(|c| c.is_ascii_digit()).collect();
    let like = format!(
        "%{}%",
        q.replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_")
    );
    // Fewer than three digits search no phone numbers ('' matches nothing below).
    let phone_like = if digits.len() >= 3 {
        format!("%{digits}%")
    } else {
        String::new()
    };
    let scope = match staff.role {
        Role::Admin => "1 = 1".to_string(),
        Role::Counsellor => "p.school_id = $8".to_string(),
        Role::Leader => visible_to_leader(8),
    };
    let after_clause = if after.is_some() {
        " AND (lower(p.last_name), lower(p.first_name), p.id) > ($5, $6, $7)"
    } else {
        ""
    };
    // lower() on both sides: SQLite's LIKE ignores case, PostgreSQL's does not.
    let sql = format!(
        "{PARTICIPANT_SELECT} WHERE {scope} AND p.erased_at IS NULL AND ($1 = '' OR
           lower(p.first_name || ' ' || p.last_name) LIKE lower($2) ESCAPE '\\'
           OR lower(p.last_name) LIKE lower($2) ESCAPE '\\'
           OR lower(p.email) LIKE lower($2) ESCAPE '\\' OR ($3 <> '' AND p.phone LIKE $3)){after_clause}
         ORDER BY lower(p.last_name), lower(p.first_name), p.id LIMIT $4"
    );
    let (last_name, first_name, id) = match after {
        Some((last_name, first_name, id)) => (Some(last_name), Some(first_name), Some(id)),
        None => (None, None, None),
    };
    let query = query_as::<Participant>(&sql)
        .bind(q)
        .bind(&like)
        .bind(phone_like)
        .bind(size + 1)
        .bind(last_name)
        .bind(first_name)
        .bind(id);
    let query = match staff.role {
        Role::Counsellor => query.bind(staff.school_id.unwrap_or(-1)),
        Role::Admin | Role::Leader => query.bind(staff.id),
    };
    let (mut found, more) = paging::cut(query.fetch_all(db).await?, size);
    let next = match found.last() {
        // The key as the database lowers it (SQLite lowers ASCII letters only), not as Rust would.
        Some(last) if more => {
            let key: (String, String) = query_as(
                "SELECT lower(last_name) AS last_name, lower(first_name) AS first_name
                 FROM participants WHERE id = $1",
            )
            .bind(last.id)
            .fetch_one(db)
            .await?;
            Some(paging::cursor(SEARCH, &(key.0, key.1, last.id))?)
        }
        _ => None,
    };
    let shown: Vec<i64> = found.iter().map(|p| p.id).collect();
    record_each(db, staff, &shown, Access::Read, shown_as).await?;
    crate::consent::fill_statuses(db, &mut found, Utc::now()).await?;
    Ok(Page { items: found, next })
}

/// The participant with this first and last name, if any (the demo data looks its own
/// participants up by name).
pub async fn id_by_name(db: &Db, first_name: &str, last_name: &str) -> StoreResult<Option<i64>> {
    Ok(query_scalar(
        "SELECT id FROM participants WHERE first_name = $1 AND last_name = $2 ORDER BY id LIMIT 1",
    )
    .bind(first_name)
    .bind(last_name)
    .fetch_optional(db)
    .await?)
}
