package dev.switchboard.server.storage;

import java.nio.file.Path;
import java.util.Map;

/**
 * H2CrashDurabilityIT runs the crash contract on the default configuration: the embedded H2 file
 * database in the crashing server's data directory.
 */
class H2CrashDurabilityIT extends CrashDurabilityContract {

  @Override
  Map<String, String> database(Path dataDir) {
    return Map.of("switchboard.db.url", "");
  }
}
