-- Large commits that do not freeze the station (issue 13): a broadcast to many thousands is written
-- in small steps. Its recipients are staged first (here), then the broadcast is marked committed in
-- one statement, and only then are its messages moved into the outbox, a chunk at a time. So the
-- outbox never sees a broadcast that might still fail to commit, and nothing else waits long.
--
-- broadcasts.preparing: NULL once every message is in the outbox (every broadcast so far);
-- 'staging' while its recipients are being staged (a crash now abandons it: nothing was sent);
-- 'moving' once committed, while its messages move into the outbox (a restart carries on);
-- 'abandoned' when staging failed or was cut short (the reason is in the audit log).
ALTER TABLE broadcasts ADD COLUMN preparing TEXT CHECK (preparing IS NULL OR preparing IN ('staging', 'moving', 'abandoned'));

CREATE TABLE broadcast_staging (
  broadcast_id INTEGER NOT NULL REFERENCES broadcasts(id) ON DELETE CASCADE,
  seq          INTEGER NOT NULL,
  contact_id   INTEGER,
  phone        TEXT    NOT NULL,
  -- Set when this recipient's text differs from the broadcast's ({name}).
  text         TEXT,
  segments     INTEGER,
  PRIMARY KEY (broadcast_id, seq)
) WITHOUT ROWID;
