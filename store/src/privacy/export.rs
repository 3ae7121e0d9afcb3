//! Everything Samling holds about one participant, as one JSON document: the answer to a
//! request for access. Admins only; the export is itself written to the access log (first, so
//! the document lists it).

use crate::access_log::{record, Access};
use crate::actor::Actor;
use crate::error::{StoreError, StoreResult};
use crate::sql::{query_as, Db, JsonRow};
use chrono::{DateTime, Utc};
use serde_json::{json, Map, Value};

/// Columns stored as 0/1 on SQLite that are yes/no; written out as booleans on both engines.
const FLAGS: &[&str] = &[
    "reached",
    "with_permission",
    "sms",
    "email_consent",
    "opted_out",
];

/// One part of the document: its key and the query (the participant's id is `$1`).
const SECTIONS: &[(&str, &str)] = &[
    (
        "enrolments",
        "SELECT e.id, e.course_id, c.public_name AS course, e.status, e.requested_at, e.enrolled_at,
                e.withdrawn_at, e.withdraw_reason
         FROM enrolments e JOIN courses c ON c.id = e.course_id WHERE e.participant_id = $1 ORDER BY e.id",
    ),
    (
        "attendance",
        "SELECT a.session_id, s.course_id, s.starts_at, a.status, a.note, a.via, a.marked_at
         FROM attendance a JOIN sessions s ON s.id = a.session_id
         WHERE a.participant_id = $1 ORDER BY s.starts_at",
    ),
    (
        "session_answers",
        "SELECT session_id, answer, via, at FROM session_confirmations WHERE participant_id = $1 ORDER BY at",
    ),
    (
        "absence_follow_ups",
        "SELECT session_id, note, recorded_at FROM absence_followups WHERE participant_id = $1 ORDER BY id",
    ),
    (
        "goals",
        "SELECT id, title, due_date, responsible, status, created_at, updated_at
         FROM goals WHERE participant_id = $1 ORDER BY id",
    ),
    (
        "category_changes",
        "SELECT from_category, to_category, reason, changed_at FROM category_changes
         WHERE participant_id = $1 ORDER BY id",
    ),
    (
        "consents",
        "SELECT id, decision, given_by, relation, method, given_at, text_version, text, language, sms,
                email AS email_consent, recorded_at, withdrawn_at, withdraw_reason
         FROM consents WHERE participant_id = $1 ORDER BY id",
    ),
    (
        "consent_requests",
        "SELECT id, course_id, requested_at, expires_at, answered_at FROM consent_requests
         WHERE participant_id = $1 ORDER BY id",
    ),
    (
        "outcomes",
        "SELECT id, status, date, note, recorded_at FROM outcomes WHERE participant_id = $1 ORDER BY date, id",
    ),
    (
        "contact_attempts",
        "SELECT id, date, channel, reached, note, recorded_at FROM contact_attempts
         WHERE participant_id = $1 ORDER BY date, id",
    ),
    (
        "follow_up_closings",
        "SELECT closed_on, reopened_on FROM followup_closures WHERE participant_id = $1 ORDER BY id",
    ),
    (
        "messages",
        "SELECT id, kind, channel, state, reason, recipient, subject, body, due_at, sent_at, delivered_at,
                attempts, last_error, created_at, updated_at
         FROM outbox WHERE participant_id = $1 ORDER BY id",
    ),
    (
        "replies",
        "SELECT received_at, from_number, body, intent, session_id FROM inbox WHERE participant_id = $1 ORDER BY id",
    ),
    (
        "sms_opt_changes",
        "SELECT who, opted_out, via, reason, at FROM sms_opt_changes WHERE participant_id = $1 ORDER BY id",
    ),
    (
        "buddy_pairs",
        "SELECT bp.course_id, c.public_name AS course, g.group_no, bp.created_at,
                (SELECT COUNT(*) FROM buddy_groups o WHERE o.pairing_id = g.pairing_id AND o.group_no = g.group_no)
                  AS group_size
         FROM buddy_groups g JOIN buddy_pairings bp ON bp.id = g.pairing_id JOIN courses c ON c.id = bp.course_id
         WHERE g.participant_id = $1 ORDER BY bp.id",
    ),
    (
        "retention_extensions",
        "SELECT keep_until, reason, extended_at FROM retention_extensions WHERE participant_id = $1 ORDER BY id",
    ),
    (
        "access_log",
        "SELECT a.at, u.name AS staff, a.action, a.via, a.what FROM access_log a
         JOIN users u ON u.id = a.user_id WHERE a.participant_id = $1 ORDER BY a.id",
    ),
];

async fn rows(db: &Db, sql: &str, participant_id: i64) -> StoreResult<Vec<Map<String, Value>>> {
    let found: Vec<JsonRow> = query_as(sql).bind(participant_id).fetch_all(db).await?;
    Ok(found
        .into_iter()
        .map(|JsonRow(mut row)| {
            for flag in FLAGS {
                if let Some(v @ Value::Number(_)) = row.get(*flag) {
                    let yes = v.as_i64() == Some(1);
                    row.insert(flag.to_string(), Value::Bool(yes));
                }
            }
            row
        })
        .collect())
}

/// Children grouped under their parent rows by a key column (`entry_id` → the entry's `id`).
fn nest(
    parents: &mut [Map<String, Value>],
    children: Vec<Map<String, Value>>,
    key: &str,
    field: &str,
) {
    for parent in parents.iter_mut() {
        let id = parent.get("id").cloned();
        let mine: Vec<Value> = children
            .iter()
            .filter(|c| c.get(key) == id.as_ref())
            .map(|c| {
                let mut c = c.clone();
                c.remove(key);
                Value::Object(c)
            })
            .collect();
        parent.insert(field.to_string(), Value::Array(mine));
    }
}

/// The whole document for one participant (admins only). Erased participants have nothing
/// left to export: 404.
pub async fn export_participant(
    db: &Db,
    actor: &Actor,
    participant_id: i64,
    now: DateTime<Utc>,
) -> StoreResult<Value> {
    actor.require_admin()?;
    let details = rows(
        db,
        "SELECT p.id, p.first_name, p.last_name, p.birth_date, p.phone, p.email, p.language,
                p.preferred_channel, s.name AS school, p.referral_source, p.category, p.guardian_name,
                p.guardian_phone, p.guardian_email, p.guardian_language, p.sms_opted_out_at,
                p.guardian_sms_opted_out_at, p.created_at, p.updated_at
         FROM participants p LEFT JOIN schools s ON s.id = p.school_id
         WHERE p.id = $1 AND p.erased_at IS NULL",
        participant_id,
    )
    .await?
    .pop()
    .ok_or_else(|| StoreError::not_found("participant"))?;
    record(
        db,
        actor,
        participant_id,
        Access::Export,
        "participant export",
    )
    .await?;

    let mut document = Map::new();
    document.insert(
        "exported".into(),
        json!({ "at": now, "by": actor.name, "format": "samling-participant-export/1" }),
    );
    document.insert("participant".into(), Value::Object(details));
    let mut logbook = rows(
        db,
        "SELECT id, session_id, author_kind, text, created_at, updated_at FROM logbook_entries
         WHERE participant_id = $1 ORDER BY created_at, id",
        participant_id,
    )
    .await?;
    let versions = rows(
        db,
        "SELECT v.entry_id, v.text, v.replaced_at FROM logbook_versions v
         JOIN logbook_entries e ON e.id = v.entry_id WHERE e.participant_id = $1 ORDER BY v.id",
        participant_id,
    )
    .await?;
    nest(&mut logbook, versions, "entry_id", "earlier_versions");
    document.insert("logbook".into(), rows_value(logbook));
    for (key, sql) in SECTIONS {
        let mut found = rows(db, sql, participant_id).await?;
        match *key {
            "goals" => {
                let measures = rows(
                    db,
                    "SELECT m.goal_id, m.position, m.text, m.due_date, m.responsible, m.status
                     FROM measures m JOIN goals g ON g.id = m.goal_id
                     WHERE g.participant_id = $1 ORDER BY m.goal_id, m.position",
                    participant_id,
                )
                .await?;
                nest(&mut found, measures, "goal_id", "measures");
            }
            "messages" => {
                let attempts = rows(
                    db,
                    "SELECT t.outbox_id, t.at, t.outcome, t.detail FROM outbox_attempts t
                     JOIN outbox o ON o.id = t.outbox_id WHERE o.participant_id = $1 ORDER BY t.id",
                    participant_id,
                )
                .await?;
                nest(&mut found, attempts, "outbox_id", "attempts");
            }
            _ => {}
        }
        document.insert(key.to_string(), rows_value(found));
    }
    Ok(Value::Object(document))
}

fn rows_value(rows: Vec<Map<String, Value>>) -> Value {
    Value::Array(rows.into_iter().map(Value::Object).collect())
}
