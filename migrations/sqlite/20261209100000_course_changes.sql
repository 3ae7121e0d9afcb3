-- Courses change after they are made: a note for the staff, and closing a course that is
-- over (it leaves the active lists and stays readable with its history).
ALTER TABLE courses ADD COLUMN note TEXT NOT NULL DEFAULT '';
ALTER TABLE courses ADD COLUMN closed_at TEXT;
