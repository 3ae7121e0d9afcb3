//! Storing pairings, generating a new one from the rule in `domain::pairing`, and reading the
//! current pairs with who needs a new buddy after a withdrawal.

use crate::access_log::{record_each, Access};
use crate::actor::Actor;
use crate::courses::{require_manage, require_view};
use crate::error::{StoreError, StoreResult};
use crate::sql::Db;
use crate::sql::{query, query_as, query_scalar};
use chrono::{DateTime, Utc};
use domain::pairing::{left_without_buddy, make_groups, pairs_in, Pair};
use domain::pairing::{BuddyGroup, BuddyMember, Pairing};
use domain::people::Role;
use domain::problem::Code;
use std::collections::{BTreeMap, HashSet};

async fn enrolled_ids(db: &Db, course_id: i64) -> StoreResult<Vec<i64>> {
    Ok(query_scalar("SELECT participant_id FROM enrolments WHERE course_id = $1 AND status = 'enrolled' ORDER BY participant_id")
        .bind(course_id)
        .fetch_all(db)
        .await?)
}

/// Every pair that has worked together in any earlier pairing of the course.
async fn earlier_pairs(db: &Db, course_id: i64) -> StoreResult<HashSet<Pair>> {
    let rows: Vec<(i64, i64, i64)> = query_as(
        "SELECT g.pairing_id, g.group_no, g.participant_id FROM buddy_groups g
         JOIN buddy_pairings p ON p.id = g.pairing_id WHERE p.course_id = $1 ORDER BY g.pairing_id, g.group_no",
    )
    .bind(course_id)
    .fetch_all(db)
    .await?;
    let mut groups: BTreeMap<(i64, i64), Vec<i64>> = BTreeMap::new();
    for (pairing, group, participant) in rows {
        groups
            .entry((pairing, group))
            .or_default()
            .push(participant);
    }
    Ok(groups.values().flat_map(|g| pairs_in(g)).collect())
}

async fn save(
    db: &Db,
    staff: &Actor,
    course_id: i64,
    how: &str,
    groups: &[Vec<i64>],
    now: DateTime<Utc>,
) -> StoreResult<i64> {
    let mut tx = db.begin_write().await?;
    let id: i64 = query_scalar(
        "INSERT INTO buddy_pairings (course_id, how, created_by, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(course_id)
    .bind(how)
    .bind(staff.id)
    .bind(now)
    .fetch_one(&mut tx)
    .await?;
    for (no, group) in groups.iter().enumerate() {
        for participant in group {
            query(
                "INSERT INTO buddy_groups (pairing_id, group_no, participant_id) VALUES ($1, $2, $3)",
            )
            .bind(id)
            .bind(no as i64)
            .bind(participant)
            .execute(&mut tx)
            .await?;
        }
    }
    tx.commit().await?;
    Ok(id)
}

/// Makes new pairs among the enrolled participants, avoiding earlier buddies where possible.
pub async fn generate(
    db: &Db,
    staff: &Actor,
    course_id: i64,
    now: DateTime<Utc>,
) -> StoreResult<Pairing> {
    require_manage(db, staff, course_id).await?;
    let ids = enrolled_ids(db, course_id).await?;
    if ids.len() < 2 {
        return Err(StoreError::Conflict(Code::TooFewForPairs.into()));
    }
    let previous = earlier_pairs(db, course_id).await?;
    let seed = now.timestamp_micros() as u64 ^ course_id as u64;
    let groups = make_groups(&ids, &previous, seed);
    save(db, staff, course_id, "generated", &groups, now).await?;
    current(db, staff, course_id).await
}

/// Sets the pairs by hand: every enrolled participant at most once, groups of two or three.
pub async fn set_manual(
    db: &Db,
    staff: &Actor,
    course_id: i64,
    groups: Vec<Vec<i64>>,
    now: DateTime<Utc>,
) -> StoreResult<Pairing> {
    require_manage(db, staff, course_id).await?;
    let enrolled: HashSet<i64> = enrolled_ids(db, course_id).await?.into_iter().collect();
    let mut seen = HashSet::new();
    for group in &groups {
        if !(2..=3).contains(&group.len()) {
            return Err(StoreError::invalid("groups", Code::GroupSize));
        }
        for id in group {
            if !enrolled.contains(id) {
                return Err(StoreError::invalid(
                    "groups",
                    Code::NotEnrolledParticipant.with("id", id),
                ));
            }
            if !seen.insert(*id) {
                return Err(StoreError::invalid(
                    "groups",
                    Code::InTwoGroups.with("id", id),
                ));
            }
        }
    }
    save(db, staff, course_id, "manual", &groups, now).await?;
    current(db, staff, course_id).await
}

#[derive(sqlx::FromRow)]
struct MemberRow {
    pairing_id: i64,
    how: String,
    #[sqlx(try_from = "domain::sql_text::InstantText")]
    created_at: String,
    group_no: i64,
    participant_id: i64,
    name: String,
    active: bool,
}

/// One pairing while it is put together: how, when, and its groups by number.
type PairingRows = (String, String, BTreeMap<i64, Vec<BuddyMember>>);

fn assemble(rows: Vec<MemberRow>, enrolled: &[i64]) -> Vec<Pairing> {
    let mut pairings: BTreeMap<i64, PairingRows> = BTreeMap::new();
    for r in rows {
        let entry = pairings
            .entry(r.pairing_id)
            .or_insert_with(|| (r.how.clone(), r.created_at.clone(), BTreeMap::new()));
        entry.2.entry(r.group_no).or_default().push(BuddyMember {
            participant_id: r.participant_id,
            name: r.name,
            active: r.active,
        });
    }
    pairings
        .into_iter()
        .rev()
        .map(|(id, (how, created_at, groups))| {
            let groups: Vec<BuddyGroup> = groups
                .into_values()
                .map(|members| {
                    let ids: Vec<i64> = members.iter().map(|m| m.participant_id).collect();
                    let needs_new_buddy = members
                        .iter()
                        .filter(|m| !m.active)
                        .filter_map(|m| left_without_buddy(&ids, m.participant_id))
                        .filter(|alone| {
                            members
                                .iter()
                                .any(|m| m.participant_id == *alone && m.active)
                        })
                        .collect();
                    BuddyGroup {
                        participant_ids: ids,
                        members,
                        needs_new_buddy,
                    }
                })
                .collect();
            let paired: HashSet<i64> = groups
                .iter()
                .flat_map(|g| g.participant_ids.iter().copied())
                .collect();
            let unpaired = enrolled
                .iter()
                .copied()
                .filter(|id| !paired.contains(id))
                .collect();
            Pairing {
                id: Some(id),
                how,
                created_at: Some(created_at),
                groups,
                unpaired,
            }
        })
        .collect()
}

async fn load(db: &Db, course_id: i64, only_current: bool) -> StoreResult<Vec<Pairing>> {
    let filter = if only_current {
        "AND p.id = (SELECT MAX(id) FROM buddy_pairings WHERE course_id = p.course_id)"
    } else {
        ""
    };
    let sql = format!(
        "SELECT p.id AS pairing_id, p.how, p.created_at, g.group_no, g.participant_id,
           pa.first_name || ' ' || pa.last_name AS name,
           EXISTS (SELECT 1 FROM enrolments e WHERE e.course_id = p.course_id AND e.participant_id = g.participant_id
                   AND e.status = 'enrolled') AS active
         FROM buddy_pairings p JOIN buddy_groups g ON g.pairing_id = p.id JOIN participants pa ON pa.id = g.participant_id
         WHERE p.course_id = $1 {filter} ORDER BY p.id, g.group_no, pa.first_name"
    );
    let rows: Vec<MemberRow> = query_as(&sql).bind(course_id).fetch_all(db).await?;
    let enrolled = enrolled_ids(db, course_id).await?;
    Ok(assemble(rows, &enrolled))
}

/// The current pairs (an empty pairing when none was made yet), as far as the staff user may
/// see them; each member shown is a read in the access log.
pub async fn current(db: &Db, staff: &Actor, course_id: i64) -> StoreResult<Pairing> {
    let pairing = current_unlogged(db, staff, course_id).await?;
    let shown: Vec<i64> = pairing
        .groups
        .iter()
        .flat_map(|g| g.members.iter().map(|m| m.participant_id))
        .collect();
    let what = format!("buddy pairs, course {course_id}");
    record_each(db, staff, &shown, Access::Read, &what).await?;
    Ok(pairing)
}

/// The names of a participant's current buddies in a course, if paired (their page shows
/// them); only those buddies are reads in the access log.
pub async fn buddies_of(
    db: &Db,
    staff: &Actor,
    course_id: i64,
    participant_id: i64,
) -> StoreResult<Option<String>> {
    let pairing = current_unlogged(db, staff, course_id).await?;
    let Some(group) = pairing
        .groups
        .iter()
        .find(|g| g.participant_ids.contains(&participant_id))
    else {
        return Ok(None);
    };
    let buddies: Vec<i64> = group
        .members
        .iter()
        .filter(|m| m.participant_id != participant_id && m.active)
        .map(|m| m.participant_id)
        .collect();
    let what = format!("buddy, course {course_id}");
    record_each(db, staff, &buddies, Access::Read, &what).await?;
    Ok(pairing.buddies_of(participant_id))
}

async fn current_unlogged(db: &Db, staff: &Actor, course_id: i64) -> StoreResult<Pairing> {
    require_view(db, staff, course_id).await?;
    let mut all = load(db, course_id, true).await?;
    let pairing = all.pop().unwrap_or(Pairing {
        id: None,
        how: String::new(),
        created_at: None,
        groups: vec![],
        unpaired: enrolled_ids(db, course_id).await?,
    });
    let visible = visible_members(db, staff, course_id).await?;
    Ok(only_visible(pairing, visible.as_ref()))
}

/// Every pairing of the course, newest first, as far as the staff user may see them.
pub async fn history(db: &Db, staff: &Actor, course_id: i64) -> StoreResult<Vec<Pairing>> {
    require_view(db, staff, course_id).await?;
    let visible = visible_members(db, staff, course_id).await?;
    let pairings: Vec<Pairing> = load(db, course_id, false)
        .await?
        .into_iter()
        .map(|p| only_visible(p, visible.as_ref()))
        .collect();
    let shown: Vec<i64> = pairings
        .iter()
        .flat_map(|p| p.groups.iter())
        .flat_map(|g| g.members.iter().map(|m| m.participant_id))
        .collect();
    let what = format!("buddy pair history, course {course_id}");
    record_each(db, staff, &shown, Access::Read, &what).await?;
    Ok(pairings)
}

/// A counsellor sees a course's pairs only as far as their own school's pupils go (a course
/// mixes schools, and a pupil of another school is none of their business); `None`: everyone.
async fn visible_members(
    db: &Db,
    staff: &Actor,
    course_id: i64,
) -> StoreResult<Option<HashSet<i64>>> {
    if staff.role != Role::Counsellor {
        return Ok(None);
    }
    let ids: Vec<i64> = query_scalar(
        "SELECT DISTINCT g.participant_id FROM buddy_groups g
         JOIN buddy_pairings p ON p.id = g.pairing_id JOIN participants pa ON pa.id = g.participant_id
         WHERE p.course_id = $1 AND pa.school_id = $2
         UNION
         SELECT e.participant_id FROM enrolments e JOIN participants pa ON pa.id = e.participant_id
         WHERE e.course_id = $1 AND pa.school_id = $2",
    )
    .bind(course_id)
    .bind(staff.school_id.unwrap_or(-1))
    .fetch_all(db)
    .await?;
    Ok(Some(ids.into_iter().collect()))
}

fn only_visible(mut p: Pairing, visible: Option<&HashSet<i64>>) -> Pairing {
    let Some(visible) = visible else {
        return p;
    };
    let seen = |id: &i64| visible.contains(id);
    for g in &mut p.groups {
        g.members.retain(|m| seen(&m.participant_id));
        g.participant_ids.retain(seen);
        g.needs_new_buddy.retain(seen);
    }
    p.groups.retain(|g| !g.members.is_empty());
    p.unpaired.retain(seen);
    p
}

/// A hand adjustment of the current pairs: swap two participants, or move one into another's
/// group. Saved as a new (manual) pairing, so the history keeps both.
pub async fn adjust(
    db: &Db,
    staff: &Actor,
    course_id: i64,
    a: i64,
    b: i64,
    join_group: bool,
    now: DateTime<Utc>,
) -> StoreResult<Pairing> {
    let current = current_unlogged(db, staff, course_id).await?;
    let groups: Vec<Vec<i64>> = current
        .groups
        .iter()
        .map(|g| g.participant_ids.clone())
        .collect();
    let adjusted = if join_group {
        domain::pairing::join(&groups, a, b)
    } else {
        domain::pairing::swap(&groups, a, b)
    };
    set_manual(db, staff, course_id, adjusted, now).await
}
