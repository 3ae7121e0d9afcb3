-- Courses change after they are made: a note for the staff, and closing a course that is
-- over (it leaves the active lists and stays readable with its history).
-- (The pair of migrations/sqlite/20261209100000.)
ALTER TABLE courses
    ADD COLUMN note TEXT NOT NULL DEFAULT '',
    ADD COLUMN closed_at TIMESTAMPTZ;
