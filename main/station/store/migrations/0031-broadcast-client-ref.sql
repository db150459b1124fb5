-- A client's own reference for a send, so a send retried after a lost connection is stored once.
ALTER TABLE broadcasts ADD COLUMN client_ref TEXT;
CREATE UNIQUE INDEX broadcasts_client_ref ON broadcasts(ifnull(author_id, 0), client_ref) WHERE client_ref IS NOT NULL;
