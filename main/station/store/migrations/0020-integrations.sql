-- Integrations (issue 6): legacy MTS-style credentials for API keys, and outgoing webhooks.
--
-- An MTS Communicator script authenticates with login + MD5-hex of its password. We never keep
-- that MD5; for a key flagged `legacy` we keep a SHA-256 of MD5-hex(key), so the station can
-- look the key up by what the old script sends, and a leaked database still reveals no key.
ALTER TABLE api_keys ADD COLUMN legacy_hash TEXT;
CREATE UNIQUE INDEX api_keys_legacy_hash ON api_keys(legacy_hash) WHERE legacy_hash IS NOT NULL;

-- One row per event per webhook URL; retried with backoff until delivered or given up.
CREATE TABLE webhook_deliveries (
  id            INTEGER PRIMARY KEY,
  url           TEXT    NOT NULL,
  event         TEXT    NOT NULL,
  payload       TEXT    NOT NULL,
  status        TEXT    NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
  attempts      INTEGER NOT NULL DEFAULT 0,
  next_at       INTEGER NOT NULL,
  last_status   INTEGER,
  last_error    TEXT,
  created_at    INTEGER NOT NULL,
  delivered_at  INTEGER
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries(next_at) WHERE status = 'pending';
CREATE INDEX webhook_deliveries_created ON webhook_deliveries(created_at);
