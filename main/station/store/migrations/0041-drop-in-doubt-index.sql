-- The index 0040 made on in-doubt messages is never read (in-doubt rows are found through the
-- `sending` index, counted in memory) and costs every outgoing update that sets carrier_id.
DROP INDEX IF EXISTS messages_in_doubt;
