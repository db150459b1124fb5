-- `#4711` is an order number, not a stream (issue 16 item 9): earlier versions made every order
-- number a permanent tag and a feed tab. Drop those nobody subscribed to or was given a right to;
-- their broadcasts keep the number (code, message text and tags for search) and lose only the tag
-- link. A tag of 3 to 12 digits an admin created and subscribed people to stays.
DELETE FROM tags
WHERE norm GLOB '[0-9][0-9][0-9]*' AND norm NOT GLOB '*[^0-9]*' AND length(norm) <= 12
  AND id NOT IN (SELECT tag_id FROM tag_subscriptions)
  AND id NOT IN (SELECT target_id FROM rights WHERE scope = 'tag' AND target_id IS NOT NULL);
