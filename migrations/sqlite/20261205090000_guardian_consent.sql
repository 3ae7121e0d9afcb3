-- Pupils under 18: guardians' consent (versioned texts, records that are never changed in
-- place), asking a guardian through a single-use link, copies of messages to guardians, a
-- course setting for copies of reminders, and opting back in to SMS (START) with a record.

-- The consent text guardians are shown, versioned: a record keeps the version (and the exact
-- words) it was given under. Version 1 is written at start-up from the shipped texts.
CREATE TABLE consent_texts (
    version     INTEGER NOT NULL CHECK (version > 0),
    language    TEXT NOT NULL CHECK (language = 'nb' OR language = 'nn' OR language = 'en'
                    OR language = 'ar' OR language = 'so' OR language = 'tr'),
    body        TEXT NOT NULL,
    created_by  INTEGER REFERENCES users(id),
    created_at  TEXT NOT NULL,
    PRIMARY KEY (version, language)
);

-- "Ask the guardian": one request, sent as one or two messages (SMS and/or e-mail), each
-- with a link of its own (only the links' hashes are kept; the token lives in the text).
CREATE TABLE consent_requests (
    id              INTEGER PRIMARY KEY,
    participant_id  INTEGER NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
    course_id       INTEGER REFERENCES courses(id) ON DELETE SET NULL,
    requested_by    INTEGER REFERENCES users(id),
    requested_at    TEXT NOT NULL,
    expires_at      TEXT NOT NULL,
    -- Set when the guardian answered through any of its links: all of them stop working.
    answered_at     TEXT
);
CREATE INDEX consent_requests_by_participant ON consent_requests(participant_id);

CREATE TABLE consent_links (
    token_hash  TEXT PRIMARY KEY,
    request_id  INTEGER NOT NULL REFERENCES consent_requests(id) ON DELETE CASCADE,
    created_at  TEXT NOT NULL,
    expires_at  TEXT NOT NULL,
    used_at     TEXT
);
CREATE INDEX consent_links_by_request ON consent_links(request_id);

-- Consents rebuilt: a record is a decision (given or refused) with who, relation, how, the text
-- version and exact text, and the channels as two flags. Nothing could write the old table, so
-- rows are copied only for completeness (method and relation unknown: 'paper', '').
CREATE TABLE consents_rebuilt (
    id              INTEGER PRIMARY KEY,
    participant_id  INTEGER NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
    decision        TEXT NOT NULL CHECK (decision = 'given' OR decision = 'refused'),
    given_by        TEXT NOT NULL,
    relation        TEXT NOT NULL,
    method          TEXT NOT NULL CHECK (method = 'paper' OR method = 'in_person'
                        OR method = 'phone' OR method = 'digital'),
    given_at        TEXT NOT NULL,
    text_version    INTEGER,
    text            TEXT NOT NULL,
    language        TEXT NOT NULL DEFAULT 'nb',
    sms             INTEGER NOT NULL DEFAULT 0 CHECK (sms = 0 OR sms = 1),
    email           INTEGER NOT NULL DEFAULT 0 CHECK (email = 0 OR email = 1),
    recorded_by     INTEGER REFERENCES users(id),
    recorded_at     TEXT NOT NULL,
    request_id      INTEGER REFERENCES consent_requests(id) ON DELETE SET NULL,
    withdrawn_at    TEXT,
    withdrawn_by    INTEGER REFERENCES users(id),
    withdraw_reason TEXT,
    CHECK (decision = 'refused' OR sms = 1 OR email = 1)
);
INSERT INTO consents_rebuilt (id, participant_id, decision, given_by, relation, method, given_at,
        text_version, text, sms, email, recorded_by, recorded_at, withdrawn_at)
    SELECT id, participant_id, 'given', given_by, '', 'paper', given_at, NULL, text,
        channels = 'sms' OR channels = 'both', channels = 'email' OR channels = 'both',
        recorded_by, recorded_at, withdrawn_at
    FROM consents;
DROP TABLE consents;
ALTER TABLE consents_rebuilt RENAME TO consents;
CREATE INDEX consents_by_participant ON consents(participant_id, given_at);

-- A consent is never changed in place: a new one supersedes it, a withdrawal ends it (once).
CREATE TRIGGER consents_never_change BEFORE UPDATE ON consents
WHEN OLD.withdrawn_at IS NOT NULL OR NEW.withdrawn_at IS NULL
    OR NEW.participant_id IS NOT OLD.participant_id OR NEW.decision IS NOT OLD.decision
    OR NEW.given_by IS NOT OLD.given_by OR NEW.relation IS NOT OLD.relation
    OR NEW.method IS NOT OLD.method OR NEW.given_at IS NOT OLD.given_at
    OR NEW.text_version IS NOT OLD.text_version OR NEW.text IS NOT OLD.text
    OR NEW.language IS NOT OLD.language OR NEW.sms IS NOT OLD.sms OR NEW.email IS NOT OLD.email
    OR NEW.recorded_by IS NOT OLD.recorded_by OR NEW.recorded_at IS NOT OLD.recorded_at
    OR NEW.request_id IS NOT OLD.request_id
BEGIN SELECT RAISE(ABORT, 'a consent is never changed: record a new one, or withdraw it'); END;

-- The record that stands for each participant: the latest one.
CREATE VIEW current_consents AS
    SELECT k.* FROM consents k
    WHERE k.id = (SELECT k2.id FROM consents k2 WHERE k2.participant_id = k.participant_id
                  ORDER BY k2.given_at DESC, k2.id DESC LIMIT 1);

CREATE TRIGGER replan_on_consent_insert AFTER INSERT ON consents
BEGIN INSERT INTO replan_queue (course_id) SELECT DISTINCT course_id FROM enrolments WHERE participant_id = NEW.participant_id AND course_id NOT IN (SELECT course_id FROM replan_queue); END;
CREATE TRIGGER replan_on_consent_update AFTER UPDATE ON consents
BEGIN INSERT INTO replan_queue (course_id) SELECT DISTINCT course_id FROM enrolments WHERE participant_id = NEW.participant_id AND course_id NOT IN (SELECT course_id FROM replan_queue); END;

-- The guardian's language (their texts and the consent page; else the pupil's) and their own
-- STOPP, which stops the copies only.
ALTER TABLE participants ADD COLUMN guardian_language TEXT CHECK (guardian_language IS NULL
    OR guardian_language = 'nb' OR guardian_language = 'nn' OR guardian_language = 'en'
    OR guardian_language = 'ar' OR guardian_language = 'so' OR guardian_language = 'tr');
ALTER TABLE participants ADD COLUMN guardian_sms_opted_out_at TEXT;

DROP TRIGGER replan_on_participant_update;
CREATE TRIGGER replan_on_participant_update AFTER UPDATE OF phone, email, preferred_channel,
    birth_date, sms_opted_out_at, guardian_phone, guardian_email, guardian_language,
    guardian_sms_opted_out_at ON participants
BEGIN INSERT INTO replan_queue (course_id) SELECT DISTINCT course_id FROM enrolments WHERE participant_id = NEW.id AND course_id NOT IN (SELECT course_id FROM replan_queue); END;

-- Guardians get copies of the session reminders too when the course says so (off by default;
-- the welcome and follow-up invitations are always copied).
ALTER TABLE courses ADD COLUMN guardian_reminders INTEGER NOT NULL DEFAULT 0
    CHECK (guardian_reminders = 0 OR guardian_reminders = 1);

-- Every change to whether a number takes SMS: STOPP / START by text, or staff turning SMS
-- back on with a reason.
CREATE TABLE sms_opt_changes (
    id              INTEGER PRIMARY KEY,
    participant_id  INTEGER NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
    who             TEXT NOT NULL CHECK (who = 'participant' OR who = 'guardian'),
    opted_out       INTEGER NOT NULL CHECK (opted_out = 0 OR opted_out = 1),
    via             TEXT NOT NULL CHECK (via = 'sms' OR via = 'staff'),
    reason          TEXT NOT NULL DEFAULT '',
    changed_by      INTEGER REFERENCES users(id),
    at              TEXT NOT NULL
);
CREATE INDEX sms_opt_changes_by_participant ON sms_opt_changes(participant_id, at);

-- The outbox rebuilt once more for five new kinds: copies to guardians (welcome, follow-up
-- invitation, session reminder), the consent request to a guardian, and the short text that
-- confirms a START. Same columns, rules and indexes as 20261126090000 (see there why the rules
-- are OR-ed equalities and why the attempts are set aside first).
CREATE TABLE outbox_rebuilt (
    id              INTEGER PRIMARY KEY,
    dedupe_key      TEXT NOT NULL UNIQUE,
    kind            TEXT NOT NULL CHECK (kind = 'session_reminder' OR kind = 'follow_up_invitation'
                        OR kind = 'absence_follow_up' OR kind = 'leader_alert' OR kind = 'welcome'
                        OR kind = 'magic_link' OR kind = 'daily_digest' OR kind = 'session_changed'
                        OR kind = 'session_cancelled' OR kind = 'guardian_welcome'
                        OR kind = 'guardian_invitation' OR kind = 'guardian_reminder'
                        OR kind = 'consent_request' OR kind = 'sms_resumed'),
    channel         TEXT NOT NULL CHECK (channel = 'sms' OR channel = 'email'),
    participant_id  INTEGER REFERENCES participants(id) ON DELETE CASCADE,
    user_id         INTEGER REFERENCES users(id) ON DELETE CASCADE,
    course_id       INTEGER REFERENCES courses(id) ON DELETE CASCADE,
    session_id      INTEGER REFERENCES sessions(id) ON DELETE CASCADE,
    session_starts_at TEXT,
    rule_key        TEXT NOT NULL,
    nominal_due_at  TEXT NOT NULL,
    due_at          TEXT NOT NULL,
    state           TEXT NOT NULL CHECK (state = 'planned' OR state = 'sending' OR state = 'sent'
                        OR state = 'delivered' OR state = 'failed' OR state = 'skipped'
                        OR state = 'cancelled' OR state = 'uncertain'),
    reason          TEXT,
    recipient       TEXT,
    subject         TEXT,
    body            TEXT,
    attempts        INTEGER NOT NULL DEFAULT 0,
    provider        TEXT,
    provider_id     TEXT,
    last_error      TEXT,
    claimed_at      TEXT,
    sent_at         TEXT,
    delivered_at    TEXT,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
INSERT INTO outbox_rebuilt (id, dedupe_key, kind, channel, participant_id, user_id, course_id,
        session_id, session_starts_at, rule_key, nominal_due_at, due_at, state, reason, recipient,
        subject, body, attempts, provider, provider_id, last_error, claimed_at, sent_at,
        delivered_at, created_at, updated_at)
    SELECT id, dedupe_key, kind, channel, participant_id, user_id, course_id,
        session_id, session_starts_at, rule_key, nominal_due_at, due_at, state, reason, recipient,
        subject, body, attempts, provider, provider_id, last_error, claimed_at, sent_at,
        delivered_at, created_at, updated_at
    FROM outbox;

CREATE TABLE outbox_attempts_kept AS SELECT id, outbox_id, at, outcome, detail FROM outbox_attempts;
DROP TABLE outbox_attempts;
DROP TABLE outbox;
ALTER TABLE outbox_rebuilt RENAME TO outbox;

CREATE INDEX outbox_due ON outbox(due_at) WHERE state = 'planned';
CREATE INDEX outbox_by_course ON outbox(course_id, state);
CREATE INDEX outbox_by_participant ON outbox(participant_id, id);
CREATE INDEX outbox_attention ON outbox(due_at) WHERE state = 'failed' OR state = 'uncertain';
CREATE UNIQUE INDEX outbox_by_provider_id ON outbox(provider, provider_id) WHERE provider_id IS NOT NULL;

CREATE TABLE outbox_attempts (
    id          INTEGER PRIMARY KEY,
    outbox_id   INTEGER NOT NULL REFERENCES outbox(id) ON DELETE CASCADE,
    at          TEXT NOT NULL,
    outcome     TEXT NOT NULL CHECK (outcome IN ('accepted', 'transient', 'permanent', 'uncertain', 'deferred', 'skipped')),
    detail      TEXT NOT NULL DEFAULT ''
);
INSERT INTO outbox_attempts (id, outbox_id, at, outcome, detail)
    SELECT id, outbox_id, at, outcome, detail FROM outbox_attempts_kept;
DROP TABLE outbox_attempts_kept;
CREATE INDEX outbox_attempts_by_message ON outbox_attempts(outbox_id);

-- Replies: a START (SMS on again) is kept like every other reply, so the intent list grows.
CREATE TABLE inbox_rebuilt (
    id              INTEGER PRIMARY KEY,
    participant_id  INTEGER REFERENCES participants(id) ON DELETE CASCADE,
    session_id      INTEGER REFERENCES sessions(id) ON DELETE SET NULL,
    from_number     TEXT NOT NULL,
    body            TEXT NOT NULL,
    intent          TEXT NOT NULL CHECK (intent = 'yes' OR intent = 'no' OR intent = 'stop'
                        OR intent = 'start' OR intent = 'other'),
    received_at     TEXT NOT NULL,
    handled_by      INTEGER REFERENCES users(id),
    handled_at      TEXT
);
INSERT INTO inbox_rebuilt (id, participant_id, session_id, from_number, body, intent, received_at,
        handled_by, handled_at)
    SELECT id, participant_id, session_id, from_number, body, intent, received_at, handled_by, handled_at
    FROM inbox;
DROP TABLE inbox;
ALTER TABLE inbox_rebuilt RENAME TO inbox;
CREATE INDEX inbox_open ON inbox(handled_at, received_at);
