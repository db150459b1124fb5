-- Cloud carriers on the bad day (issue 11): a submit that got no answer is "in doubt" — it may have
-- gone out. The message stays `sending` with the time it went in doubt; it is re-sent at most once
-- (counted in `resends`), and a late answer from the carrier still settles it.
ALTER TABLE messages ADD COLUMN in_doubt_at INTEGER;
ALTER TABLE messages ADD COLUMN resends INTEGER NOT NULL DEFAULT 0;
CREATE INDEX messages_in_doubt ON messages(carrier_id) WHERE in_doubt_at IS NOT NULL;
