-- Replies follow the conversation (issue 13). What each SMS asked is its broadcast's question: the
-- broadcast itself, except a re-send, which asks the root's question again; an escalation step asks
-- its own (its answers show on the original as "answered by escalation", never as its recipients').

-- 'resend' | 'escalation' for a follow-up (parent_id set); NULL for a broadcast of its own.
ALTER TABLE broadcasts ADD COLUMN follow_up TEXT CHECK (follow_up IS NULL OR follow_up IN ('resend', 'escalation'));
-- Follow-ups so far were re-sends with the alert's own text, or escalations ("Эскалация: …").
UPDATE broadcasts SET follow_up = CASE
    WHEN text = (SELECT p.text FROM broadcasts p WHERE p.id = broadcasts.parent_id) THEN 'resend' ELSE 'escalation' END
  WHERE parent_id IS NOT NULL;

-- An answer that picks no option is the question's free-text answer: option 0 ("other").
-- `recipient`: whether the phone was sent the question (silent = recipients without an answer);
-- an order or poll code quoted from another phone is kept too, but leaves nobody less silent.
ALTER TABLE answers ADD COLUMN recipient INTEGER NOT NULL DEFAULT 1;
UPDATE answers SET recipient = EXISTS (
  SELECT 1 FROM messages m WHERE m.broadcast_id = answers.broadcast_id AND m.phone = answers.phone AND m.direction = 'out');
CREATE INDEX answers_message ON answers(message_id) WHERE message_id IS NOT NULL;

-- Per question and option: answers, and answers from its recipients. Kept by the triggers below, so
-- a reply's tally change is a few rows however many people the question went to.
CREATE TABLE answer_counts (
  question_id INTEGER NOT NULL,
  option      INTEGER NOT NULL,
  n           INTEGER NOT NULL,
  recipients  INTEGER NOT NULL,
  PRIMARY KEY (question_id, option)
) WITHOUT ROWID;

CREATE TRIGGER answer_counts_insert AFTER INSERT ON answers BEGIN
  INSERT INTO answer_counts (question_id, option, n, recipients) VALUES (new.broadcast_id, new.option, 1, new.recipient)
  ON CONFLICT DO UPDATE SET n = n + 1, recipients = recipients + excluded.recipients;
END;

CREATE TRIGGER answer_counts_update AFTER UPDATE OF option, recipient, broadcast_id ON answers
WHEN old.option != new.option OR old.recipient != new.recipient OR old.broadcast_id != new.broadcast_id BEGIN
  UPDATE answer_counts SET n = n - 1, recipients = recipients - old.recipient WHERE question_id = old.broadcast_id AND option = old.option;
  INSERT INTO answer_counts (question_id, option, n, recipients) VALUES (new.broadcast_id, new.option, 1, new.recipient)
  ON CONFLICT DO UPDATE SET n = n + 1, recipients = recipients + excluded.recipients;
END;

CREATE TRIGGER answer_counts_delete AFTER DELETE ON answers BEGIN
  UPDATE answer_counts SET n = n - 1, recipients = recipients - old.recipient WHERE question_id = old.broadcast_id AND option = old.option;
END;

INSERT INTO answer_counts (question_id, option, n, recipients)
SELECT broadcast_id, option, count(*), sum(recipient) FROM answers GROUP BY 1, 2;

-- Each escalation step as it ran: what it did, whom it reached, and whom the author's rights (checked
-- when the step sent) left out, with the reasons as catalog messages, told in each desk's language.
CREATE TABLE escalation_steps (
  root_id      INTEGER NOT NULL REFERENCES broadcasts(id) ON DELETE CASCADE,
  step         INTEGER NOT NULL,
  action       TEXT    NOT NULL CHECK (action IN ('resent', 'escalated', 'called', 'exhausted', 'refused', 'taken')),
  group_id     INTEGER,
  broadcast_id INTEGER REFERENCES broadcasts(id) ON DELETE SET NULL,
  reached      INTEGER NOT NULL DEFAULT 0,
  refused      TEXT    NOT NULL DEFAULT '[]',
  at           INTEGER NOT NULL,
  PRIMARY KEY (root_id, step, action)
) WITHOUT ROWID;
