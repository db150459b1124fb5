-- Dispatch rules (issue 5): order/poll codes, alert families (re-sends and escalations point at
-- the broadcast they follow up), confirmation settings, poll answers and the escalation clock.

-- The broadcast a re-send or an escalation follows up; answers are counted on the root.
ALTER TABLE broadcasts ADD COLUMN parent_id INTEGER REFERENCES broadcasts(id) ON DELETE SET NULL;
-- `4711` for an order `#4711`: replies quoting it join the order whoever sends them.
ALTER TABLE broadcasts ADD COLUMN code TEXT;
-- JSON {afterMs, resends, chain: [groupId…]} for a confirmation; NULL otherwise.
ALTER TABLE broadcasts ADD COLUMN confirm TEXT;
-- Set when a poll or confirmation stops taking answers.
ALTER TABLE broadcasts ADD COLUMN closed_at INTEGER;
CREATE INDEX broadcasts_code ON broadcasts(code, id) WHERE code IS NOT NULL;
CREATE INDEX broadcasts_parent ON broadcasts(parent_id) WHERE parent_id IS NOT NULL;

-- How an inbound reply was matched: 'code', 'question', 'window'; NULL = unmatched (flagged).
ALTER TABLE messages ADD COLUMN matched_by TEXT;

-- One answer per person per poll or confirmation: the last one counts, the one before is kept
-- so the tally can show the change.
CREATE TABLE answers (
  broadcast_id INTEGER NOT NULL REFERENCES broadcasts(id) ON DELETE CASCADE,
  phone        TEXT    NOT NULL,
  contact_id   INTEGER REFERENCES contacts(id) ON DELETE SET NULL,
  option       INTEGER NOT NULL,
  previous     INTEGER,
  changes      INTEGER NOT NULL DEFAULT 0,
  message_id   INTEGER REFERENCES messages(id) ON DELETE SET NULL,
  at           INTEGER NOT NULL,
  PRIMARY KEY (broadcast_id, phone)
) WITHOUT ROWID;

-- The escalation clock of an open confirmation: which step comes next and when.
CREATE TABLE escalations (
  broadcast_id INTEGER PRIMARY KEY REFERENCES broadcasts(id) ON DELETE CASCADE,
  step         INTEGER NOT NULL DEFAULT 0,
  due_at       INTEGER NOT NULL,
  state        TEXT    NOT NULL CHECK (state IN ('open', 'done', 'cancelled')),
  updated_at   INTEGER NOT NULL
);
CREATE INDEX escalations_due ON escalations(due_at) WHERE state = 'open';
