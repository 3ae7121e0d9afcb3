-- Alert e-mails to staff for two absences in a row are planned with the course's other
-- messages; recording what was done about an absence must plan the course again, so that an
-- alert not yet sent is called off.
CREATE TRIGGER replan_on_followup_insert AFTER INSERT ON absence_followups
BEGIN INSERT INTO replan_queue (course_id) SELECT DISTINCT course_id FROM sessions WHERE id = NEW.session_id AND course_id NOT IN (SELECT course_id FROM replan_queue); END;
