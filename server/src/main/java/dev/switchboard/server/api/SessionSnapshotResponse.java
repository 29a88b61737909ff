package dev.switchboard.server.api;

import dev.switchboard.contract.StreamPosition;
import dev.switchboard.contract.project.SessionSummary;
import dev.switchboard.contract.session.SessionMessage;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * SessionSnapshotResponse is the body of {@code GET /api/sessions/{sessionId}}: the session, its
 * messages, and the position of {@code session:<id>} read before them, so that subscribing with
 * {@code since: position} replays every change the snapshot may have missed.
 */
@Serdeable
public record SessionSnapshotResponse(
    SessionSummary session, List<SessionMessage> messages, StreamPosition position) {}
