package dev.switchboard.server.shell;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stopping the server ends every shell and the processes it started (issue 6). */
class ShellShutdownIT {

  static final String ADMIN_TOKEN = "sb_shell-shutdown-it-admin-token";

  @TempDir Path directory;

  @Test
  void stoppingTheServerEndsEveryShell() {
    Set<ProcessHandle> processes;
    try (EmbeddedServer server =
        ApplicationContext.run(
            EmbeddedServer.class,
            Map.of(
                "switchboard.token",
                ADMIN_TOKEN,
                "switchboard.shell.kill-after",
                "1s",
                "switchboard.shell.command",
                List.of("/bin/bash", "--noprofile", "--norc")))) {
      ShellFixture fixture =
          new ShellFixture(
              server.getPort(), server.getApplicationContext().getBean(JsonMapper.class));
      String projectId = fixture.createProject(directory, ADMIN_TOKEN);
      String id = fixture.createShell(projectId, ADMIN_TOKEN).get("id").getStringValue();
      Shell shell =
          server.getApplicationContext().getBean(ShellRegistry.class).find(id).orElseThrow();
      processes = ProcessTree.members(shell.pid());
      assertTrue(!processes.isEmpty(), "the shell is not running");
    }
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> processes.stream().noneMatch(ProcessHandle::isAlive));
  }
}
