package dev.switchboard.contract.shell;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;

/**
 * ShellCommandType names every ShellCommand on the wire; its {@code wireName} is the frame's {@code
 * type}.
 */
@Serdeable
public enum ShellCommandType {
  /**
   * Sent by the client first on a shell socket, with the terminal's size; the server answers {@code
   * init}.
   */
  @JsonProperty(Names.INIT)
  INIT(Names.INIT),
  /** Sent by the client with keystrokes or pasted text for the PTY. */
  @JsonProperty(Names.INPUT)
  INPUT(Names.INPUT),
  /** Sent by the client when the terminal's size changes. */
  @JsonProperty(Names.RESIZE)
  RESIZE(Names.RESIZE);

  private final String wireName;

  ShellCommandType(String wireName) {
    this.wireName = wireName;
  }

  /** The {@code type} string of this command on the wire. */
  public String wireName() {
    return wireName;
  }

  /** Names holds the wire names as compile-time constants for annotations. */
  public static final class Names {
    public static final String INIT = "init";
    public static final String INPUT = "input";
    public static final String RESIZE = "resize";

    private Names() {}
  }
}
