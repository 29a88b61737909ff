package dev.switchboard.contract.session;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;

/**
 * SessionEventType names every SessionEvent on the wire; its {@code wireName} is the frame's {@code
 * type}.
 */
@Serdeable
public enum SessionEventType {
  /**
   * Published by the server when a message is stored: the user's message on {@code send_message},
   * then the agent's reply as it starts running.
   */
  @JsonProperty(Names.MESSAGE_CREATED)
  MESSAGE_CREATED(Names.MESSAGE_CREATED),
  /**
   * Published by the server for each coalesced chunk of the agent's output, in order; {@code seq}
   * counts chunks within the message from 0.
   */
  @JsonProperty(Names.STREAM_OUTPUT)
  STREAM_OUTPUT(Names.STREAM_OUTPUT),
  /**
   * Published by the server when the agent's reply ends (exit, failure, cancel, timeout); {@code
   * chunkCount} proves the reply is whole.
   */
  @JsonProperty(Names.MESSAGE_COMPLETE)
  MESSAGE_COMPLETE(Names.MESSAGE_COMPLETE),
  /**
   * Published by the server when a session command fails (for example {@code conflict} while a
   * message runs).
   */
  @JsonProperty(Names.ERROR)
  ERROR(Names.ERROR);

  private final String wireName;

  SessionEventType(String wireName) {
    this.wireName = wireName;
  }

  /** The {@code type} string of this event on the wire. */
  public String wireName() {
    return wireName;
  }

  /** Names holds the wire names as compile-time constants for annotations. */
  public static final class Names {
    public static final String MESSAGE_CREATED = "message_created";
    public static final String STREAM_OUTPUT = "stream_output";
    public static final String MESSAGE_COMPLETE = "message_complete";
    public static final String ERROR = "error";

    private Names() {}
  }
}
