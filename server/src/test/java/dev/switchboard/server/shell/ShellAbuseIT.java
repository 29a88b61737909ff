package dev.switchboard.server.shell;

import static dev.switchboard.server.shell.ShellFixture.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.contract.error.CloseCode;
import dev.switchboard.server.testing.TestSocket;
import io.micronaut.context.annotation.Property;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A shell socket that keeps sending malformed frames is answered with an error for each, then
 * closed with 4501 past {@code switchboard.ws.max-protocol-errors-per-minute}, as on {@code /ws}.
 */
@MicronautTest(transactional = false)
@Property(name = "switchboard.token", value = ShellAbuseIT.ADMIN_TOKEN)
@Property(name = "switchboard.shell.command", value = ShellFixture.PLAIN_BASH)
@Property(name = "switchboard.ws.max-protocol-errors-per-minute", value = "3")
class ShellAbuseIT {

  static final String ADMIN_TOKEN = "sb_shell-abuse-it-admin-token";

  @Inject EmbeddedServer server;
  @Inject JsonMapper mapper;
  @Inject ShellRegistry registry;

  @TempDir Path directory;

  @AfterEach
  void endShells() {
    registry.shells().forEach(shell -> shell.terminate("test over"));
  }

  @Test
  void closesASocketThatKeepsSendingMalformedFrames() throws Exception {
    ShellFixture fixture = new ShellFixture(server.getPort(), mapper);
    String projectId = fixture.createProject(directory, ADMIN_TOKEN);
    String id = fixture.createShell(projectId, ADMIN_TOKEN).get("id").getStringValue();
    try (TestSocket socket = fixture.attach(id, ADMIN_TOKEN)) {
      // Three in a minute are answered, the socket stays usable...
      for (int i = 0; i < 3; i++) {
        socket.send(frame(id, "bogus", "{}"));
        assertEquals(
            "unknown_type", socket.awaitType("error").get("data").get("code").getStringValue());
      }
      // ...the fourth closes it.
      socket.send("not json");
      assertEquals(
          CloseCode.TOO_MANY_PROTOCOL_ERRORS.code(), socket.closed().get(10, TimeUnit.SECONDS));
    }
  }
}
