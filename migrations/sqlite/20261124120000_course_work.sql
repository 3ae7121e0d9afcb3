-- What happens during a course: attendance marks, absence alerts, the access log, buddy pairs,
-- logbook entries (with their earlier versions), action plans and priority-category history.

CREATE TABLE attendance (
    session_id      INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    participant_id  INTEGER NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
    status          TEXT NOT NULL CHECK (status IN ('present', 'absent', 'excused', 'late')),
    note            TEXT NOT NULL DEFAULT '',
    marked_by       INTEGER NOT NULL REFERENCES users(id),
    marked_at       TEXT NOT NULL,
    PRIMARY KEY (session_id, participant_id)
);
CREATE INDEX attendance_by_participant ON attendance(participant_id);

-- Append-only: every read or change of a participant's record by a staff user.
CREATE TABLE access_log (
    id              INTEGER PRIMARY KEY,
    at              TEXT NOT NULL,
    user_id         INTEGER NOT NULL REFERENCES users(id),
    participant_id  INTEGER NOT NULL,
    action          TEXT NOT NULL CHECK (action IN ('read', 'change', 'export')),
    via             TEXT NOT NULL CHECK (via IN ('page', 'api', 'export')),
    what            TEXT NOT NULL
);
CREATE INDEX access_log_by_participant ON access_log(participant_id, id);
CREATE TRIGGER access_log_no_update BEFORE UPDATE ON access_log
BEGIN
    SELECT RAISE(ABORT, 'the access log cannot be changed');
END;
CREATE TRIGGER access_log_no_delete BEFORE DELETE ON access_log
BEGIN
    SELECT RAISE(ABORT, 'the access log cannot be changed');
END;
