-- The siblings of 0065, after 0100 made the calls and the duty log: deleting a contact (thousands
-- at once when an import is undone) set calls.contact_id, duty_log.replaces_id and m2m_list_members
-- to NULL or away by reading each of those tables whole, and deleting a group read duty_log whole.
-- Calls and the duty log grow with every alert. Partial indexes, as in 0065: `x = ?` implies `x IS NOT NULL`.
CREATE INDEX calls_contact ON calls(contact_id) WHERE contact_id IS NOT NULL;
CREATE INDEX duty_log_replaces ON duty_log(replaces_id) WHERE replaces_id IS NOT NULL;
CREATE INDEX duty_log_group ON duty_log(group_id) WHERE group_id IS NOT NULL;
CREATE INDEX m2m_list_members_contact ON m2m_list_members(contact_id);
