-- Counters kept in the same transactions that change messages (issue 13): billing and quota figures
-- and every broadcast's progress are read from here, so the work per message stays the same however
-- full the month or large the broadcast. Triggers keep them, whoever writes a message (outbox,
-- inbound, CLI), and this migration fills them from what is already stored.

-- Usage in segments per quarter hour of created_at (UTC): every time zone's months and days start on
-- a quarter hour, so the billing office's month is a range of buckets in any zone.
-- An outgoing SMS counts once it has left for a carrier (sent_at set), an incoming one when stored
-- (docs/history.md, "Billing"). carrier_id '' = none; user_id 0 = no author (system, incoming).
CREATE TABLE usage_counters (
  bucket     INTEGER NOT NULL,
  direction  TEXT    NOT NULL,
  carrier_id TEXT    NOT NULL,
  user_id    INTEGER NOT NULL,
  messages   INTEGER NOT NULL,
  segments   INTEGER NOT NULL,
  PRIMARY KEY (bucket, direction, carrier_id, user_id)
) WITHOUT ROWID;

-- Per broadcast: outgoing messages per status, and 'replied' = phones that replied to it.
CREATE TABLE broadcast_counts (
  broadcast_id INTEGER NOT NULL,
  status       TEXT    NOT NULL,
  n            INTEGER NOT NULL,
  PRIMARY KEY (broadcast_id, status)
) WITHOUT ROWID;

-- Who replied to a broadcast, found without reading all of its replies.
CREATE INDEX messages_replies ON messages(broadcast_id, phone) WHERE direction = 'in';

-- ---- usage -------------------------------------------------------------------------------------
CREATE TRIGGER usage_in_insert AFTER INSERT ON messages WHEN new.direction = 'in' BEGIN
  INSERT INTO usage_counters (bucket, direction, carrier_id, user_id, messages, segments)
  VALUES (new.created_at / 900000, 'in', ifnull(new.carrier_id, ''), 0, 1, new.segments)
  ON CONFLICT DO UPDATE SET messages = messages + 1, segments = segments + excluded.segments;
END;

CREATE TRIGGER usage_out_insert AFTER INSERT ON messages WHEN new.direction = 'out' AND new.sent_at IS NOT NULL BEGIN
  INSERT INTO usage_counters (bucket, direction, carrier_id, user_id, messages, segments)
  VALUES (new.created_at / 900000, 'out', ifnull(new.carrier_id, ''),
          ifnull((SELECT author_id FROM broadcasts WHERE id = new.broadcast_id), 0), 1, new.segments)
  ON CONFLICT DO UPDATE SET messages = messages + 1, segments = segments + excluded.segments;
END;

-- Handed to a carrier (sent_at set), or a counted message changed (segments, carrier, author):
-- take the old figures out and put the new ones in.
CREATE TRIGGER usage_update AFTER UPDATE OF sent_at, segments, carrier_id, created_at, broadcast_id, direction ON messages
WHEN (old.direction = 'in' OR old.sent_at IS NOT NULL OR new.direction = 'in' OR new.sent_at IS NOT NULL)
  AND (old.sent_at IS NOT new.sent_at OR old.segments != new.segments OR old.carrier_id IS NOT new.carrier_id
       OR old.created_at != new.created_at OR old.broadcast_id IS NOT new.broadcast_id OR old.direction != new.direction) BEGIN
  UPDATE usage_counters SET messages = messages - 1, segments = segments - old.segments
  WHERE (old.direction = 'in' OR old.sent_at IS NOT NULL)
    AND bucket = old.created_at / 900000 AND direction = old.direction AND carrier_id = ifnull(old.carrier_id, '')
    AND user_id = CASE WHEN old.direction = 'in' THEN 0 ELSE ifnull((SELECT author_id FROM broadcasts WHERE id = old.broadcast_id), 0) END;
  INSERT INTO usage_counters (bucket, direction, carrier_id, user_id, messages, segments)
  SELECT new.created_at / 900000, new.direction, ifnull(new.carrier_id, ''),
         CASE WHEN new.direction = 'in' THEN 0 ELSE ifnull((SELECT author_id FROM broadcasts WHERE id = new.broadcast_id), 0) END,
         1, new.segments
  WHERE new.direction = 'in' OR new.sent_at IS NOT NULL
  ON CONFLICT DO UPDATE SET messages = messages + 1, segments = segments + excluded.segments;
END;

CREATE TRIGGER usage_delete AFTER DELETE ON messages WHEN old.direction = 'in' OR old.sent_at IS NOT NULL BEGIN
  UPDATE usage_counters SET messages = messages - 1, segments = segments - old.segments
  WHERE bucket = old.created_at / 900000 AND direction = old.direction AND carrier_id = ifnull(old.carrier_id, '')
    AND user_id = CASE WHEN old.direction = 'in' THEN 0 ELSE ifnull((SELECT author_id FROM broadcasts WHERE id = old.broadcast_id), 0) END;
END;

-- ---- broadcast progress ------------------------------------------------------------------------
CREATE TRIGGER counts_out_insert AFTER INSERT ON messages WHEN new.direction = 'out' AND new.broadcast_id IS NOT NULL BEGIN
  INSERT INTO broadcast_counts (broadcast_id, status, n) VALUES (new.broadcast_id, new.status, 1)
  ON CONFLICT DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER counts_out_update AFTER UPDATE OF status, broadcast_id ON messages
WHEN new.direction = 'out' AND (old.status IS NOT new.status OR old.broadcast_id IS NOT new.broadcast_id) BEGIN
  UPDATE broadcast_counts SET n = n - 1 WHERE broadcast_id = old.broadcast_id AND status = old.status;
  INSERT INTO broadcast_counts (broadcast_id, status, n) SELECT new.broadcast_id, new.status, 1 WHERE new.broadcast_id IS NOT NULL
  ON CONFLICT DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER counts_out_delete AFTER DELETE ON messages WHEN old.direction = 'out' AND old.broadcast_id IS NOT NULL BEGIN
  UPDATE broadcast_counts SET n = n - 1 WHERE broadcast_id = old.broadcast_id AND status = old.status;
END;

-- A phone counts once per broadcast however many replies it sends; moving a reply moves its count.
CREATE TRIGGER counts_reply_insert AFTER INSERT ON messages WHEN new.direction = 'in' AND new.broadcast_id IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM messages r WHERE r.direction = 'in' AND r.broadcast_id = new.broadcast_id AND r.phone = new.phone AND r.id != new.id) BEGIN
  INSERT INTO broadcast_counts (broadcast_id, status, n) VALUES (new.broadcast_id, 'replied', 1)
  ON CONFLICT DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER counts_reply_moved AFTER UPDATE OF broadcast_id ON messages
WHEN new.direction = 'in' AND old.broadcast_id IS NOT new.broadcast_id BEGIN
  UPDATE broadcast_counts SET n = n - 1 WHERE broadcast_id = old.broadcast_id AND status = 'replied'
    AND NOT EXISTS (SELECT 1 FROM messages r WHERE r.direction = 'in' AND r.broadcast_id = old.broadcast_id AND r.phone = old.phone);
  INSERT INTO broadcast_counts (broadcast_id, status, n) SELECT new.broadcast_id, 'replied', 1
  WHERE new.broadcast_id IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM messages r WHERE r.direction = 'in' AND r.broadcast_id = new.broadcast_id AND r.phone = new.phone AND r.id != new.id)
  ON CONFLICT DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER counts_reply_delete AFTER DELETE ON messages WHEN old.direction = 'in' AND old.broadcast_id IS NOT NULL BEGIN
  UPDATE broadcast_counts SET n = n - 1 WHERE broadcast_id = old.broadcast_id AND status = 'replied'
    AND NOT EXISTS (SELECT 1 FROM messages r WHERE r.direction = 'in' AND r.broadcast_id = old.broadcast_id AND r.phone = old.phone);
END;

-- ---- what is already stored --------------------------------------------------------------------
INSERT INTO usage_counters (bucket, direction, carrier_id, user_id, messages, segments)
SELECT m.created_at / 900000, m.direction, ifnull(m.carrier_id, ''),
       CASE WHEN m.direction = 'in' THEN 0 ELSE ifnull(b.author_id, 0) END, count(*), sum(m.segments)
FROM messages m LEFT JOIN broadcasts b ON b.id = m.broadcast_id
WHERE m.direction = 'in' OR m.sent_at IS NOT NULL
GROUP BY 1, 2, 3, 4;

INSERT INTO broadcast_counts (broadcast_id, status, n)
SELECT broadcast_id, status, count(*) FROM messages WHERE direction = 'out' AND broadcast_id IS NOT NULL GROUP BY 1, 2;

INSERT INTO broadcast_counts (broadcast_id, status, n)
SELECT broadcast_id, 'replied', count(DISTINCT phone) FROM messages WHERE direction = 'in' AND broadcast_id IS NOT NULL GROUP BY 1;
