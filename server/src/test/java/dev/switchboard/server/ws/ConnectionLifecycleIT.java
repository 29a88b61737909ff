package dev.switchboard.server.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.switchboard.server.testing.Frames;
import dev.switchboard.server.testing.TestSocket;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.file.Files;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Connections that go silent are closed with the idle code, and a stopping server tells its clients
 * to reconnect elsewhere or later with the draining code.
 */
class ConnectionLifecycleIT {

  static final String TOKEN = "sb_connection-lifecycle-it";

  static EmbeddedServer start() throws Exception {
    return ApplicationContext.run(
        EmbeddedServer.class,
        Map.of(
            "micronaut.server.port",
            -1,
            "switchboard.token",
            TOKEN,
            "switchboard.data-dir",
            Files.createTempDirectory("switchboard-lifecycle").toString(),
            "switchboard.ws.idle-timeout",
            "1s",
            "switchboard.ws.idle-check-interval",
            "200ms"));
  }

  @Test
  void closesASilentConnectionButKeepsAPingingOne() throws Exception {
    try (EmbeddedServer server = start()) {
      JsonMapper mapper = server.getApplicationContext().getBean(JsonMapper.class);
      try (TestSocket silent = TestSocket.connect(server.getPort(), TOKEN, mapper);
          TestSocket pinging = TestSocket.connect(server.getPort(), TOKEN, mapper)) {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(2500);
        while (System.nanoTime() < end) {
          pinging.send(Frames.ping("keepalive"));
          Thread.sleep(300);
        }
        assertEquals(4002, silent.closed().get(5, TimeUnit.SECONDS));
        assertFalse(pinging.closed().isDone(), "a client that pings is never idle");
      }
    }
  }

  @Test
  void tellsClientsToReconnectWhenTheServerStops() throws Exception {
    EmbeddedServer server = start();
    JsonMapper mapper = server.getApplicationContext().getBean(JsonMapper.class);
    try (TestSocket socket = TestSocket.connect(server.getPort(), TOKEN, mapper)) {
      socket.awaitType("connected");
      server.getApplicationContext().close();
      assertEquals(4001, socket.closed().get(10, TimeUnit.SECONDS));
    }
  }
}
