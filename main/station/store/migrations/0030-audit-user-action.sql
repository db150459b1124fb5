-- The admin screen shows each user's last login, read from the audit log; the log grows with
-- every send, so it gets an index that finds a user's latest action of a kind in one seek.
CREATE INDEX audit_user_action ON audit(user_id, action, at);
