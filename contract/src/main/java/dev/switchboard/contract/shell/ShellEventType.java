package dev.switchboard.contract.shell;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;

/**
 * ShellEventType names every ShellEvent on the wire; its {@code wireName} is the frame's {@code
 * type}.
 */
@Serdeable
public enum ShellEventType {
  /**
   * Sent by the server once the shell's PTY is attached to this socket, with its actual size and
   * working directory.
   */
  @JsonProperty(Names.INIT)
  INIT(Names.INIT),
  /** Sent by the server with bytes the PTY produced, decoded as UTF-8. */
  @JsonProperty(Names.OUTPUT)
  OUTPUT(Names.OUTPUT),
  /** Sent by the server when the shell process ends; the socket closes after it. */
  @JsonProperty(Names.EXIT)
  EXIT(Names.EXIT),
  /** Sent by the server when a shell command fails (bad size, shell gone). */
  @JsonProperty(Names.ERROR)
  ERROR(Names.ERROR);

  private final String wireName;

  ShellEventType(String wireName) {
    this.wireName = wireName;
  }

  /** The {@code type} string of this event on the wire. */
  public String wireName() {
    return wireName;
  }

  /** Names holds the wire names as compile-time constants for annotations. */
  public static final class Names {
    public static final String INIT = "init";
    public static final String OUTPUT = "output";
    public static final String EXIT = "exit";
    public static final String ERROR = "error";

    private Names() {}
  }
}
