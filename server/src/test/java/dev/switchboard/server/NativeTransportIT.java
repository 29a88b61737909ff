package dev.switchboard.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.netty.channel.epoll.Epoll;
import jakarta.inject.Inject;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The server uses Linux's epoll where the jar carries Netty's library for the machine, else NIO.
 */
@MicronautTest(transactional = false)
class NativeTransportIT {

  @Inject StartupLogger startupLogger;

  @Test
  void usesEpollOnLinuxForTheArchitecturesTheJarCarries() {
    String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch");
    boolean carried = os.contains("linux") && (arch.equals("amd64") || arch.equals("aarch64"));
    if (carried) {
      assertTrue(
          Epoll.isAvailable(),
          () -> "Netty's epoll library did not load: " + Epoll.unavailabilityCause());
      assertEquals("epoll", startupLogger.transport());
    } else {
      assertEquals("nio", startupLogger.transport());
    }
  }
}
