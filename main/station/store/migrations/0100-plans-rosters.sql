-- Alert plans, on-call rosters and calls (issue 17). Plans and rosters keep their rules as JSON
-- validated by shared/protocol/plans.ts; what happened is kept in columns, for history.

CREATE TABLE plans (
  id         INTEGER PRIMARY KEY,
  code       TEXT    NOT NULL,
  -- The code as an SMS command matches it: upper case, ё as е (compared by the station).
  code_norm  TEXT    NOT NULL UNIQUE,
  name       TEXT    NOT NULL,
  spec       TEXT    NOT NULL,
  sort       INTEGER NOT NULL DEFAULT 0,
  updated_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
  updated_at INTEGER NOT NULL
);

-- One roster per role of a group ("Северный РЭС" · "дежурный инженер").
CREATE TABLE rosters (
  id         INTEGER PRIMARY KEY,
  group_id   INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
  role       TEXT    NOT NULL,
  role_norm  TEXT    NOT NULL,
  time_zone  TEXT    NOT NULL,
  rules      TEXT    NOT NULL,
  updated_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (group_id, role_norm)
);

-- A broadcast a plan launched: which plan, with what fields, by which door, drill or not.
CREATE TABLE plan_launches (
  broadcast_id INTEGER PRIMARY KEY REFERENCES broadcasts(id) ON DELETE CASCADE,
  plan_id      INTEGER REFERENCES plans(id) ON DELETE SET NULL,
  code         TEXT    NOT NULL,
  name         TEXT    NOT NULL,
  fields       TEXT    NOT NULL DEFAULT '{}',
  drill        INTEGER NOT NULL DEFAULT 0,
  door         TEXT    NOT NULL CHECK (door IN ('ui', 'http', 'cli', 'mail', 'sms')),
  -- The plan's escalation chain as it was at launch, so editing a plan never changes an alert under way.
  chain        TEXT    NOT NULL DEFAULT '[]',
  call_reply   TEXT,
  launched_at  INTEGER NOT NULL
);
CREATE INDEX plan_launches_plan ON plan_launches(plan_id, launched_at);

-- Who was on duty when an alert (or an escalation step) went out: history keeps the names even
-- after rosters and contacts change.
CREATE TABLE duty_log (
  id           INTEGER PRIMARY KEY,
  broadcast_id INTEGER NOT NULL REFERENCES broadcasts(id) ON DELETE CASCADE,
  group_id     INTEGER REFERENCES groups(id) ON DELETE SET NULL,
  group_name   TEXT    NOT NULL,
  role         TEXT    NOT NULL,
  contact_id   INTEGER REFERENCES contacts(id) ON DELETE SET NULL,
  name         TEXT,
  phone        TEXT,
  replaces_id  INTEGER REFERENCES contacts(id) ON DELETE SET NULL,
  replaces_name TEXT,
  reason       TEXT,
  at           INTEGER NOT NULL
);
CREATE INDEX duty_log_broadcast ON duty_log(broadcast_id);
CREATE INDEX duty_log_contact ON duty_log(contact_id, at);

-- Voice calls: the station ringing someone (a chain's call step) and people calling it back.
CREATE TABLE calls (
  id           INTEGER PRIMARY KEY,
  broadcast_id INTEGER REFERENCES broadcasts(id) ON DELETE SET NULL,
  direction    TEXT    NOT NULL CHECK (direction IN ('out', 'in')),
  phone        TEXT    NOT NULL,
  contact_id   INTEGER REFERENCES contacts(id) ON DELETE SET NULL,
  carrier_id   TEXT,
  state        TEXT    NOT NULL CHECK (state IN ('queued', 'dialling', 'answered', 'busy', 'no-answer', 'no-carrier', 'failed', 'rejected')),
  detail       TEXT,
  confirmed    INTEGER NOT NULL DEFAULT 0,
  created_at   INTEGER NOT NULL,
  ended_at     INTEGER
);
CREATE INDEX calls_broadcast ON calls(broadcast_id) WHERE broadcast_id IS NOT NULL;
CREATE INDEX calls_open ON calls(id) WHERE state IN ('queued', 'dialling');

-- Phones that may launch plans by SMS command ("!ПС12 Северный"), each acting as a user.
CREATE TABLE sms_launchers (
  phone      TEXT    PRIMARY KEY,
  user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  note       TEXT,
  created_at INTEGER NOT NULL
) WITHOUT ROWID;

-- How an answer came: NULL for an SMS, 'call' for a call back from the phone.
ALTER TABLE answers ADD COLUMN via TEXT;
