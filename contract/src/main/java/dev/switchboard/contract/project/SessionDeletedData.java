package dev.switchboard.contract.project;

import io.micronaut.serde.annotation.Serdeable;
import java.util.Objects;

/** SessionDeletedData names the session that was deleted and its project. */
@Serdeable
public record SessionDeletedData(String sessionId, String projectId) {

  /** Validates that both ids are present. */
  public SessionDeletedData {
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(projectId, "projectId");
  }
}
