-- Logbooks (with every earlier version of an edited entry), action plans with goals and
-- measures, and the history of priority categories.

CREATE TABLE logbook_entries (
    id              INTEGER PRIMARY KEY,
    participant_id  INTEGER NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
    session_id      INTEGER REFERENCES sessions(id) ON DELETE SET NULL,
    author_kind     TEXT NOT NULL CHECK (author_kind IN ('participant', 'staff')),
    author_user_id  INTEGER REFERENCES users(id),
    -- A staff member writing in a participant's logbook records that they have permission.
    with_permission INTEGER NOT NULL DEFAULT 0,
    text            TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    CHECK (author_kind = 'participant' OR (author_user_id IS NOT NULL AND with_permission = 1))
);
CREATE INDEX logbook_by_participant ON logbook_entries(participant_id, created_at);

CREATE TABLE logbook_versions (
    id          INTEGER PRIMARY KEY,
    entry_id    INTEGER NOT NULL REFERENCES logbook_entries(id) ON DELETE CASCADE,
    text        TEXT NOT NULL,
    replaced_by INTEGER REFERENCES users(id),
    replaced_at TEXT NOT NULL
);

CREATE TABLE goals (
    id              INTEGER PRIMARY KEY,
    participant_id  INTEGER NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
    title           TEXT NOT NULL,
    due_date        TEXT,
    responsible     TEXT NOT NULL DEFAULT '',
    status          TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_progress', 'done', 'dropped')),
    created_by      INTEGER NOT NULL REFERENCES users(id),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE INDEX goals_by_participant ON goals(participant_id);

CREATE TABLE measures (
    id          INTEGER PRIMARY KEY,
    goal_id     INTEGER NOT NULL REFERENCES goals(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    text        TEXT NOT NULL,
    due_date    TEXT,
    responsible TEXT NOT NULL DEFAULT '',
    status      TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_progress', 'done', 'dropped'))
);

CREATE TABLE category_changes (
    id              INTEGER PRIMARY KEY,
    participant_id  INTEGER NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
    from_category   INTEGER,
    to_category     INTEGER,
    reason          TEXT NOT NULL DEFAULT '',
    changed_by      INTEGER NOT NULL REFERENCES users(id),
    changed_at      TEXT NOT NULL
);
CREATE INDEX category_changes_by_participant ON category_changes(participant_id, id);
