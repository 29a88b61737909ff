package dev.switchboard.contract.project;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;

/**
 * ProjectEventType names every ProjectEvent on the wire; its {@code wireName} is the frame's {@code
 * type}.
 */
@Serdeable
public enum ProjectEventType {
  /** Published by the server after a session is created in the project. */
  @JsonProperty(Names.SESSION_CREATED)
  SESSION_CREATED(Names.SESSION_CREATED),
  /**
   * Published by the server after a session of the project changes (title, status, message count).
   */
  @JsonProperty(Names.SESSION_UPDATED)
  SESSION_UPDATED(Names.SESSION_UPDATED),
  /** Published by the server after a session of the project is deleted. */
  @JsonProperty(Names.SESSION_DELETED)
  SESSION_DELETED(Names.SESSION_DELETED);

  private final String wireName;

  ProjectEventType(String wireName) {
    this.wireName = wireName;
  }

  /** The {@code type} string of this event on the wire. */
  public String wireName() {
    return wireName;
  }

  /** Names holds the wire names as compile-time constants for annotations. */
  public static final class Names {
    public static final String SESSION_CREATED = "session_created";
    public static final String SESSION_UPDATED = "session_updated";
    public static final String SESSION_DELETED = "session_deleted";

    private Names() {}
  }
}
