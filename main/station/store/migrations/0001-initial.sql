-- The whole data model of DESIGN §3 except full-text search (added by its own migration).
-- Times are UTC epoch milliseconds.

CREATE TABLE users (
  id            INTEGER PRIMARY KEY,
  login         TEXT    NOT NULL UNIQUE COLLATE NOCASE,
  name          TEXT    NOT NULL,
  role          TEXT    NOT NULL CHECK (role IN ('admin', 'dispatcher', 'viewer')),
  password_hash TEXT    NOT NULL,
  locale        TEXT    NOT NULL DEFAULT 'ru' CHECK (locale IN ('ru', 'en')),
  disabled      INTEGER NOT NULL DEFAULT 0,
  created_at    INTEGER NOT NULL
);

CREATE TABLE sessions (
  token_hash  TEXT    PRIMARY KEY,
  user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at  INTEGER NOT NULL,
  expires_at  INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE api_keys (
  id           INTEGER PRIMARY KEY,
  user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  name         TEXT    NOT NULL,
  key_hash     TEXT    NOT NULL UNIQUE,
  prefix       TEXT    NOT NULL,
  legacy       INTEGER NOT NULL DEFAULT 0,
  created_at   INTEGER NOT NULL,
  last_used_at INTEGER,
  revoked_at   INTEGER
);

CREATE TABLE contacts (
  id         INTEGER PRIMARY KEY,
  name       TEXT    NOT NULL,
  phone      TEXT    NOT NULL UNIQUE,
  email      TEXT,
  position   TEXT,
  notes      TEXT,
  active     INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);

CREATE TABLE groups (
  id          INTEGER PRIMARY KEY,
  parent_id   INTEGER REFERENCES groups(id) ON DELETE CASCADE,
  name        TEXT    NOT NULL,
  description TEXT,
  sort        INTEGER NOT NULL DEFAULT 0,
  created_at  INTEGER NOT NULL
);
CREATE UNIQUE INDEX groups_name_in_parent ON groups(ifnull(parent_id, 0), name COLLATE NOCASE);

CREATE TABLE group_members (
  group_id   INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
  contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
  PRIMARY KEY (group_id, contact_id)
) WITHOUT ROWID;
CREATE INDEX group_members_contact ON group_members(contact_id);

CREATE TABLE tags (
  id           INTEGER PRIMARY KEY,
  name         TEXT    NOT NULL,
  norm         TEXT    NOT NULL UNIQUE,
  self_service INTEGER NOT NULL DEFAULT 0,
  created_at   INTEGER NOT NULL
);

CREATE TABLE tag_subscriptions (
  tag_id     INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
  contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
  source     TEXT    NOT NULL CHECK (source IN ('admin', 'sms', 'import')),
  created_at INTEGER NOT NULL,
  PRIMARY KEY (tag_id, contact_id)
) WITHOUT ROWID;
CREATE INDEX tag_subscriptions_contact ON tag_subscriptions(contact_id);

CREATE TABLE rights (
  id        INTEGER PRIMARY KEY,
  user_id   INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  scope     TEXT    NOT NULL CHECK (scope IN ('all', 'group', 'contact', 'tag')),
  target_id INTEGER,
  UNIQUE (user_id, scope, target_id)
);

CREATE TABLE broadcasts (
  id           INTEGER PRIMARY KEY,
  author_id    INTEGER REFERENCES users(id) ON DELETE SET NULL,
  source       TEXT    NOT NULL CHECK (source IN ('ui', 'http', 'soap', 'mail', 'system')),
  text         TEXT    NOT NULL,
  kind         TEXT    NOT NULL DEFAULT 'plain' CHECK (kind IN ('plain', 'poll', 'confirm', 'order')),
  options      TEXT,
  tags         TEXT    NOT NULL DEFAULT '',
  priority     INTEGER NOT NULL DEFAULT 0,
  total        INTEGER NOT NULL DEFAULT 0,
  scheduled_at INTEGER,
  valid_until  INTEGER,
  cancelled_at INTEGER,
  created_at   INTEGER NOT NULL
);
CREATE INDEX broadcasts_created ON broadcasts(created_at);

CREATE TABLE broadcast_tags (
  broadcast_id INTEGER NOT NULL REFERENCES broadcasts(id) ON DELETE CASCADE,
  tag_id       INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
  PRIMARY KEY (broadcast_id, tag_id)
) WITHOUT ROWID;
CREATE INDEX broadcast_tags_tag ON broadcast_tags(tag_id);

CREATE TABLE messages (
  id              INTEGER PRIMARY KEY,
  direction       TEXT    NOT NULL CHECK (direction IN ('in', 'out')),
  broadcast_id    INTEGER REFERENCES broadcasts(id) ON DELETE SET NULL,
  contact_id      INTEGER REFERENCES contacts(id) ON DELETE SET NULL,
  phone           TEXT    NOT NULL,
  text            TEXT    NOT NULL,
  tags            TEXT    NOT NULL DEFAULT '',
  segments        INTEGER NOT NULL,
  status          TEXT    NOT NULL CHECK (status IN
                    ('queued', 'sending', 'sent', 'delivered', 'failed', 'expired', 'cancelled', 'received')),
  priority        INTEGER NOT NULL DEFAULT 0,
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL DEFAULT 0,
  valid_until     INTEGER,
  carrier_id      TEXT,
  carrier_ref     TEXT,
  reply_to        INTEGER REFERENCES messages(id) ON DELETE SET NULL,
  error           TEXT,
  created_at      INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL,
  sent_at         INTEGER,
  delivered_at    INTEGER
);
-- One outgoing SMS per recipient per broadcast: a resumed outbox can never add a second row.
CREATE UNIQUE INDEX messages_one_per_recipient ON messages(broadcast_id, phone) WHERE direction = 'out';
CREATE INDEX messages_outbox ON messages(priority DESC, next_attempt_at, id) WHERE status = 'queued';
CREATE INDEX messages_inflight ON messages(id) WHERE status = 'sending';
CREATE INDEX messages_broadcast_status ON messages(broadcast_id, status);
CREATE INDEX messages_phone_time ON messages(phone, created_at);
CREATE INDEX messages_created ON messages(created_at);
CREATE INDEX messages_contact_time ON messages(contact_id, created_at);
CREATE INDEX messages_reply_to ON messages(reply_to) WHERE reply_to IS NOT NULL;
-- An inbound SMS delivered twice by a carrier (e.g. re-read from SIM after a crash) is stored once.
CREATE UNIQUE INDEX messages_inbound_ref ON messages(carrier_id, carrier_ref)
  WHERE direction = 'in' AND carrier_ref IS NOT NULL;

CREATE TABLE delivery_parts (
  message_id  INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
  part        INTEGER NOT NULL,
  carrier_id  TEXT    NOT NULL,
  carrier_ref TEXT    NOT NULL,
  status      TEXT    NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
  updated_at  INTEGER NOT NULL,
  PRIMARY KEY (message_id, part)
) WITHOUT ROWID;
CREATE INDEX delivery_parts_ref ON delivery_parts(carrier_id, carrier_ref);

CREATE TABLE carriers (
  id       TEXT    PRIMARY KEY,
  kind     TEXT    NOT NULL CHECK (kind IN ('simulator', 'modem', 'smpp', 'http')),
  name     TEXT    NOT NULL,
  settings TEXT    NOT NULL DEFAULT '{}',
  priority INTEGER NOT NULL DEFAULT 0,
  enabled  INTEGER NOT NULL DEFAULT 1
) WITHOUT ROWID;

CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE audit (
  id      INTEGER PRIMARY KEY,
  at      INTEGER NOT NULL,
  user_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
  actor   TEXT    NOT NULL,
  action  TEXT    NOT NULL,
  target  TEXT,
  detail  TEXT
);
CREATE INDEX audit_at ON audit(at);
