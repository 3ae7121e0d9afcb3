-- The organisation's closed periods (winter break, Easter week …), kept by the coordinator:
-- the schedule generator skips their days for every new course, as it skips public holidays.
-- A period may be for one school only.
CREATE TABLE closed_periods (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
    first_day   TEXT NOT NULL,
    last_day    TEXT NOT NULL,
    school_id   INTEGER REFERENCES schools(id) ON DELETE CASCADE,
    created_by  INTEGER REFERENCES users(id),
    created_at  TEXT NOT NULL,
    CHECK (last_day >= first_day)
);
CREATE INDEX closed_periods_by_last_day ON closed_periods(last_day);
