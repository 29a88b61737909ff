package dev.switchboard.server.shell;

import com.pty4j.unix.PtyHelpers;
import dev.switchboard.server.sandbox.ProcessSessions;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ProcessTree finds and signals every process that belongs to a shell: the shell (a session leader,
 * so its process group and session ids are its pid), its descendants, and on Linux every process
 * still in its session (background jobs, which job control puts in groups of their own and which
 * are reparented to init once the shell is gone).
 *
 * <p>A process that left the session ({@code setsid}, daemons) is beyond reach on purpose: it chose
 * to outlive its terminal.
 */
final class ProcessTree {

  static final int SIGHUP = 1;
  static final int SIGKILL = 9;

  private static final Logger LOG = LoggerFactory.getLogger(ProcessTree.class);

  private ProcessTree() {}

  /** The live processes of the shell whose pid is {@code leader}, the leader included. */
  static Set<ProcessHandle> members(long leader) {
    Set<ProcessHandle> members = new LinkedHashSet<>();
    ProcessHandle.of(leader)
        .ifPresent(
            shell -> {
              members.add(shell);
              shell.descendants().forEach(members::add);
            });
    if (ProcessSessions.available()) {
      try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
        all.filter(process -> ProcessSessions.sessionOf(process.pid()) == leader)
            .forEach(members::add);
      }
    }
    members.removeIf(process -> !process.isAlive());
    return members;
  }

  /**
   * Sends {@code signal} to the shell's process group and to each of {@code members}; returns how
   * many processes were signalled.
   */
  static int signal(long leader, Set<ProcessHandle> members, int signal) {
    if (leader <= 1) {
      // kill(0) and kill(-1) would signal the server's own group, or every process it may.
      throw new IllegalArgumentException("Not a shell's pid: " + leader);
    }
    PtyHelpers.signal((int) -leader, signal);
    int signalled = 0;
    for (ProcessHandle member : members) {
      if (member.isAlive() && PtyHelpers.signal((int) member.pid(), signal) == 0) {
        signalled++;
      }
    }
    return signalled;
  }

  /**
   * Sends SIGHUP to every process of the shell whose pid is {@code leader} now, and SIGKILL to
   * those still alive {@code killAfter} later (members found now or then).
   */
  static void hangUpThenKill(
      long leader, Duration killAfter, ScheduledExecutorService timers, String shellId) {
    Set<ProcessHandle> members = members(leader);
    if (members.isEmpty()) {
      return;
    }
    signal(leader, members, SIGHUP);
    timers.schedule(
        () -> {
          Set<ProcessHandle> left = members(leader);
          left.addAll(members);
          left.removeIf(process -> !process.isAlive());
          if (!left.isEmpty()) {
            int killed = signal(leader, left, SIGKILL);
            LOG.info("Shell {}: {} processes ignored SIGHUP and were killed", shellId, killed);
          }
        },
        killAfter.toMillis(),
        TimeUnit.MILLISECONDS);
  }
}
