-- Participants' own access, without passwords: a sign-in link (magic link) sent by SMS or
-- e-mail opens a participant session in the browser. Only hashes of the link tokens and of the
-- session cookies are stored, as for staff.

CREATE TABLE participant_links (
    token_hash      TEXT PRIMARY KEY,
    participant_id  INTEGER NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
    created_at      TEXT NOT NULL,
    expires_at      TEXT NOT NULL,
    -- A link opens one session; a second use is refused.
    used_at         TEXT
);
CREATE INDEX participant_links_by_participant ON participant_links(participant_id);

CREATE TABLE participant_sessions (
    token_hash      TEXT PRIMARY KEY,
    participant_id  INTEGER NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
    created_at      TEXT NOT NULL,
    expires_at      TEXT NOT NULL
);
CREATE INDEX participant_sessions_by_participant ON participant_sessions(participant_id);

-- logbook_versions.replaced_by stays NULL when the participant changed their own entry.
