-- Whether a message's stored content holds all the output its reply printed. FALSE only for a
-- reply that a server left running when it stopped abruptly (crash, SIGKILL): the next start marks
-- it interrupted, and output printed after its last flush (at most switchboard.agent.flush-interval
-- earlier) was never stored. Clients show that output may be missing instead of a silent gap.
-- One script for H2 (PostgreSQL mode) and PostgreSQL.

ALTER TABLE messages ADD COLUMN output_complete BOOLEAN NOT NULL DEFAULT TRUE;
