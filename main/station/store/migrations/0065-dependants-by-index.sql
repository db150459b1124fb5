-- Deleting a contact (an import undone, the directory's DELETE) sets its answers' contact_id to NULL,
-- and deleting a broadcast sets the escalation steps that sent it to NULL. Without an index each such
-- delete read the whole of a table that grows with traffic: undoing an import of 2,000 people on a
-- store with half a million answers read them 2,000 times, in one transaction. (Every insert into
-- broadcasts also carried a scan of escalation_steps, skipped at run time while no foreign key is
-- broken, but planned.) Partial: `x = ?` implies `x IS NOT NULL`, so the lookups use them.
CREATE INDEX answers_contact ON answers(contact_id) WHERE contact_id IS NOT NULL;
CREATE INDEX escalation_steps_broadcast ON escalation_steps(broadcast_id) WHERE broadcast_id IS NOT NULL;
