-- The outbox rebuilt with the same columns and rules, written so that inserting is cheap,
-- and some additions: the kinds `session_changed` and `session_cancelled` (a word to
-- participants when a session moves or is cancelled after a reminder went out) and
-- `session_starts_at`, the start time a sent message told.
--
-- Why: SQLite evaluates `CHECK (x IN ('a', 'b', ...))` and a partial index's `WHERE x IN (...)`
-- by building a small lookup table for every row it writes. Planning writes hundreds of
-- thousands of outbox rows, and those four IN lists took a third of the time (0.5 s of 1.6 s
-- for 256,000 rows). The same rules as OR-ed equalities cost next to nothing.
--
-- The dashboard's "needs attention" index becomes one that queries can use: SQLite only uses
-- a partial index when the query's WHERE contains the index's condition (or one of its OR-ed
-- terms), which `state IN ('failed', 'uncertain')` never did, so the dashboard scanned the
-- whole outbox. It covers failed and uncertain messages only (it also held `sending` ones,
-- which no query used it for).
--
-- SQLite cannot change a CHECK in place, and sqlx runs a migration inside a transaction,
-- where foreign keys cannot be switched off: dropping the old outbox would then delete every
-- attempt row through ON DELETE CASCADE. So the attempts are set aside first and put back.

CREATE TABLE outbox_rebuilt (
    id              INTEGER PRIMARY KEY,
    -- kind:scope:recipient:rule:channel — planning is idempotent over it.
    dedupe_key      TEXT NOT NULL UNIQUE,
    kind            TEXT NOT NULL CHECK (kind = 'session_reminder' OR kind = 'follow_up_invitation'
                        OR kind = 'absence_follow_up' OR kind = 'leader_alert' OR kind = 'welcome'
                        OR kind = 'magic_link' OR kind = 'daily_digest' OR kind = 'session_changed'
                        OR kind = 'session_cancelled'),
    channel         TEXT NOT NULL CHECK (channel = 'sms' OR channel = 'email'),
    participant_id  INTEGER REFERENCES participants(id) ON DELETE CASCADE,
    user_id         INTEGER REFERENCES users(id) ON DELETE CASCADE,
    course_id       INTEGER REFERENCES courses(id) ON DELETE CASCADE,
    session_id      INTEGER REFERENCES sessions(id) ON DELETE CASCADE,
    -- The session start a sent reminder, invitation or change notice told (written when it
    -- is sent): when the session has moved since, planning tells the participant.
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
        session_id, rule_key, nominal_due_at, due_at, state, reason, recipient, subject, body,
        attempts, provider, provider_id, last_error, claimed_at, sent_at, delivered_at,
        created_at, updated_at)
    SELECT id, dedupe_key, kind, channel, participant_id, user_id, course_id,
        session_id, rule_key, nominal_due_at, due_at, state, reason, recipient, subject, body,
        attempts, provider, provider_id, last_error, claimed_at, sent_at, delivered_at,
        created_at, updated_at
    FROM outbox;

CREATE TABLE outbox_attempts_kept AS SELECT id, outbox_id, at, outcome, detail FROM outbox_attempts;
DROP TABLE outbox_attempts;
DROP TABLE outbox;
ALTER TABLE outbox_rebuilt RENAME TO outbox;

CREATE INDEX outbox_due ON outbox(due_at) WHERE state = 'planned';
CREATE INDEX outbox_by_course ON outbox(course_id, state);
CREATE INDEX outbox_by_participant ON outbox(participant_id, id);
-- Failed and uncertain messages, for the dashboard; a query must say
-- `(state = 'failed' OR state = 'uncertain')` word for word to use it.
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
