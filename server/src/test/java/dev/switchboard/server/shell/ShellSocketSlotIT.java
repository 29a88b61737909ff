package dev.switchboard.server.shell;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.server.auth.Caller;
import dev.switchboard.server.testing.TestSocket;
import dev.switchboard.server.ws.guard.RawWebSocket;
import dev.switchboard.server.ws.guard.TokenConnectionLimit;
import io.micronaut.context.annotation.Property;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shell sockets take their token's socket slots like {@code /ws} connections: together they stay
 * under {@code max-connections-per-token}, the next upgrade of either kind gets 429, and a closed
 * shell socket gives its slot back.
 */
@MicronautTest(transactional = false)
@Property(name = "switchboard.token", value = ShellSocketSlotIT.ADMIN_TOKEN)
@Property(name = "switchboard.shell.command", value = ShellFixture.PLAIN_BASH)
@Property(name = "switchboard.ws.max-connections-per-token", value = "2")
class ShellSocketSlotIT {

  static final String ADMIN_TOKEN = "sb_shell-socket-slot-it-admin-token";

  @Inject EmbeddedServer server;
  @Inject JsonMapper mapper;
  @Inject ShellRegistry registry;
  @Inject TokenConnectionLimit limit;

  @TempDir Path directory;

  @AfterEach
  void endShells() {
    registry.shells().forEach(shell -> shell.terminate("test over"));
  }

  void awaitSlots(int count) {
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> limit.openCount(Caller.ADMIN_TOKEN_ID) == count);
  }

  @Test
  void shellSocketsShareTheTokensSlotsWithChannelSockets() throws Exception {
    ShellFixture fixture = new ShellFixture(server.getPort(), mapper);
    String projectId = fixture.createProject(directory, ADMIN_TOKEN);
    String shellId = fixture.createShell(projectId, ADMIN_TOKEN).get("id").getStringValue();
    Map<String, String> auth = Map.of("Authorization", "Bearer " + ADMIN_TOKEN);

    try (TestSocket channel = TestSocket.connect(server.getPort(), ADMIN_TOKEN, mapper)) {
      channel.awaitType("connected");
      TestSocket shell = fixture.attach(shellId, ADMIN_TOKEN);
      awaitSlots(2);

      // Full: neither another shell socket nor another /ws connection gets a 101.
      try (RawWebSocket refused =
          RawWebSocket.open(server.getPort(), "/ws/shell/" + shellId, auth)) {
        assertEquals(429, refused.status());
      }
      try (RawWebSocket refused = RawWebSocket.open(server.getPort(), "/ws", auth)) {
        assertEquals(429, refused.status());
      }

      // The shell socket's slot comes back when it closes, and a new one attaches.
      shell.close();
      awaitSlots(1);
      try (TestSocket again = fixture.attach(shellId, ADMIN_TOKEN)) {
        awaitSlots(2);
      }
    }
    awaitSlots(0);
  }
}
