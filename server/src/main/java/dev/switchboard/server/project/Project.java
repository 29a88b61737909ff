package dev.switchboard.server.project;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.Objects;

/**
 * Project is a named directory on the server where agent sessions run; it is both the row of the
 * {@code projects} table and the JSON of the REST API, {@code {id, name, path, createdAt}}.
 */
@Serdeable
@MappedEntity("projects")
public record Project(@Id String id, String name, String path, Instant createdAt) {

  /** Validates that every component is present. */
  public Project {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(createdAt, "createdAt");
  }
}
