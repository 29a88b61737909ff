package dev.switchboard.server;

import dev.switchboard.server.config.DataDirectory;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** StartupLogger logs one line with the URL the server listens on once it is up. */
@Singleton
public class StartupLogger {

  private static final Logger LOG = LoggerFactory.getLogger(StartupLogger.class);

  private final Path dataDir;

  StartupLogger(DataDirectory dataDirectory) {
    this.dataDir = dataDirectory.path();
  }

  @EventListener
  void onStartup(ServerStartupEvent event) {
    // Never a token here: logs get shared. Auth will print its own ready-to-open URL.
    LOG.info("Switchboard listening on {} (data dir {})", event.getSource().getURL(), dataDir);
  }
}
