-- Participants answer "I'm coming" / "I can't" on their own page (/me) as well as by SMS and
-- the invitation link: the answer and the excused mark a "can't" leaves say so ('page').
-- SQLite cannot change a CHECK, so both tables are rebuilt with their rows, index and
-- triggers as they were. (The pair of migrations/postgres/20261214100000.)
CREATE TABLE session_confirmations_rebuilt (
    session_id      INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    participant_id  INTEGER NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
    answer          TEXT NOT NULL CHECK (answer IN ('yes', 'no')),
    via             TEXT NOT NULL CHECK (via IN ('sms', 'link', 'page')),
    at              TEXT NOT NULL,
    PRIMARY KEY (session_id, participant_id)
);
INSERT INTO session_confirmations_rebuilt (session_id, participant_id, answer, via, at)
    SELECT session_id, participant_id, answer, via, at FROM session_confirmations;
DROP TABLE session_confirmations;
ALTER TABLE session_confirmations_rebuilt RENAME TO session_confirmations;
CREATE INDEX session_confirmations_by_participant ON session_confirmations(participant_id, at);
CREATE TRIGGER replan_on_confirmation_insert AFTER INSERT ON session_confirmations
BEGIN INSERT INTO replan_queue (course_id) SELECT DISTINCT course_id FROM sessions WHERE id = NEW.session_id AND course_id NOT IN (SELECT course_id FROM replan_queue); END;
CREATE TRIGGER replan_on_confirmation_update AFTER UPDATE ON session_confirmations
BEGIN INSERT INTO replan_queue (course_id) SELECT DISTINCT course_id FROM sessions WHERE id = NEW.session_id AND course_id NOT IN (SELECT course_id FROM replan_queue); END;

CREATE TABLE attendance_rebuilt (
    session_id      INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    participant_id  INTEGER NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
    status          TEXT NOT NULL CHECK (status IN ('present', 'absent', 'excused', 'late')),
    note            TEXT NOT NULL DEFAULT '',
    marked_by       INTEGER REFERENCES users(id),
    marked_at       TEXT NOT NULL,
    via             TEXT NOT NULL DEFAULT 'staff' CHECK (via IN ('staff', 'sms_reply', 'page')),
    PRIMARY KEY (session_id, participant_id)
);
INSERT INTO attendance_rebuilt (session_id, participant_id, status, note, marked_by, marked_at, via)
    SELECT session_id, participant_id, status, note, marked_by, marked_at, via FROM attendance;
DROP TABLE attendance;
ALTER TABLE attendance_rebuilt RENAME TO attendance;
CREATE INDEX attendance_by_participant ON attendance(participant_id);
CREATE TRIGGER replan_on_mark_insert AFTER INSERT ON attendance
BEGIN INSERT INTO replan_queue (course_id) SELECT DISTINCT course_id FROM sessions WHERE id = NEW.session_id AND course_id NOT IN (SELECT course_id FROM replan_queue); END;
CREATE TRIGGER replan_on_mark_update AFTER UPDATE ON attendance
BEGIN INSERT INTO replan_queue (course_id) SELECT DISTINCT course_id FROM sessions WHERE id = NEW.session_id AND course_id NOT IN (SELECT course_id FROM replan_queue); END;
