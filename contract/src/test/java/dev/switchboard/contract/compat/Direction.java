package dev.switchboard.contract.compat;

/**
 * Direction says who writes a family's frames and so who must cope with a change to it: events are
 * written by the server and read by clients built from an older contract; commands are written by
 * those clients and read by the newer server.
 */
public enum Direction {
  /** Server to client: a change must not surprise an older reader. */
  EVENT("server → client"),
  /** Client to server: what an older client sends must still be accepted. */
  COMMAND("client → server");

  private final String label;

  Direction(String label) {
    this.label = label;
  }

  /** The direction as the report prints it. */
  public String label() {
    return label;
  }

  /**
   * The direction of a family by the contract's naming rule ({@code …Event} or {@code …Command}).
   */
  public static Direction ofFamily(String familyName) {
    if (familyName.endsWith("Event")) {
      return EVENT;
    }
    if (familyName.endsWith("Command")) {
      return COMMAND;
    }
    throw new IllegalArgumentException(
        "family " + familyName + " must be named …Event or …Command to have a direction");
  }

  /** The name used in the schema document. */
  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
