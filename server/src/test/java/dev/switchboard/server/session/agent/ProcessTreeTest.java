package dev.switchboard.server.session.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.server.sandbox.ProcessSessions;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** ProcessTree stops a shell and every process it started, by SIGTERM and then SIGKILL. */
class ProcessTreeTest {

  private Process shell;

  @AfterEach
  void cleanUp() {
    if (shell != null) {
      ProcessTree.of(shell.toHandle()).kill();
    }
  }

  @Test
  void stopsTheProcessAndEveryDescendantWithSigterm() throws Exception {
    shell = start("sleep 60 & sleep 60 & (sleep 60 & wait) & wait");
    List<ProcessHandle> tree = awaitDescendants(shell, 4);

    long started = System.nanoTime();
    assertTrue(ProcessTree.of(shell.toHandle()).stop(Duration.ofSeconds(5)));
    long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

    assertTrue(tookMs < 5_000, "SIGTERM should have been enough, took " + tookMs + " ms");
    assertFalse(ProcessSessions.isRunning(shell.toHandle()));
    for (ProcessHandle process : tree) {
      assertFalse(ProcessSessions.isRunning(process), "still running: " + process.pid());
    }
  }

  @Test
  void killsProcessesThatIgnoreSigtermAfterTheGracePeriod() throws Exception {
    // An ignored signal stays ignored across fork and exec, so the sleeps ignore SIGTERM too.
    shell = start("trap '' TERM; sleep 60 & sleep 60 & wait");
    List<ProcessHandle> tree = awaitDescendants(shell, 2);

    ProcessTree stopping = ProcessTree.of(shell.toHandle()).terminate();
    assertFalse(stopping.awaitExit(Duration.ofMillis(300)), "SIGTERM is ignored");
    assertTrue(stopping.anyAlive());
    stopping.kill();

    assertTrue(stopping.awaitExit(Duration.ofSeconds(2)));
    for (ProcessHandle process : tree) {
      assertFalse(ProcessSessions.isRunning(process), "still running: " + process.pid());
    }
    assertEquals(tree.size() + 1, stopping.pids().size());
  }

  private static Process start(String script) throws IOException {
    return new ProcessBuilder("sh", "-c", script).redirectErrorStream(true).start();
  }

  private static List<ProcessHandle> awaitDescendants(Process process, int count)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      List<ProcessHandle> descendants = process.descendants().toList();
      if (descendants.size() >= count) {
        return descendants;
      }
      Thread.sleep(10);
    }
    throw new AssertionError("the shell did not start " + count + " processes");
  }
}
