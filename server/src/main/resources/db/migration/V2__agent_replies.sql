-- What the agent runner records about each reply besides its text (messages.content), its status,
-- exit code and completion time (V1). One script for H2 (PostgreSQL mode) and PostgreSQL.
--   duration_ms       how long the agent command ran, set when the reply ends
--   chunk_count       stream_output chunks sent so far (the final count once the reply ends)
--   output_truncated  whether output past switchboard.agent.max-stored-chars was streamed but
--                     not stored

ALTER TABLE messages ADD COLUMN duration_ms BIGINT;
ALTER TABLE messages ADD COLUMN chunk_count BIGINT NOT NULL DEFAULT 0;
ALTER TABLE messages ADD COLUMN output_truncated BOOLEAN NOT NULL DEFAULT FALSE;
