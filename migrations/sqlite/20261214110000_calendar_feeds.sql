-- Calendar feeds (.ics) per participant, per course and per leader, behind unguessable tokens
-- of which only the hash is kept; staff revoke them. A session's sequence rises each time it
-- is moved, relocated, cancelled or restored, so that calendars replace their copy
-- (RFC 5545 SEQUENCE).
-- (The pair of migrations/postgres/20261214110000.)
ALTER TABLE sessions ADD COLUMN sequence INTEGER NOT NULL DEFAULT 0;

CREATE TABLE calendar_feeds (
    id              INTEGER PRIMARY KEY,
    kind            TEXT NOT NULL CHECK (kind IN ('participant', 'course', 'leader')),
    participant_id  INTEGER REFERENCES participants(id) ON DELETE CASCADE,
    course_id       INTEGER REFERENCES courses(id) ON DELETE CASCADE,
    user_id         INTEGER REFERENCES users(id) ON DELETE CASCADE,
    token_hash      TEXT NOT NULL UNIQUE,
    created_at      TEXT NOT NULL,
    -- None when a participant made their own.
    created_by      INTEGER REFERENCES users(id),
    revoked_at      TEXT,
    revoked_by      INTEGER REFERENCES users(id),
    -- Exactly the owner its kind names.
    CHECK ((kind = 'participant') = (participant_id IS NOT NULL)
       AND (kind = 'course') = (course_id IS NOT NULL)
       AND (kind = 'leader') = (user_id IS NOT NULL))
);
CREATE INDEX calendar_feeds_by_participant ON calendar_feeds(participant_id);
CREATE INDEX calendar_feeds_by_course ON calendar_feeds(course_id);
CREATE INDEX calendar_feeds_by_user ON calendar_feeds(user_id);
