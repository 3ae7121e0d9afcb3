-- What staff did about an absence. An absence, and a two-in-a-row alert ending in it, stays
-- on the dashboard until a follow-up for that participant and session is recorded.
CREATE TABLE absence_followups (
    id              INTEGER PRIMARY KEY,
    participant_id  INTEGER NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
    session_id      INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    note            TEXT NOT NULL,
    recorded_by     INTEGER NOT NULL REFERENCES users(id),
    recorded_at     TEXT NOT NULL
);
CREATE INDEX absence_followups_by_participant ON absence_followups(participant_id, session_id);
