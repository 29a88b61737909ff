package dev.switchboard.server.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.server.config.DataDirectory;
import dev.switchboard.server.config.SwitchboardConfiguration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessLedgerTest {

  @TempDir Path dataDir;

  private Process leftover;

  @AfterEach
  void cleanUp() {
    if (leftover != null) {
      members(leftover.toHandle()).forEach(ProcessHandle::destroyForcibly);
    }
  }

  @Test
  void theNextStartStopsARecordedSessionWithItsBackgroundJobs() throws Exception {
    // A session leader whose background job would be reparented to init when it dies.
    leftover = new ProcessBuilder("setsid", "sh", "-c", "sleep 6301 & sleep 6302 & wait").start();
    List<ProcessHandle> members = awaitMembers(leftover.toHandle(), 3);
    new ProcessLedger(dataDirectory()).record(leftover.pid(), "reply", "r-1");

    ProcessLedger restarted = new ProcessLedger(dataDirectory());

    for (ProcessHandle member : members) {
      assertTrue(member.onExit().get(5, TimeUnit.SECONDS) != null);
      assertFalse(ProcessSessions.isRunning(member), "still running: " + member.pid());
    }
    assertEquals(0, restarted.stopLeftovers(), "the records are gone once handled");
    assertTrue(isEmpty(dataDir.resolve(ProcessLedger.DIRECTORY)));
  }

  @Test
  void stopsWhatIsLeftInTheSessionOfALeaderThatAlreadyExited() throws Exception {
    // The leader records itself, starts a background job and exits: only the job is left.
    leftover = new ProcessBuilder("setsid", "sh", "-c", "sleep 6305 & exit 0").start();
    long leader = leftover.pid();
    new ProcessLedger(dataDirectory()).record(leader, "shell", "s-1");
    leftover.waitFor();
    List<ProcessHandle> job =
        dev.switchboard.server.testing.HostProcesses.await("sleep", "6305", 1);
    assertEquals(leader, ProcessSessions.sessionOf(job.get(0).pid()));

    new ProcessLedger(dataDirectory());

    assertTrue(job.get(0).onExit().get(5, TimeUnit.SECONDS) != null);
    assertFalse(ProcessSessions.isRunning(job.get(0)));
  }

  @Test
  void neverSignalsAProcessThatMerelyReusedARecordedPid() throws Exception {
    leftover = new ProcessBuilder("sleep", "6303").start();
    Path records = Files.createDirectories(dataDir.resolve(ProcessLedger.DIRECTORY));
    // Same pid, another start time: the recorded process is gone and the pid was reused.
    Files.writeString(
        records.resolve(Long.toString(leftover.pid())), leftover.pid() + " 1 reply r");

    new ProcessLedger(dataDirectory());

    assertTrue(leftover.isAlive());
    assertTrue(isEmpty(records));
  }

  @Test
  void forgetsAProcessThatEnded() throws Exception {
    ProcessLedger ledger = new ProcessLedger(dataDirectory());
    Process ended = new ProcessBuilder("true").start();
    ledger.record(ended.pid(), "shell", "s-1");
    assertFalse(isEmpty(dataDir.resolve(ProcessLedger.DIRECTORY)));

    ledger.forget(ended.pid());

    assertTrue(isEmpty(dataDir.resolve(ProcessLedger.DIRECTORY)));
  }

  /** The process, its descendants and every process in its session (it leads one). */
  private static Set<ProcessHandle> members(ProcessHandle leader) {
    Set<ProcessHandle> members = new LinkedHashSet<>();
    members.add(leader);
    leader.descendants().forEach(members::add);
    try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
      all.filter(process -> ProcessSessions.sessionOf(process.pid()) == leader.pid())
          .forEach(members::add);
    }
    return members;
  }

  private DataDirectory dataDirectory() {
    return new DataDirectory(SwitchboardConfiguration.of(dataDir));
  }

  private static List<ProcessHandle> awaitMembers(ProcessHandle leader, int count)
      throws InterruptedException {
    for (int i = 0; i < 500; i++) {
      List<ProcessHandle> members = List.copyOf(members(leader));
      if (members.size() >= count) {
        return members;
      }
      Thread.sleep(10);
    }
    throw new AssertionError("the session did not start " + count + " processes");
  }

  private static boolean isEmpty(Path directory) throws Exception {
    try (var entries = Files.list(directory)) {
      return entries.findAny().isEmpty();
    }
  }
}
