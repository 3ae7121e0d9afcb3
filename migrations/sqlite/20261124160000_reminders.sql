-- The reminder engine: rules, the outbox and its attempts, templates, replies, opt-outs,
-- consents for minors, confirmations, webhook events, and the queue that makes planning run
-- again on every change (filled by triggers, so no code path can forget it).

-- Rules per programme, overridable per course: a course with rules of its own uses only those;
-- a programme without rules uses the defaults (SMS 24 h and 2 h, e-mail 48 h before).
CREATE TABLE reminder_rules (
    id                  INTEGER PRIMARY KEY,
    programme_id        INTEGER REFERENCES programmes(id) ON DELETE CASCADE,
    course_id           INTEGER REFERENCES courses(id) ON DELETE CASCADE,
    channel             TEXT NOT NULL CHECK (channel IN ('sms', 'email')),
    offset_minutes      INTEGER NOT NULL CHECK (offset_minutes > 0),
    min_lead_minutes    INTEGER NOT NULL DEFAULT 60 CHECK (min_lead_minutes >= 0),
    CHECK ((programme_id IS NULL) <> (course_id IS NULL))
);
CREATE UNIQUE INDEX reminder_rules_programme ON reminder_rules(programme_id, channel, offset_minutes) WHERE programme_id IS NOT NULL;
CREATE UNIQUE INDEX reminder_rules_course ON reminder_rules(course_id, channel, offset_minutes) WHERE course_id IS NOT NULL;

-- Every message the system will send, has sent or decided not to send.
CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY,
    -- kind:scope:recipient:rule:channel — planning is idempotent over it.
    dedupe_key      TEXT NOT NULL UNIQUE,
    kind            TEXT NOT NULL CHECK (kind IN ('session_reminder', 'follow_up_invitation', 'absence_follow_up', 'leader_alert', 'welcome', 'magic_link', 'daily_digest')),
    channel         TEXT NOT NULL CHECK (channel IN ('sms', 'email')),
    participant_id  INTEGER REFERENCES participants(id) ON DELETE CASCADE,
    user_id         INTEGER REFERENCES users(id) ON DELETE CASCADE,
    course_id       INTEGER REFERENCES courses(id) ON DELETE CASCADE,
    session_id      INTEGER REFERENCES sessions(id) ON DELETE CASCADE,
    rule_key        TEXT NOT NULL,
    nominal_due_at  TEXT NOT NULL,
    due_at          TEXT NOT NULL,
    state           TEXT NOT NULL CHECK (state IN ('planned', 'sending', 'sent', 'delivered', 'failed', 'skipped', 'cancelled', 'uncertain')),
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
CREATE INDEX outbox_due ON outbox(due_at) WHERE state = 'planned';
CREATE INDEX outbox_by_course ON outbox(course_id, state);
CREATE INDEX outbox_by_participant ON outbox(participant_id, id);
-- Only the states someone looks for across courses (failures, uncertain, stuck sends).
CREATE INDEX outbox_attention ON outbox(state) WHERE state IN ('failed', 'uncertain', 'sending');
CREATE UNIQUE INDEX outbox_by_provider_id ON outbox(provider, provider_id) WHERE provider_id IS NOT NULL;

CREATE TABLE outbox_attempts (
    id          INTEGER PRIMARY KEY,
    outbox_id   INTEGER NOT NULL REFERENCES outbox(id) ON DELETE CASCADE,
    at          TEXT NOT NULL,
    outcome     TEXT NOT NULL CHECK (outcome IN ('accepted', 'transient', 'permanent', 'uncertain', 'deferred', 'skipped')),
    detail      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX outbox_attempts_by_message ON outbox_attempts(outbox_id);

-- Edited texts; a kind and language without a row uses the shipped default.
CREATE TABLE message_templates (
    kind        TEXT NOT NULL,
    language    TEXT NOT NULL CHECK (language IN ('nb', 'nn', 'en', 'ar', 'so', 'tr')),
    subject     TEXT NOT NULL,
    body        TEXT NOT NULL,
    updated_by  INTEGER REFERENCES users(id),
    updated_at  TEXT NOT NULL,
    PRIMARY KEY (kind, language)
);

-- Delivery receipts and inbound texts as received (payloads purged by housekeeping); the
-- key makes a replayed webhook change nothing.
CREATE TABLE webhook_events (
    provider    TEXT NOT NULL,
    event_key   TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('status', 'inbound')),
    received_at TEXT NOT NULL,
    payload     TEXT,
    -- For receipts: the message they are about and what they say. A receipt can arrive
    -- before the send call has returned; the dispatcher applies such early ones itself.
    provider_id TEXT,
    outcome     TEXT,
    applied     INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (provider, event_key)
);
CREATE INDEX webhook_events_by_message ON webhook_events(provider, provider_id) WHERE provider_id IS NOT NULL;

-- Replies to our texts; what the system did with each, and the ones a person must read.
CREATE TABLE inbox (
    id              INTEGER PRIMARY KEY,
    participant_id  INTEGER REFERENCES participants(id) ON DELETE CASCADE,
    session_id      INTEGER REFERENCES sessions(id) ON DELETE SET NULL,
    from_number     TEXT NOT NULL,
    body            TEXT NOT NULL,
    intent          TEXT NOT NULL CHECK (intent IN ('yes', 'no', 'stop', 'other')),
    received_at     TEXT NOT NULL,
    handled_by      INTEGER REFERENCES users(id),
    handled_at      TEXT
);
CREATE INDEX inbox_open ON inbox(handled_at, received_at);

-- A participant's answer to a reminder or invitation.
CREATE TABLE session_confirmations (
    session_id      INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    participant_id  INTEGER NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
    answer          TEXT NOT NULL CHECK (answer IN ('yes', 'no')),
    via             TEXT NOT NULL CHECK (via IN ('sms', 'link')),
    at              TEXT NOT NULL,
    PRIMARY KEY (session_id, participant_id)
);

-- Unguessable links in invitations ("confirm you are coming").
CREATE TABLE confirm_links (
    token           TEXT PRIMARY KEY,
    session_id      INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    participant_id  INTEGER NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
    created_at      TEXT NOT NULL,
    UNIQUE (session_id, participant_id)
);

ALTER TABLE participants ADD COLUMN sms_opted_out_at TEXT;

-- Consent for a minor: who gave it, when, to which text, for which channels.
CREATE TABLE consents (
    id              INTEGER PRIMARY KEY,
    participant_id  INTEGER NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
    given_by        TEXT NOT NULL,
    given_at        TEXT NOT NULL,
    text            TEXT NOT NULL,
    channels        TEXT NOT NULL CHECK (channels IN ('sms', 'email', 'both')),
    recorded_by     INTEGER REFERENCES users(id),
    recorded_at     TEXT NOT NULL,
    withdrawn_at    TEXT
);
CREATE INDEX consents_by_participant ON consents(participant_id);

-- A reply "NEI" pre-marks an excused absence with nobody's hand on it: marked_by may be
-- empty, and `via` says where a mark came from.
CREATE TABLE attendance_new (
    session_id      INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    participant_id  INTEGER NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
    status          TEXT NOT NULL CHECK (status IN ('present', 'absent', 'excused', 'late')),
    note            TEXT NOT NULL DEFAULT '',
    marked_by       INTEGER REFERENCES users(id),
    marked_at       TEXT NOT NULL,
    via             TEXT NOT NULL DEFAULT 'staff' CHECK (via IN ('staff', 'sms_reply')),
    PRIMARY KEY (session_id, participant_id)
);
INSERT INTO attendance_new (session_id, participant_id, status, note, marked_by, marked_at)
    SELECT session_id, participant_id, status, note, marked_by, marked_at FROM attendance;
DROP TABLE attendance;
ALTER TABLE attendance_new RENAME TO attendance;
CREATE INDEX attendance_by_participant ON attendance(participant_id);

-- One worker at a time: a lease with a heartbeat.
CREATE TABLE worker_lease (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    holder      TEXT NOT NULL,
    heartbeat_at TEXT NOT NULL
);

-- Housekeeping runs: the last time each schedule ran.
CREATE TABLE housekeeping_runs (
    name        TEXT PRIMARY KEY,
    last_run_at TEXT NOT NULL
);

-- Courses whose messages must be planned again. Triggers fill it on every change that
-- matters; the worker empties it. The triggers check for the row themselves instead of
-- INSERT OR IGNORE: inside a trigger SQLite lets the outer statement's conflict handling
-- (an attendance upsert's) override OR IGNORE, and the duplicate would fail the mark.
CREATE TABLE replan_queue (
    course_id   INTEGER PRIMARY KEY
);

CREATE TRIGGER replan_on_enrolment_insert AFTER INSERT ON enrolments
BEGIN INSERT INTO replan_queue (course_id) SELECT NEW.course_id WHERE NOT EXISTS (SELECT 1 FROM replan_queue WHERE course_id = NEW.course_id); END;
CREATE TRIGGER replan_on_enrolment_update AFTER UPDATE ON enrolments
BEGIN INSERT INTO replan_queue (course_id) SELECT NEW.course_id WHERE NOT EXISTS (SELECT 1 FROM replan_queue WHERE course_id = NEW.course_id); END;
CREATE TRIGGER replan_on_session_insert AFTER INSERT ON sessions
BEGIN INSERT INTO replan_queue (course_id) SELECT NEW.course_id WHERE NOT EXISTS (SELECT 1 FROM replan_queue WHERE course_id = NEW.course_id); END;
CREATE TRIGGER replan_on_session_update AFTER UPDATE ON sessions
BEGIN INSERT INTO replan_queue (course_id) SELECT NEW.course_id WHERE NOT EXISTS (SELECT 1 FROM replan_queue WHERE course_id = NEW.course_id); END;
CREATE TRIGGER replan_on_course_update AFTER UPDATE ON courses
BEGIN INSERT INTO replan_queue (course_id) SELECT NEW.id WHERE NOT EXISTS (SELECT 1 FROM replan_queue WHERE course_id = NEW.id); END;
CREATE TRIGGER replan_on_mark_insert AFTER INSERT ON attendance
BEGIN INSERT INTO replan_queue (course_id) SELECT DISTINCT course_id FROM sessions WHERE id = NEW.session_id AND course_id NOT IN (SELECT course_id FROM replan_queue); END;
CREATE TRIGGER replan_on_mark_update AFTER UPDATE ON attendance
BEGIN INSERT INTO replan_queue (course_id) SELECT DISTINCT course_id FROM sessions WHERE id = NEW.session_id AND course_id NOT IN (SELECT course_id FROM replan_queue); END;
CREATE TRIGGER replan_on_confirmation_insert AFTER INSERT ON session_confirmations
BEGIN INSERT INTO replan_queue (course_id) SELECT DISTINCT course_id FROM sessions WHERE id = NEW.session_id AND course_id NOT IN (SELECT course_id FROM replan_queue); END;
CREATE TRIGGER replan_on_confirmation_update AFTER UPDATE ON session_confirmations
BEGIN INSERT INTO replan_queue (course_id) SELECT DISTINCT course_id FROM sessions WHERE id = NEW.session_id AND course_id NOT IN (SELECT course_id FROM replan_queue); END;
CREATE TRIGGER replan_on_participant_update AFTER UPDATE OF phone, email, preferred_channel, birth_date, sms_opted_out_at ON participants
BEGIN INSERT INTO replan_queue (course_id) SELECT DISTINCT course_id FROM enrolments WHERE participant_id = NEW.id AND course_id NOT IN (SELECT course_id FROM replan_queue); END;
CREATE TRIGGER replan_on_consent_insert AFTER INSERT ON consents
BEGIN INSERT INTO replan_queue (course_id) SELECT DISTINCT course_id FROM enrolments WHERE participant_id = NEW.participant_id AND course_id NOT IN (SELECT course_id FROM replan_queue); END;
CREATE TRIGGER replan_on_consent_update AFTER UPDATE ON consents
BEGIN INSERT INTO replan_queue (course_id) SELECT DISTINCT course_id FROM enrolments WHERE participant_id = NEW.participant_id AND course_id NOT IN (SELECT course_id FROM replan_queue); END;
CREATE TRIGGER replan_on_rule_insert AFTER INSERT ON reminder_rules
BEGIN
    INSERT INTO replan_queue (course_id) SELECT NEW.course_id WHERE NEW.course_id IS NOT NULL AND NEW.course_id NOT IN (SELECT course_id FROM replan_queue);
    INSERT INTO replan_queue (course_id) SELECT DISTINCT id FROM courses WHERE programme_id = NEW.programme_id AND id NOT IN (SELECT course_id FROM replan_queue);
END;
CREATE TRIGGER replan_on_rule_update AFTER UPDATE ON reminder_rules
BEGIN
    INSERT INTO replan_queue (course_id) SELECT NEW.course_id WHERE NEW.course_id IS NOT NULL AND NEW.course_id NOT IN (SELECT course_id FROM replan_queue);
    INSERT INTO replan_queue (course_id) SELECT DISTINCT id FROM courses WHERE programme_id = NEW.programme_id AND id NOT IN (SELECT course_id FROM replan_queue);
END;
CREATE TRIGGER replan_on_rule_delete AFTER DELETE ON reminder_rules
BEGIN
    INSERT INTO replan_queue (course_id) SELECT OLD.course_id WHERE OLD.course_id IS NOT NULL AND OLD.course_id NOT IN (SELECT course_id FROM replan_queue);
    INSERT INTO replan_queue (course_id) SELECT DISTINCT id FROM courses WHERE programme_id = OLD.programme_id AND id NOT IN (SELECT course_id FROM replan_queue);
END;
