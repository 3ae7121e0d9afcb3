-- Several workers side by side (several instances on one database, or a restart after a
-- crash): each worker claims the rows it sends (claimed_by), notes when the request to the
-- provider starts (send_started_at), and keeps a heartbeat in `workers`. A claim whose worker
-- is gone goes back to the queue when its request never started, and is marked uncertain
-- when it did: "uncertain" then means only that the provider may or may not have it.
-- The single worker lease this replaces is dropped.

ALTER TABLE outbox ADD COLUMN claimed_by TEXT;
ALTER TABLE outbox ADD COLUMN send_started_at TEXT;
CREATE INDEX outbox_claims ON outbox(claimed_by) WHERE state = 'sending';

-- Rows an older version left in `sending` carry no claim: whether their request started is
-- unknown, so they are uncertain, as that version would have marked them.
UPDATE outbox SET state = 'uncertain',
    reason = 'the worker stopped while sending it; check with the recipient before sending again'
WHERE state = 'sending';

CREATE TABLE workers (
    id            TEXT PRIMARY KEY,
    -- The host and process, so that a worker on the same host can tell at once that a
    -- previous process is gone instead of waiting for its heartbeat to go stale.
    host          TEXT NOT NULL,
    pid           INTEGER NOT NULL,
    started_at    TEXT NOT NULL,
    heartbeat_at  TEXT NOT NULL
);

DROP TABLE worker_lease;
