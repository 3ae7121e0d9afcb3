-- Schools become a managed list: each has a kind and can be retired (inactive: kept on the
-- records that name it, no longer offered). Every school already on record stays, as
-- "other" and active, so no participant or counsellor loses theirs.
-- (The pair of migrations/sqlite/20261208100000.)
ALTER TABLE schools
    ADD COLUMN kind TEXT NOT NULL DEFAULT 'other'
        CHECK (kind IN ('lower_secondary', 'upper_secondary', 'other')),
    ADD COLUMN active BOOLEAN NOT NULL DEFAULT TRUE;
