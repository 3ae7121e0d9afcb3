-- A course may be held for one school (an "Under 18" group at Haugen ungdomsskole): the
-- schedule generator then skips that school's own closed periods as well as everyone's.
ALTER TABLE courses ADD COLUMN school_id INTEGER REFERENCES schools(id);
