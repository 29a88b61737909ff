package dev.switchboard.server.config;

/**
 * BrokerKind is where channel streams live ({@code switchboard.broker}): {@code memory} on one
 * node, {@code redis} for several nodes of one deployment sharing {@code switchboard.redis.url}.
 * The brokers select themselves on the property; this type makes a misspelt value fail start-up by
 * name instead of leaving the server without a broker.
 */
public enum BrokerKind {
  /** The in-memory broker: one node. */
  MEMORY,
  /** The Redis broker: several nodes. */
  REDIS;

  /**
   * The kind a {@code switchboard.broker} value names, which must be {@code memory} or {@code
   * redis}.
   */
  public static BrokerKind of(String setting) {
    for (BrokerKind kind : values()) {
      if (kind.setting().equals(setting)) {
        return kind;
      }
    }
    throw new IllegalArgumentException(
        "switchboard.broker (SWITCHBOARD_BROKER) is \""
            + setting
            + "\"; set it to memory (one node) or redis (several nodes sharing"
            + " switchboard.redis.url)");
  }

  /** The value of {@code switchboard.broker} that selects this kind. */
  public String setting() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
