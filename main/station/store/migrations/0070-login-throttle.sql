-- Failed logins per account and per address (issue 14): growing delays, then a temporary lock.
-- `key` is the login as typed (lower case) or the remote address; rows age out after an hour.
CREATE TABLE login_throttle (
  kind          TEXT    NOT NULL CHECK (kind IN ('account', 'address')),
  key           TEXT    NOT NULL,
  failures      INTEGER NOT NULL DEFAULT 0,
  first_at      INTEGER NOT NULL,
  last_at       INTEGER NOT NULL,
  locked_until  INTEGER,
  PRIMARY KEY (kind, key)
);
CREATE INDEX login_throttle_last ON login_throttle(last_at);
