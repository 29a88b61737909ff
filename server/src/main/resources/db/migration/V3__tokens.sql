-- Scoped tokens (the admin token lives in the data dir or SWITCHBOARD_TOKEN, never here).
-- Only the SHA-256 of a token is stored. project_ids is the token's scope as a comma-separated
-- list: project ids are [A-Za-z0-9_-]{1,64}, so a comma never occurs in one, and a token may name
-- projects that do not exist yet, so there is no foreign key to projects.

CREATE TABLE tokens (
    id          VARCHAR(16)              NOT NULL PRIMARY KEY,
    name        VARCHAR(100)             NOT NULL,
    project_ids TEXT                     NOT NULL,
    shell       BOOLEAN                  NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    sha256      VARCHAR(64)              NOT NULL
);
