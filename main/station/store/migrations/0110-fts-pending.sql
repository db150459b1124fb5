-- The full-text index written in batches, off the send path (history/fts-indexer.ts).
--
-- FTS5 writes a segment of its own for every transaction that touches it; with the small commits
-- of ordinary sends that was about 36 µs of CPU per message, where a batch of a few hundred rows
-- costs about 4 µs a row. So a new message is only noted here, and the indexer moves what is noted
-- into messages_fts in one transaction at a time; every full-text query first indexes what is
-- still noted, so a search never misses a committed message.
--
-- Every message is in exactly one of messages_fts and fts_pending. The triggers keep it so for
-- every connection (station, CLI, a test), as the triggers of 0002 did for the index alone.
-- Deleting a rowid from messages_fts that was never indexed changes nothing (no tombstone: a
-- later insert of that rowid is found), so the triggers need not ask which of the two holds it.
CREATE TABLE fts_pending (id INTEGER PRIMARY KEY);

DROP TRIGGER IF EXISTS messages_fts_insert;
CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
  INSERT OR IGNORE INTO fts_pending (id) VALUES (new.id);
END;

-- An edited text or tag list is indexed again with the next batch; until then it is out of the
-- index, so its old words find it no more.
DROP TRIGGER IF EXISTS messages_fts_update;
CREATE TRIGGER messages_fts_update AFTER UPDATE OF text, tags ON messages BEGIN
  DELETE FROM messages_fts WHERE rowid = old.id;
  INSERT OR IGNORE INTO fts_pending (id) VALUES (new.id);
END;

DROP TRIGGER IF EXISTS messages_fts_delete;
CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
  DELETE FROM messages_fts WHERE rowid = old.id;
  DELETE FROM fts_pending WHERE id = old.id;
END;
