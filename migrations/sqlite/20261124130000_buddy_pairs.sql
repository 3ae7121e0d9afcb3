-- Buddy pairs (makkerpar): each pairing of a course is kept; the newest is the current one.
CREATE TABLE buddy_pairings (
    id          INTEGER PRIMARY KEY,
    course_id   INTEGER NOT NULL REFERENCES courses(id) ON DELETE CASCADE,
    how         TEXT NOT NULL CHECK (how IN ('generated', 'manual')),
    created_by  INTEGER NOT NULL REFERENCES users(id),
    created_at  TEXT NOT NULL
);
CREATE INDEX buddy_pairings_by_course ON buddy_pairings(course_id, id);

CREATE TABLE buddy_groups (
    pairing_id      INTEGER NOT NULL REFERENCES buddy_pairings(id) ON DELETE CASCADE,
    group_no        INTEGER NOT NULL,
    participant_id  INTEGER NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
    PRIMARY KEY (pairing_id, participant_id)
);
