-- Carriers configured on screen (issue 16 item 2): DESIGN §3's `carriers` table becomes the
-- routes the station runs. config.json seeds it (source 'config', with a hash of the entry so a
-- later edit of the file is noticed); routes made on screen are 'screen'. Secrets are kept sealed
-- apart from the settings; a removed route stays as a tombstone so config does not bring it back.
ALTER TABLE carriers ADD COLUMN operators TEXT NOT NULL DEFAULT '[]';
ALTER TABLE carriers ADD COLUMN secrets TEXT;
ALTER TABLE carriers ADD COLUMN rate_limit REAL;
ALTER TABLE carriers ADD COLUMN source TEXT NOT NULL DEFAULT 'screen' CHECK (source IN ('config', 'screen'));
ALTER TABLE carriers ADD COLUMN seed_hash TEXT;
ALTER TABLE carriers ADD COLUMN deleted_at INTEGER;
ALTER TABLE carriers ADD COLUMN created_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE carriers ADD COLUMN updated_at INTEGER NOT NULL DEFAULT 0;
