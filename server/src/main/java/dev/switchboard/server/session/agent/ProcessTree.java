package dev.switchboard.server.session.agent;

import dev.switchboard.server.sandbox.ProcessSessions;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * ProcessTree stops a process together with every process it started: SIGTERM to all of them, then
 * SIGKILL to whatever is still alive once the grace period is over.
 *
 * <p>The tree is collected before the first signal, because a child whose parent dies is adopted by
 * init and can no longer be found from the parent; it is collected again before SIGKILL, to catch
 * processes forked in between.
 *
 * <p>A killed process that nobody reaps stays a zombie, which {@link ProcessHandle#isAlive()}
 * reports as alive (seen in containers whose init does not reap adopted children). A zombie runs
 * nothing and holds no pipe, so {@link ProcessSessions#isRunning} counts it as gone.
 *
 * <p>A sandboxed command runs under the sandbox's own processes (bubblewrap and its PID 1), which
 * die with SIGKILL for everything inside as soon as one is signalled. They are spared SIGTERM, so
 * the command gets its grace period; SIGKILL reaches them like the rest.
 */
final class ProcessTree {

  private final Set<ProcessHandle> members = new LinkedHashSet<>();
  private final Set<ProcessHandle> wrappers = new LinkedHashSet<>();

  private ProcessTree(ProcessHandle root, int wrapperDepth) {
    collect(root);
    List<ProcessHandle> level = List.of(root);
    for (int depth = 0; depth < wrapperDepth; depth++) {
      wrappers.addAll(level);
      level = level.stream().flatMap(ProcessHandle::children).toList();
    }
  }

  /** The process and its current descendants. */
  static ProcessTree of(ProcessHandle root) {
    return new ProcessTree(root, 0);
  }

  /**
   * The process and its current descendants, of which the top {@code wrapperDepth} levels are a
   * sandbox's own processes rather than the command's.
   */
  static ProcessTree of(ProcessHandle root, int wrapperDepth) {
    return new ProcessTree(root, wrapperDepth);
  }

  /**
   * Sends SIGTERM to every process of the tree, parents first: a shell whose child dies first would
   * otherwise run its next command before its own signal arrives. The sandbox's own processes are
   * spared while the command runs in them.
   */
  ProcessTree terminate() {
    List<ProcessHandle> command = members.stream().filter(m -> !wrappers.contains(m)).toList();
    (command.isEmpty() ? members : command).forEach(ProcessHandle::destroy);
    return this;
  }

  /** Sends SIGKILL to every process of the tree still alive, and to their new descendants. */
  void kill() {
    for (ProcessHandle member : List.copyOf(members)) {
      if (ProcessSessions.isRunning(member)) {
        collect(member);
      }
    }
    members.forEach(ProcessHandle::destroyForcibly);
  }

  /** Whether any process of the tree is still alive. */
  boolean anyAlive() {
    return members.stream().anyMatch(ProcessSessions::isRunning);
  }

  /**
   * Terminates the tree and waits for it to exit: SIGTERM, then SIGKILL after {@code grace}.
   * Returns whether every process is gone (false only if one survived SIGKILL for a second).
   */
  boolean stop(Duration grace) {
    terminate();
    if (awaitExit(grace)) {
      return true;
    }
    kill();
    return awaitExit(Duration.ofSeconds(1));
  }

  /** Waits up to {@code timeout} for every process of the tree to exit (checked every 10 ms). */
  boolean awaitExit(Duration timeout) {
    return ProcessSessions.awaitExit(members, timeout);
  }

  /** The process ids of the tree, for logs and tests. */
  List<Long> pids() {
    return members.stream().map(ProcessHandle::pid).toList();
  }

  private void collect(ProcessHandle root) {
    members.add(root);
    root.descendants().forEach(members::add);
  }
}
