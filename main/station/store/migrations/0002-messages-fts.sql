-- Full-text search over message text and tags (DESIGN §3, messages_fts).
--
-- FTS5's unicode61 tokenizer folds case for every script, Cyrillic included, but it does not fold
-- ё to е. The triggers below replace ё/Ё before indexing, in plain SQL, so that every connection
-- (station, CLI, a test) keeps the index in step without registering a custom function. The query
-- side applies normalizeText() (lower case, ё→е) to the same effect.
--
-- Contentless (content='') with contentless_delete: the index alone, no second copy of every
-- text; results are joined back to `messages` by rowid = messages.id, and highlights are computed
-- from the original text in domain/search-highlight.ts.
CREATE VIRTUAL TABLE messages_fts USING fts5(
  text,
  tags,
  content = '',
  contentless_delete = 1,
  tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
  INSERT INTO messages_fts (rowid, text, tags)
  VALUES (new.id, replace(replace(new.text, 'ё', 'е'), 'Ё', 'Е'), replace(replace(new.tags, 'ё', 'е'), 'Ё', 'Е'));
END;

-- Status changes are by far the most frequent update; only text and tags touch the index.
CREATE TRIGGER messages_fts_update AFTER UPDATE OF text, tags ON messages BEGIN
  DELETE FROM messages_fts WHERE rowid = old.id;
  INSERT INTO messages_fts (rowid, text, tags)
  VALUES (new.id, replace(replace(new.text, 'ё', 'е'), 'Ё', 'Е'), replace(replace(new.tags, 'ё', 'е'), 'Ё', 'Е'));
END;

CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
  DELETE FROM messages_fts WHERE rowid = old.id;
END;

-- Fill the index from whatever messages already exist (an upgraded data folder).
INSERT INTO messages_fts (rowid, text, tags)
SELECT id, replace(replace(text, 'ё', 'е'), 'Ё', 'Е'), replace(replace(tags, 'ё', 'е'), 'Ё', 'Е') FROM messages;
