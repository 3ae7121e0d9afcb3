-- The foundation: staff, schools, programmes with their session plans, courses with their
-- sessions, participants and enrolments. Instants are UTC RFC 3339 text; dates are YYYY-MM-DD.

CREATE TABLE schools (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE COLLATE NOCASE
);

CREATE TABLE users (
    id              INTEGER PRIMARY KEY,
    email           TEXT NOT NULL UNIQUE COLLATE NOCASE,
    name            TEXT NOT NULL,
    role            TEXT NOT NULL CHECK (role IN ('admin', 'leader', 'counsellor')),
    school_id       INTEGER REFERENCES schools(id),
    password_hash   TEXT NOT NULL,
    failed_logins   INTEGER NOT NULL DEFAULT 0,
    locked_until    TEXT,
    created_at      TEXT NOT NULL,
    CHECK (role <> 'counsellor' OR school_id IS NOT NULL)
);

-- Browser sessions: only a hash of the cookie value is stored.
CREATE TABLE login_sessions (
    token_hash  TEXT PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at  TEXT NOT NULL,
    expires_at  TEXT NOT NULL
);

CREATE TABLE api_tokens (
    id           INTEGER PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    token_hash   TEXT NOT NULL UNIQUE,
    created_at   TEXT NOT NULL,
    last_used_at TEXT
);

CREATE TABLE programmes (
    id                  INTEGER PRIMARY KEY,
    name                TEXT NOT NULL UNIQUE COLLATE NOCASE,
    description         TEXT NOT NULL DEFAULT '',
    sessions_per_week   INTEGER NOT NULL CHECK (sessions_per_week BETWEEN 1 AND 7),
    weeks               INTEGER NOT NULL CHECK (weeks BETWEEN 1 AND 104),
    weekdays            TEXT NOT NULL,          -- "tue,thu"
    start_time          TEXT NOT NULL,          -- "HH:MM"
    end_time            TEXT NOT NULL,
    follow_up_first_after INTEGER NOT NULL DEFAULT 0,   -- 0: no follow-up sessions
    follow_up_first_unit  TEXT NOT NULL DEFAULT 'months' CHECK (follow_up_first_unit IN ('weeks', 'months')),
    follow_up_more        INTEGER NOT NULL DEFAULT 0,
    follow_up_every       INTEGER NOT NULL DEFAULT 1,
    follow_up_every_unit  TEXT NOT NULL DEFAULT 'months' CHECK (follow_up_every_unit IN ('weeks', 'months')),
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL
);

CREATE TABLE programme_sessions (
    id              INTEGER PRIMARY KEY,
    programme_id    INTEGER NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
    position        INTEGER NOT NULL,
    title           TEXT NOT NULL,
    theme           TEXT NOT NULL DEFAULT '',
    method          TEXT NOT NULL DEFAULT '',
    reflection_task TEXT NOT NULL DEFAULT '',
    UNIQUE (programme_id, position)
);

CREATE TABLE courses (
    id              INTEGER PRIMARY KEY,
    programme_id    INTEGER NOT NULL REFERENCES programmes(id),
    title           TEXT NOT NULL,
    public_name     TEXT NOT NULL,
    location        TEXT NOT NULL DEFAULT '',
    capacity        INTEGER CHECK (capacity IS NULL OR capacity > 0),
    start_date      TEXT NOT NULL,
    weekdays        TEXT NOT NULL,
    start_time      TEXT NOT NULL,
    end_time        TEXT NOT NULL,
    time_zone       TEXT NOT NULL DEFAULT 'Europe/Oslo',
    closed_dates    TEXT NOT NULL DEFAULT '',   -- "YYYY-MM-DD,YYYY-MM-DD"
    created_by      INTEGER REFERENCES users(id),
    created_at      TEXT NOT NULL
);

CREATE TABLE course_leaders (
    course_id   INTEGER NOT NULL REFERENCES courses(id) ON DELETE CASCADE,
    user_id     INTEGER NOT NULL REFERENCES users(id),
    PRIMARY KEY (course_id, user_id)
);

CREATE TABLE sessions (
    id          INTEGER PRIMARY KEY,
    course_id   INTEGER NOT NULL REFERENCES courses(id) ON DELETE CASCADE,
    number      INTEGER NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('regular', 'follow_up')),
    title       TEXT NOT NULL,
    theme       TEXT NOT NULL DEFAULT '',
    method      TEXT NOT NULL DEFAULT '',
    reflection_task TEXT NOT NULL DEFAULT '',
    starts_at   TEXT NOT NULL,
    ends_at     TEXT NOT NULL,
    location    TEXT,                           -- NULL: the course's location
    status      TEXT NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'cancelled')),
    updated_at  TEXT NOT NULL,
    CHECK (ends_at > starts_at)
);
CREATE INDEX sessions_by_course ON sessions(course_id, starts_at);

CREATE TABLE participants (
    id                  INTEGER PRIMARY KEY,
    first_name          TEXT NOT NULL,
    last_name           TEXT NOT NULL,
    birth_date          TEXT,
    phone               TEXT,                   -- E.164
    email               TEXT,
    language            TEXT NOT NULL DEFAULT 'nb' CHECK (language IN ('nb', 'nn', 'en', 'ar', 'so', 'tr')),
    preferred_channel   TEXT NOT NULL DEFAULT 'sms' CHECK (preferred_channel IN ('sms', 'email', 'both')),
    school_id           INTEGER REFERENCES schools(id),
    referral_source     TEXT NOT NULL DEFAULT '',
    primary_contact_id  INTEGER REFERENCES users(id),
    category            INTEGER CHECK (category IS NULL OR category BETWEEN 1 AND 4),
    guardian_name       TEXT,
    guardian_phone      TEXT,
    guardian_email      TEXT,
    created_by          INTEGER REFERENCES users(id),
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL
);
CREATE INDEX participants_by_name ON participants(last_name COLLATE NOCASE, first_name COLLATE NOCASE);
CREATE INDEX participants_by_school ON participants(school_id);

CREATE TABLE enrolments (
    id              INTEGER PRIMARY KEY,
    course_id       INTEGER NOT NULL REFERENCES courses(id) ON DELETE CASCADE,
    participant_id  INTEGER NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
    status          TEXT NOT NULL CHECK (status IN ('enrolled', 'waitlisted', 'withdrawn')),
    -- Waitlist order: the time of the request, then the id.
    requested_at    TEXT NOT NULL,
    enrolled_at     TEXT,
    withdrawn_at    TEXT,
    withdraw_reason TEXT,
    enrolled_by     INTEGER REFERENCES users(id),
    UNIQUE (course_id, participant_id)
);
CREATE INDEX enrolments_by_participant ON enrolments(participant_id);
