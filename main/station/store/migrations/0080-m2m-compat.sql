-- MTS Communicator drop-in (issue 15).
--
-- Sign-in as old scripts send it, set by an administrator per API key: an MTS login and the
-- password whose MD5-hex the script sends (kept as scrypt of that MD5, never the MD5 itself), and
-- the old MTS API 2.x token a script may carry (kept as SHA-256; tokens are random). A revoked key
-- keeps its row but frees its login.
ALTER TABLE api_keys ADD COLUMN m2m_login TEXT;
ALTER TABLE api_keys ADD COLUMN m2m_password_hash TEXT;
ALTER TABLE api_keys ADD COLUMN m2m_token_hash TEXT;
CREATE UNIQUE INDEX api_keys_m2m_login ON api_keys(m2m_login COLLATE NOCASE)
  WHERE m2m_login IS NOT NULL AND revoked_at IS NULL;
CREATE UNIQUE INDEX api_keys_m2m_token ON api_keys(m2m_token_hash) WHERE m2m_token_hash IS NOT NULL;

-- What AddUser said about a subscriber (a contact here), so GetUsers answers it back.
CREATE TABLE m2m_subscribers (
  contact_id   INTEGER PRIMARY KEY REFERENCES contacts(id) ON DELETE CASCADE,
  access_level TEXT    NOT NULL CHECK (access_level IN ('Administrator', 'Operator', 'BaseUser')),
  web_access   INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL
);

-- A mailing list is a group (under the folder group named in settings `m2m.mailingListsGroup`);
-- each member's name on the list and its attributes as CreateMailingList/SetMailingListContacts gave them.
CREATE TABLE m2m_list_members (
  group_id   INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
  contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
  name       TEXT,
  attributes TEXT    NOT NULL DEFAULT '[]',
  PRIMARY KEY (group_id, contact_id)
) WITHOUT ROWID;

-- The sender name (`naming`) a script gave, and the mailing a broadcast came from (CreateMailing),
-- for GetMessages' SenderName and MessageType `Mailing`.
CREATE TABLE m2m_broadcasts (
  broadcast_id    INTEGER PRIMARY KEY REFERENCES broadcasts(id) ON DELETE CASCADE,
  naming          TEXT,
  mailing_name    TEXT,
  mailing_list_id INTEGER
);
