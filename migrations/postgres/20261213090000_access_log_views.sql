-- The access log now records the worker reading for a staff member (the daily digest names
-- participants), and is looked up by (staff member, participant, time) to coalesce the reads
-- of one page view into one entry.
-- (The pair of migrations/sqlite/20261213090000.)
ALTER TABLE access_log DROP CONSTRAINT access_log_via_check;
ALTER TABLE access_log ADD CONSTRAINT access_log_via_check
    CHECK (via IN ('page', 'api', 'export', 'worker'));
CREATE INDEX access_log_recent_reads ON access_log(user_id, participant_id, at);
