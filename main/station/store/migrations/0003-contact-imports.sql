-- Contact imports, kept so the last one can be undone: which contacts it created, which it
-- changed (with their values before), which groups and tags it created.
CREATE TABLE import_batches (
  id         INTEGER PRIMARY KEY,
  user_id    INTEGER REFERENCES users(id) ON DELETE SET NULL,
  file_name  TEXT    NOT NULL,
  created    INTEGER NOT NULL DEFAULT 0,
  updated    INTEGER NOT NULL DEFAULT 0,
  errors     INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  undone_at  INTEGER
);

-- No foreign key to contacts: a contact deleted after the import must not erase the record.
CREATE TABLE import_batch_contacts (
  batch_id   INTEGER NOT NULL REFERENCES import_batches(id) ON DELETE CASCADE,
  contact_id INTEGER NOT NULL,
  action     TEXT    NOT NULL CHECK (action IN ('created', 'updated')),
  -- For 'updated': JSON of the fields before, plus the group and tag ids this import added.
  before     TEXT,
  PRIMARY KEY (batch_id, contact_id)
) WITHOUT ROWID;

CREATE TABLE import_batch_objects (
  batch_id  INTEGER NOT NULL REFERENCES import_batches(id) ON DELETE CASCADE,
  kind      TEXT    NOT NULL CHECK (kind IN ('group', 'tag')),
  object_id INTEGER NOT NULL,
  PRIMARY KEY (batch_id, kind, object_id)
) WITHOUT ROWID;
