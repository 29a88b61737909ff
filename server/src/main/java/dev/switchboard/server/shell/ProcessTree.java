package dev.switchboard.server.shell;

import com.pty4j.unix.PtyHelpers;
import dev.switchboard.server.sandbox.ProcessSessions;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Stream;

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
}
