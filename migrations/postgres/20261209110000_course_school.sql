-- A course may be held for one school (an "Under 18" group at Haugen ungdomsskole): the
-- schedule generator then skips that school's own closed periods as well as everyone's.
-- (The pair of migrations/sqlite/20261209110000.)
ALTER TABLE courses ADD COLUMN school_id BIGINT REFERENCES schools(id);
