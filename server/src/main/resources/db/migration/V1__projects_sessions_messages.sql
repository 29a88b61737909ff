-- Projects, agent sessions and their messages. One script for H2 and PostgreSQL: only types and
-- syntax both accept (H2 runs in PostgreSQL mode with lower-case identifiers, see DefaultDatabase).
-- Ids are random url-safe strings that fit the channel id grammar [A-Za-z0-9_-]{1,64}.

CREATE TABLE projects (
    id         VARCHAR(64)              NOT NULL PRIMARY KEY,
    name       VARCHAR(100)             NOT NULL,
    path       VARCHAR(4096)            NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE sessions (
    id         VARCHAR(64)              NOT NULL PRIMARY KEY,
    project_id VARCHAR(64)              NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    title      VARCHAR(200)             NOT NULL,
    status     VARCHAR(32)              NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX sessions_project_id ON sessions (project_id);

CREATE TABLE messages (
    id                VARCHAR(64)              NOT NULL PRIMARY KEY,
    session_id        VARCHAR(64)              NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    role              VARCHAR(16)              NOT NULL,
    content           TEXT                     NOT NULL,
    status            VARCHAR(32)              NOT NULL,
    client_message_id VARCHAR(128),
    reply_to          VARCHAR(64),
    exit_code         INTEGER,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    completed_at      TIMESTAMP WITH TIME ZONE
);

CREATE INDEX messages_session_id ON messages (session_id, created_at);
