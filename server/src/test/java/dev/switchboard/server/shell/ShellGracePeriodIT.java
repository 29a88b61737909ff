package dev.switchboard.server.shell;

import static dev.switchboard.server.shell.ShellFixture.awaitOutput;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.server.testing.TestSocket;
import io.micronaut.context.annotation.Property;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A shell whose socket dropped ends after the grace period, with every process it started:
 * background jobs get SIGHUP, and one that ignores it gets SIGKILL (issue 6).
 */
@MicronautTest(transactional = false)
@Property(name = "switchboard.token", value = ShellGracePeriodIT.ADMIN_TOKEN)
// The machine's login profile is not the test's business (and may be slow): a plain bash.
@Property(name = "switchboard.shell.command", value = ShellFixture.PLAIN_BASH)
@Property(name = "switchboard.shell.grace-period", value = "3s")
@Property(name = "switchboard.shell.kill-after", value = "1s")
class ShellGracePeriodIT {

  static final String ADMIN_TOKEN = "sb_shell-grace-period-it-admin";

  @Inject EmbeddedServer server;
  @Inject JsonMapper mapper;
  @Inject ShellRegistry registry;

  @TempDir Path directory;

  @Test
  void leavesNoProcessBehindAfterTheGracePeriod() throws Exception {
    ShellFixture fixture = new ShellFixture(server.getPort(), mapper);
    String projectId = fixture.createProject(directory, ADMIN_TOKEN);
    String id = fixture.createShell(projectId, ADMIN_TOKEN).get("id").getStringValue();
    Shell shell = registry.find(id).orElseThrow();
    Set<ProcessHandle> processes;
    try (TestSocket socket = fixture.attach(id, ADMIN_TOKEN)) {
      fixture.type(socket, id, "sleep 300 & nohup sleep 301 >/dev/null 2>&1 & sleep 302 | cat &");
      fixture.type(socket, id, "echo started-$((2*3))");
      awaitOutput(socket, "started-6\r\n");
      processes = ProcessTree.members(shell.pid());
      assertTrue(processes.size() >= 5, "expected the shell and 4 jobs, found " + processes);
      socket.abort();
    }
    Awaitility.await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> processes.stream().noneMatch(ProcessHandle::isAlive));
    Awaitility.await().until(() -> registry.find(id).isEmpty());
    assertTrue(ProcessTree.members(shell.pid()).isEmpty());
  }
}
