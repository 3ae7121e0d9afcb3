-- Failed sign-ins, per client address and account, so that a guesser is throttled by their
-- address and locks an account only for themselves: the staff member, elsewhere, still gets
-- in. Replaces the per-account lock (users.failed_logins and locked_until stay, unused).
-- (The pair of migrations/postgres/20261212090000.)
CREATE TABLE login_failures (
    id          INTEGER PRIMARY KEY,
    client      TEXT NOT NULL,
    user_id     INTEGER REFERENCES users(id) ON DELETE CASCADE,
    at          TEXT NOT NULL
);
CREATE INDEX login_failures_by_client ON login_failures(client, at);
CREATE INDEX login_failures_by_account ON login_failures(user_id, client, at);
