-- Outcomes, contact attempts and the end of follow-up: what the steering group's monthly
-- report counts. Every row is kept; a correction is a new row, so a past month's figures can
-- always be told again from the history.

-- A dated status per participant. The latest by (date, id) is the participant's outcome.
CREATE TABLE outcomes (
    id              INTEGER PRIMARY KEY,
    participant_id  INTEGER NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
    status          TEXT NOT NULL CHECK (status = 'work' OR status = 'education'
                        OR status = 'work_training' OR status = 'course' OR status = 'benefits'
                        OR status = 'moved' OR status = 'other' OR status = 'unknown'),
    date            TEXT NOT NULL,
    note            TEXT NOT NULL DEFAULT '',
    recorded_by     INTEGER REFERENCES users(id),
    recorded_at     TEXT NOT NULL
);
CREATE INDEX outcomes_by_participant ON outcomes(participant_id, date, id);
CREATE INDEX outcomes_by_date ON outcomes(date);

-- An attempt to reach a participant, reached or not.
CREATE TABLE contact_attempts (
    id              INTEGER PRIMARY KEY,
    participant_id  INTEGER NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
    date            TEXT NOT NULL,
    channel         TEXT NOT NULL CHECK (channel = 'phone' OR channel = 'sms' OR channel = 'email'
                        OR channel = 'letter' OR channel = 'visit' OR channel = 'other'),
    reached         INTEGER NOT NULL CHECK (reached = 0 OR reached = 1),
    note            TEXT NOT NULL DEFAULT '',
    recorded_by     INTEGER REFERENCES users(id),
    recorded_at     TEXT NOT NULL
);
CREATE INDEX contact_attempts_by_participant ON contact_attempts(participant_id, date);
CREATE INDEX contact_attempts_by_date ON contact_attempts(date);

-- Follow-up runs from registration until closed; a reopened follow-up keeps its closing row
-- with the day it was reopened, so that earlier month ends still count as they did.
CREATE TABLE followup_closures (
    id              INTEGER PRIMARY KEY,
    participant_id  INTEGER NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
    closed_on       TEXT NOT NULL,
    closed_by       INTEGER REFERENCES users(id),
    reopened_on     TEXT,
    reopened_by     INTEGER REFERENCES users(id),
    CHECK (reopened_on IS NULL OR reopened_on >= closed_on)
);
CREATE INDEX followup_closures_by_participant ON followup_closures(participant_id);
-- At most one open closing per participant.
CREATE UNIQUE INDEX followup_closures_one_open ON followup_closures(participant_id)
    WHERE reopened_on IS NULL;

-- The share of a course's sessions a participant attends to count as having completed it.
ALTER TABLE programmes ADD COLUMN completion_percent INTEGER NOT NULL DEFAULT 75
    CHECK (completion_percent BETWEEN 1 AND 100);

-- Signs of contact the report looks up by participant and time.
CREATE INDEX inbox_by_participant ON inbox(participant_id, received_at);
CREATE INDEX session_confirmations_by_participant ON session_confirmations(participant_id, at);
