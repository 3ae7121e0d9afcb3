-- The outbox takes hundreds of rows whenever a course is planned, and on PostgreSQL checking
-- each new row's references cost more than inserting it. PostgreSQL only: SQLite keeps its
-- schema, where neither cost arises.

-- Keys compare byte by byte: they are machine-made (`session_reminder:s31:p49:…`), and the
-- database's collation (C.UTF-8, nb_NO.UTF-8 …) made every uniqueness check go through the
-- locale.
ALTER TABLE outbox ALTER COLUMN dedupe_key TYPE TEXT COLLATE "C";

-- One reference where there were two: a message about a session points at the session *in
-- its course*, which also says that the course exists (a session's course always does) and,
-- newly, that the two agree. Only a message without a session points at its course alone,
-- through a column that holds the course id just for those rows. Deleting a session or a
-- course still deletes its messages. Messages about a session always name its course.
ALTER TABLE sessions ADD CONSTRAINT sessions_id_course_id_key UNIQUE (id, course_id);
ALTER TABLE outbox
    ADD CONSTRAINT outbox_session_has_course CHECK (session_id IS NULL OR course_id IS NOT NULL),
    DROP CONSTRAINT outbox_session_id_fkey,
    DROP CONSTRAINT outbox_course_id_fkey,
    ADD CONSTRAINT outbox_session_in_course FOREIGN KEY (session_id, course_id)
        REFERENCES sessions (id, course_id) ON DELETE CASCADE,
    ADD COLUMN course_without_session BIGINT
        GENERATED ALWAYS AS (CASE WHEN session_id IS NULL THEN course_id END) STORED
        REFERENCES courses (id) ON DELETE CASCADE;
