-- Schools become a managed list: each has a kind and can be retired (inactive: kept on the
-- records that name it, no longer offered). Every school already on record stays, as
-- "other" and active, so no participant or counsellor loses theirs.
ALTER TABLE schools ADD COLUMN kind TEXT NOT NULL DEFAULT 'other'
    CHECK (kind = 'lower_secondary' OR kind = 'upper_secondary' OR kind = 'other');
ALTER TABLE schools ADD COLUMN active INTEGER NOT NULL DEFAULT 1 CHECK (active = 0 OR active = 1);
