package dev.switchboard.contract.compat;

/**
 * Level is how far a contract change reaches, and so which version bump it needs. Ordered from the
 * least to the most disruptive.
 */
public enum Level {
  /** Old readers and writers keep working: no bump needed (the schema hash still changes). */
  COMPATIBLE("compatible", "no bump"),
  /**
   * Breaks exhaustive clients only (a new event type, a new enum value in an event): a minor bump,
   * so a client can tell it is older than the server and show it.
   */
  MINOR("breaking for exhaustive clients", "a minor version bump"),
  /** Breaks clients built from the older contract: a major bump, which makes them reload. */
  MAJOR("breaking", "a major version bump");

  private final String label;
  private final String needs;

  Level(String label, String needs) {
    this.label = label;
    this.needs = needs;
  }

  /** The class of change as the report prints it. */
  public String label() {
    return label;
  }

  /** What a change of this level needs, as the report prints it. */
  public String needs() {
    return needs;
  }
}
