package dev.switchboard.contract.session;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;

/**
 * SessionCommandType names every SessionCommand on the wire; its {@code wireName} is the frame's
 * {@code type}.
 */
@Serdeable
public enum SessionCommandType {
  /** Sent by the client to post a message; the server stores it and starts the agent. */
  @JsonProperty(Names.SEND_MESSAGE)
  SEND_MESSAGE(Names.SEND_MESSAGE),
  /** Sent by the client to stop the running agent reply (TERM, then KILL). */
  @JsonProperty(Names.CANCEL)
  CANCEL(Names.CANCEL);

  private final String wireName;

  SessionCommandType(String wireName) {
    this.wireName = wireName;
  }

  /** The {@code type} string of this command on the wire. */
  public String wireName() {
    return wireName;
  }

  /** Names holds the wire names as compile-time constants for annotations. */
  public static final class Names {
    public static final String SEND_MESSAGE = "send_message";
    public static final String CANCEL = "cancel";

    private Names() {}
  }
}
