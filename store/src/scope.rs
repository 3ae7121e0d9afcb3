//! Who may see which participant: admins everyone, a counsellor their own school's pupils,
//! a leader the participants of the courses they lead, those they are primary contact for and
//! those they registered. Every store that touches a participant asks here first.

use crate::actor::Actor;
use crate::error::{StoreError, StoreResult};
use crate::sql::{query_as, query_scalar, Db};
use domain::participants::Participant;
use domain::people::Role;

pub(crate) const PARTICIPANT_SELECT: &str = "SELECT p.id, p.first_name, p.last_name, p.birth_date, p.phone, p.email, p.language,
       p.preferred_channel, p.school_id, s.name AS school, p.referral_source, p.primary_contact_id,
       u.name AS primary_contact_name, p.category, p.guardian_name, p.guardian_phone, p.guardian_email,
       p.guardian_language, p.sms_opted_out_at IS NOT NULL AS sms_opted_out,
       p.guardian_sms_opted_out_at IS NOT NULL AS guardian_sms_opted_out
     FROM participants p
     LEFT JOIN schools s ON s.id = p.school_id
     LEFT JOIN users u ON u.id = p.primary_contact_id";

/// SQL condition limiting participants `p` to what the leader whose id is bound as
/// `$leader` may see.
pub(crate) fn visible_to_leader(leader: usize) -> String {
    format!(
        "(p.primary_contact_id = ${leader} OR p.created_by = ${leader} OR EXISTS (
           SELECT 1 FROM enrolments e JOIN course_leaders cl ON cl.course_id = e.course_id
           WHERE e.participant_id = p.id AND cl.user_id = ${leader}))"
    )
}

/// The participant's record, whoever asks (callers check scope).
pub(crate) async fn participant_row(db: &Db, id: i64) -> StoreResult<Participant> {
    // An erased participant's row is anonymous and stays only for the counts.
    let sql = format!("{PARTICIPANT_SELECT} WHERE p.id = $1 AND p.erased_at IS NULL");
    query_as(&sql)
        .bind(id)
        .fetch_optional(db)
        .await?
        .ok_or_else(|| StoreError::not_found("participant"))
}

/// Whether the staff user may see this participant at all.
pub async fn can_see(db: &Db, staff: &Actor, p: &Participant) -> StoreResult<bool> {
    Ok(match staff.role {
        Role::Admin => true,
        Role::Counsellor => staff.school_id.is_some() && p.school_id == staff.school_id,
        Role::Leader => {
            let sql = format!(
                "SELECT p.id FROM participants p WHERE p.id = $1 AND {}",
                visible_to_leader(2)
            );
            query_scalar::<i64>(&sql)
                .bind(p.id)
                .bind(staff.id)
                .fetch_optional(db)
                .await?
                .is_some()
        }
    })
}

/// One participant if the staff user may see them (404 when absent, 403 when out of scope),
/// without logging: for permission checks inside other operations.
pub async fn visible_participant(db: &Db, staff: &Actor, id: i64) -> StoreResult<Participant> {
    let p = participant_row(db, id).await?;
    if can_see(db, staff, &p).await? {
        Ok(p)
    } else {
        Err(StoreError::Forbidden)
    }
}
