-- The access log now records the worker reading for a staff member (the daily digest names
-- participants), and is looked up by (staff member, participant, time) to coalesce the reads
-- of one page view into one entry. SQLite cannot change a CHECK, so the table is rebuilt;
-- DROP TABLE fires no triggers, and the rows are copied as they were.
-- (The pair of migrations/postgres/20261213090000.)
CREATE TABLE access_log_rebuilt (
    id              INTEGER PRIMARY KEY,
    at              TEXT NOT NULL,
    user_id         INTEGER NOT NULL REFERENCES users(id),
    participant_id  INTEGER NOT NULL,
    action          TEXT NOT NULL CHECK (action IN ('read', 'change', 'export')),
    via             TEXT NOT NULL CHECK (via IN ('page', 'api', 'export', 'worker')),
    what            TEXT NOT NULL
);
INSERT INTO access_log_rebuilt (id, at, user_id, participant_id, action, via, what)
    SELECT id, at, user_id, participant_id, action, via, what FROM access_log;
DROP TABLE access_log;
ALTER TABLE access_log_rebuilt RENAME TO access_log;
CREATE INDEX access_log_by_participant ON access_log(participant_id, id);
CREATE INDEX access_log_recent_reads ON access_log(user_id, participant_id, at);
CREATE TRIGGER access_log_no_update BEFORE UPDATE ON access_log
BEGIN
    SELECT RAISE(ABORT, 'the access log cannot be changed');
END;
CREATE TRIGGER access_log_no_delete BEFORE DELETE ON access_log
BEGIN
    SELECT RAISE(ABORT, 'the access log cannot be changed');
END;
