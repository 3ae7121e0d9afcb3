-- Participants answer "I'm coming" / "I can't" on their own page (/me) as well as by SMS and
-- the invitation link: the answer and the excused mark a "can't" leaves say so ('page').
-- (The pair of migrations/sqlite/20261214100000.)
ALTER TABLE session_confirmations DROP CONSTRAINT session_confirmations_via_check;
ALTER TABLE session_confirmations ADD CONSTRAINT session_confirmations_via_check
    CHECK (via IN ('sms', 'link', 'page'));
ALTER TABLE attendance DROP CONSTRAINT attendance_via_check;
ALTER TABLE attendance ADD CONSTRAINT attendance_via_check
    CHECK (via IN ('staff', 'sms_reply', 'page'));
