-- Compose templates (issue 8): texts a dispatcher reuses, kept per station so every desk sees
-- the same ones. Placeholders ({name}, {order}) stay in the text; the dispatcher renders them.
CREATE TABLE templates (
  id          INTEGER PRIMARY KEY,
  name        TEXT    NOT NULL,
  text        TEXT    NOT NULL,
  kind        TEXT    NOT NULL DEFAULT 'plain' CHECK (kind IN ('plain', 'poll', 'confirm', 'order')),
  options     TEXT,
  created_by  INTEGER REFERENCES users(id) ON DELETE SET NULL,
  updated_at  INTEGER NOT NULL
);
-- Names are unique in any case; the station compares them (SQLite's lower() knows only ASCII).
