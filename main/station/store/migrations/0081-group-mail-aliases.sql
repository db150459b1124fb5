-- mail2sms addresses for any group (issue 15 item 9): an ASCII alias an administrator gives a
-- group, so `brigada1@sms.example.org` reaches «Бригада 1» from any mail client and relay.
CREATE TABLE group_mail_aliases (
  group_id INTEGER PRIMARY KEY REFERENCES groups(id) ON DELETE CASCADE,
  alias    TEXT    NOT NULL UNIQUE COLLATE NOCASE
);
