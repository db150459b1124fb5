-- When the network surely has our acknowledgement of an incoming SMS (SMPP: a later request of
-- ours on the same link was answered, so the deliver_sm_resp before it arrived, and in time). An
-- SMS with the same content key after that is another SMS saying the same, not a redelivery.
ALTER TABLE messages ADD COLUMN acked_at INTEGER;
