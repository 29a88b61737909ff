-- Where a running reply's stored output ends in its session's stream: the position (epoch and
-- offset of session:<id>) of the last event whose effect messages.content already includes (the
-- reply's message_created, then its last stored stream_output chunk). Written in the same
-- transaction as the content, so a node that does not run the reply can hand out a snapshot and a
-- position that match: subscribing since it replays exactly the chunks the content lacks.
-- NULL for user messages and for replies stored before this migration.

ALTER TABLE messages ADD COLUMN stream_epoch VARCHAR(128);
ALTER TABLE messages ADD COLUMN stream_offset BIGINT;
