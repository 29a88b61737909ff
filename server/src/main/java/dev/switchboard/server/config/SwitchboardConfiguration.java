package dev.switchboard.server.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.nio.file.Path;

/**
 * SwitchboardConfiguration holds the {@code switchboard.*} properties.
 *
 * <p>{@code switchboard.data-dir} is where the server keeps its state (database, admin token,
 * native libraries); it defaults to {@code $SWITCHBOARD_DATA_DIR}, else {@code ~/.switchboard}.
 * {@code switchboard.token} ({@code SWITCHBOARD_TOKEN}) is the admin token, when not generated into
 * the data directory (see {@code auth.AdminToken}); {@code switchboard.broker} selects the {@link
 * BrokerKind}.
 */
@ConfigurationProperties("switchboard")
public record SwitchboardConfiguration(
    Path dataDir, @Nullable String token, @Bindable(defaultValue = "memory") String broker) {

  /** Rejects a missing data directory or an unknown broker, naming the property to set. */
  public SwitchboardConfiguration {
    // Bound as text and checked here: Micronaut binds a value that is no BrokerKind as the
    // default, and the brokers select themselves on the exact text.
    BrokerKind.of(broker);
    if (dataDir == null || dataDir.toString().isBlank()) {
      throw new IllegalArgumentException(
          "switchboard.data-dir is not set: set SWITCHBOARD_DATA_DIR or switchboard.data-dir"
              + " to a writable directory");
    }
  }

  /** A configuration with only a data directory: no configured token, the in-memory broker. */
  public static SwitchboardConfiguration of(Path dataDir) {
    return new SwitchboardConfiguration(dataDir, null, "memory");
  }

  /** The broker {@code switchboard.broker} selects. */
  public BrokerKind brokerKind() {
    return BrokerKind.of(broker);
  }

  /** Never prints the admin token. */
  @Override
  public String toString() {
    return "SwitchboardConfiguration[dataDir="
        + dataDir
        + ", token="
        + (token == null || token.isBlank() ? "(not set)" : "(set)")
        + ", broker="
        + broker
        + "]";
  }
}
