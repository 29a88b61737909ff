package dev.switchboard.server.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.nio.file.Path;

/**
 * SwitchboardConfiguration holds the {@code switchboard.*} properties.
 *
 * <p>{@code switchboard.data-dir} is where the server keeps its state (database, admin token,
 * native libraries); it defaults to {@code $SWITCHBOARD_DATA_DIR}, else {@code ~/.switchboard}.
 */
@ConfigurationProperties("switchboard")
public record SwitchboardConfiguration(Path dataDir) {

  /** Rejects a missing data directory with the property to set. */
  public SwitchboardConfiguration {
    if (dataDir == null || dataDir.toString().isBlank()) {
      throw new IllegalArgumentException(
          "switchboard.data-dir is not set: set SWITCHBOARD_DATA_DIR or switchboard.data-dir"
              + " to a writable directory");
    }
  }
}
