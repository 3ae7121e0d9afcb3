-- Staff accounts run from the browser: admins invite staff (an e-mail with a single-use link
-- to choose a password), anyone can ask for a password reset link, accounts are disabled
-- rather than deleted (their name stays on what they did), API tokens can be revoked, and
-- every administrative change is written to an append-only audit log.

-- A disabled account cannot sign in; its sessions were ended and its tokens revoked when it
-- was disabled. An invited user who has not chosen a password yet has password_hash '' (an
-- empty hash never verifies).
ALTER TABLE users ADD COLUMN active INTEGER NOT NULL DEFAULT 1 CHECK (active = 0 OR active = 1);
ALTER TABLE users ADD COLUMN disabled_at TEXT;

CREATE INDEX login_sessions_by_user ON login_sessions(user_id);

-- A token's label says what it is for ("rapport-eksport"); a revoked token stays listed.
ALTER TABLE api_tokens ADD COLUMN label TEXT NOT NULL DEFAULT '';
ALTER TABLE api_tokens ADD COLUMN revoked_at TEXT;
CREATE INDEX api_tokens_by_user ON api_tokens(user_id);

-- Invitation and reset links: made when the e-mail goes, only their hash kept, used once.
CREATE TABLE staff_links (
    token_hash  TEXT PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    purpose     TEXT NOT NULL CHECK (purpose = 'invitation' OR purpose = 'password_reset'),
    created_at  TEXT NOT NULL,
    expires_at  TEXT NOT NULL,
    used_at     TEXT
);
CREATE INDEX staff_links_by_user ON staff_links(user_id);

-- Who changed what: users, schools, closed periods, courses, programmes, reminder rules and
-- templates, with the values before and after as JSON text. actor_id is NULL for the command
-- line; actor_name keeps the name as it was.
CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    actor_id    INTEGER REFERENCES users(id),
    actor_name  TEXT NOT NULL,
    entity      TEXT NOT NULL,
    entity_id   TEXT NOT NULL,
    action      TEXT NOT NULL CHECK (action = 'create' OR action = 'update' OR action = 'delete'),
    before      TEXT,
    after       TEXT
);
CREATE INDEX audit_log_by_entity ON audit_log(entity, entity_id, id);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log cannot be changed');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log cannot be changed');
END;

-- The outbox rebuilt for two new kinds, the staff invitation and the password reset. Same
-- columns, rules and indexes as 20261205090000 and 20261206090000 (see 20261126090000 why
-- the rules are OR-ed equalities and why the attempts are set aside first), plus an index
-- over messages to staff: the reset rate limit counts them, and removing a user cascades.
CREATE TABLE outbox_rebuilt (
    id              INTEGER PRIMARY KEY,
    dedupe_key      TEXT NOT NULL UNIQUE,
    kind            TEXT NOT NULL CHECK (kind = 'session_reminder' OR kind = 'follow_up_invitation'
                        OR kind = 'absence_follow_up' OR kind = 'leader_alert' OR kind = 'welcome'
                        OR kind = 'magic_link' OR kind = 'daily_digest' OR kind = 'session_changed'
                        OR kind = 'session_cancelled' OR kind = 'guardian_welcome'
                        OR kind = 'guardian_invitation' OR kind = 'guardian_reminder'
                        OR kind = 'consent_request' OR kind = 'sms_resumed'
                        OR kind = 'staff_invitation' OR kind = 'password_reset'),
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
    updated_at      TEXT NOT NULL,
    claimed_by      TEXT,
    send_started_at TEXT
);
INSERT INTO outbox_rebuilt (id, dedupe_key, kind, channel, participant_id, user_id, course_id,
        session_id, session_starts_at, rule_key, nominal_due_at, due_at, state, reason, recipient,
        subject, body, attempts, provider, provider_id, last_error, claimed_at, sent_at,
        delivered_at, created_at, updated_at, claimed_by, send_started_at)
    SELECT id, dedupe_key, kind, channel, participant_id, user_id, course_id,
        session_id, session_starts_at, rule_key, nominal_due_at, due_at, state, reason, recipient,
        subject, body, attempts, provider, provider_id, last_error, claimed_at, sent_at,
        delivered_at, created_at, updated_at, claimed_by, send_started_at
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
CREATE INDEX outbox_claims ON outbox(claimed_by) WHERE state = 'sending';
CREATE INDEX outbox_by_user ON outbox(user_id, kind, created_at) WHERE user_id IS NOT NULL;

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
