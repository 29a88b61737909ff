package dev.switchboard.server.shell;

import static dev.switchboard.server.shell.ShellFixture.awaitOutput;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.server.config.DataDirectory;
import dev.switchboard.server.sandbox.Bubblewrap;
import dev.switchboard.server.sandbox.Sandbox;
import dev.switchboard.server.testing.TestSocket;
import io.micronaut.context.annotation.Property;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A shell in the sandbox: a terminal as before (job control included, {@link ShellSocketIT} covers
 * the rest), with its own PID namespace, without the server's settings and data.
 */
@MicronautTest(transactional = false)
@Property(name = "switchboard.token", value = ShellSandboxIT.ADMIN_TOKEN)
@Property(name = "switchboard.shell.command", value = ShellFixture.PLAIN_BASH)
@Property(name = "switchboard.shell.kill-after", value = "1s")
class ShellSandboxIT {

  static final String ADMIN_TOKEN = "sb_shell-sandbox-it-admin-token";

  @Inject EmbeddedServer server;
  @Inject JsonMapper mapper;
  @Inject ShellRegistry registry;
  @Inject Sandbox sandbox;
  @Inject DataDirectory dataDirectory;

  @TempDir Path directory;
  ShellFixture fixture;
  String projectId;

  @BeforeEach
  void project() {
    Bubblewrap.assumeInstalled();
    assertTrue(sandbox.enforced());
    fixture = new ShellFixture(server.getPort(), mapper);
    projectId = fixture.createProject(directory, ADMIN_TOKEN);
  }

  @AfterEach
  void endShells() {
    registry.shells().forEach(shell -> shell.terminate("test over"));
  }

  @Test
  void runsInItsOwnPidNamespaceWithoutTheServersSettingsOrData() throws Exception {
    String id = fixture.createShell(projectId, ADMIN_TOKEN).get("id").getStringValue();
    try (TestSocket socket = fixture.attach(id, ADMIN_TOKEN)) {
      fixture.type(socket, id, "echo $((6*7))");
      awaitOutput(socket, "42\r\n");
      fixture.type(
          socket,
          id,
          // Quotes split the markers, so the terminal's echo of this line never matches them.
          "echo R\"ESULT\" pid=$$ settings=$(env | grep -c SWITCHBOARD_) data=$(ls -A "
              + dataDirectory.path()
              + " | wc -l) procs=$(ls /proc | grep -c '^[0-9]') D\"ONE\"");
      String output = awaitOutput(socket, "DONE");
      assertTrue(
          output.matches("(?s).*RESULT pid=[1-3] settings=0 data=0 procs=[1-5] DONE.*"), output);
    }
  }

  @Test
  void keepsJobControlOnItsOwnTerminal() throws Exception {
    String id = fixture.createShell(projectId, ADMIN_TOKEN).get("id").getStringValue();
    try (TestSocket socket = fixture.attach(id, ADMIN_TOKEN)) {
      fixture.type(socket, id, "sleep 6401 & jobs; echo monitor=$(set -o | grep -c 'monitor.*on')");
      awaitOutput(socket, "monitor=1\r\n");
      fixture.type(socket, id, "kill %1; wait; echo job-\"ended\"");
      awaitOutput(socket, "job-ended");
    }
  }
}
