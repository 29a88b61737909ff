package dev.switchboard.server.shell;

import static dev.switchboard.server.shell.ShellFixture.awaitOutput;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.server.testing.TestSocket;
import dev.switchboard.server.ws.guard.RawWebSocket;
import io.micronaut.context.annotation.Property;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A shell socket whose client is gone without a close is pinged after {@code keepalive-interval} of
 * silence and dropped after as long again, which detaches its shell; a live client answers the
 * pings by itself and stays attached however quiet it is.
 */
@MicronautTest(transactional = false)
@Property(name = "switchboard.token", value = ShellKeepAliveIT.ADMIN_TOKEN)
@Property(name = "switchboard.shell.command", value = ShellFixture.PLAIN_BASH)
@Property(name = "switchboard.shell.keepalive-interval", value = "500ms")
class ShellKeepAliveIT {

  static final String ADMIN_TOKEN = "sb_shell-keepalive-it-admin-token";
  private static final int OP_PING = 0x9;

  @Inject EmbeddedServer server;
  @Inject JsonMapper mapper;
  @Inject ShellRegistry registry;

  @TempDir Path directory;
  ShellFixture fixture;
  String shellId;

  @BeforeEach
  void shell() {
    fixture = new ShellFixture(server.getPort(), mapper);
    String projectId = fixture.createProject(directory, ADMIN_TOKEN);
    shellId = fixture.createShell(projectId, ADMIN_TOKEN).get("id").getStringValue();
  }

  @AfterEach
  void endShells() {
    registry.shells().forEach(shell -> shell.terminate("test over"));
  }

  boolean attached() {
    return registry.find(shellId).orElseThrow().attached();
  }

  @Test
  void aClientThatNeverAnswersIsPingedThenDroppedAndItsShellDetached() throws Exception {
    try (RawWebSocket silent =
        RawWebSocket.open(
            server.getPort(),
            "/ws/shell/" + shellId,
            Map.of("Authorization", "Bearer " + ADMIN_TOKEN))) {
      assertEquals(101, silent.status());
      silent.sendText(ShellFixture.frame(shellId, "init", "{\"cols\":80,\"rows\":24}"));
      await().atMost(Duration.ofSeconds(5)).until(this::attached);

      long start = System.nanoTime();
      RawWebSocket.Frame frame = silent.read();
      while (frame.opcode() != OP_PING) {
        frame = silent.read(); // init, the prompt
      }
      // Never answered: the server gives up and drops TCP, and the shell is detached.
      assertTrue(silent.serverClosedTcp(), "the connection was not dropped");
      long tookMs = (System.nanoTime() - start) / 1_000_000;
      assertTrue(tookMs < 5_000, "dropped after " + tookMs + " ms");
      await().atMost(Duration.ofSeconds(5)).until(() -> !attached());
      assertTrue(registry.find(shellId).isPresent(), "the shell lives on for its grace period");
    }
  }

  @Test
  void aQuietClientThatAnswersPingsStaysAttached() throws Exception {
    try (TestSocket live = fixture.attach(shellId, ADMIN_TOKEN)) {
      // Ten keep-alive intervals of silence; the client's WebSocket answers each ping itself.
      Thread.sleep(5_000);
      assertTrue(attached());
      assertFalse(live.closed().isDone());
      fixture.type(live, shellId, "echo still-$((40+2))");
      awaitOutput(live, "still-42");
    }
  }
}
