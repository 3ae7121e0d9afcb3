-- Erasure and retention. An erased participant keeps an anonymous row (id, school, when they
-- were registered) and the anonymous facts reports count — marks, outcomes, closings, attempts
-- — so that the figures for past months never change; names, contact details, free text and
-- message texts are gone. (The pair of migrations/postgres/20261211090000.)

ALTER TABLE participants ADD COLUMN erased_at TEXT;

-- Who erased whom, when and why; a request (an admin) or retention (housekeeping).
CREATE TABLE erasures (
    participant_id  INTEGER PRIMARY KEY REFERENCES participants(id),
    erased_at       TEXT NOT NULL,
    erased_by       INTEGER REFERENCES users(id),
    cause           TEXT NOT NULL CHECK (cause = 'request' OR cause = 'retention'),
    reason          TEXT NOT NULL
);

-- An admin keeping a participant past the retention period, with a reason.
CREATE TABLE retention_extensions (
    id              INTEGER PRIMARY KEY,
    participant_id  INTEGER NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
    keep_until      TEXT NOT NULL,
    reason          TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    extended_by     INTEGER REFERENCES users(id),
    extended_at     TEXT NOT NULL
);
CREATE INDEX retention_extensions_by_participant ON retention_extensions(participant_id, keep_until);
