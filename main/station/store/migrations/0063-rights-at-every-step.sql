-- Rights at every step (issue 13).
--
-- A right to manage others' broadcasts ('manage', no target): close or cancel a broadcast another
-- dispatcher sent (a shift takes over the night's alerts) without being an administrator. SQLite
-- cannot change a CHECK in place, so the small rights table is rebuilt with the new scope.
CREATE TABLE rights_new (
  id        INTEGER PRIMARY KEY,
  user_id   INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  scope     TEXT    NOT NULL CHECK (scope IN ('all', 'group', 'contact', 'tag', 'manage')),
  target_id INTEGER,
  UNIQUE (user_id, scope, target_id)
);
INSERT INTO rights_new (id, user_id, scope, target_id) SELECT id, user_id, scope, target_id FROM rights;
DROP TABLE rights;
ALTER TABLE rights_new RENAME TO rights;

-- Templates have an owner (created_by) and are personal, or shared by an administrator with every
-- desk. Only the owner (or an administrator) changes a personal template; only administrators
-- change shared ones. Templates written so far were made for every desk: those an administrator
-- (or nobody known) made stay shared, a dispatcher's become that dispatcher's own.
ALTER TABLE templates ADD COLUMN shared INTEGER NOT NULL DEFAULT 0;
UPDATE templates SET shared = 1
  WHERE created_by IS NULL OR created_by IN (SELECT id FROM users WHERE role = 'admin');
