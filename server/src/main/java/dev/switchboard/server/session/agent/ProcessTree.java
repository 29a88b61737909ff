package dev.switchboard.server.session.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * nothing and holds no pipe, so {@link #isRunning} counts it as gone.
 */
final class ProcessTree {

  private static final long POLL_MS = 10;

  private final Set<ProcessHandle> members = new LinkedHashSet<>();

  private ProcessTree(ProcessHandle root) {
    collect(root);
  }

  /** The process and its current descendants. */
  static ProcessTree of(ProcessHandle root) {
    return new ProcessTree(root);
  }

  /**
   * Sends SIGTERM to every process of the tree, parents first: a shell whose child dies first would
   * otherwise run its next command before its own signal arrives.
   */
  ProcessTree terminate() {
    members.forEach(ProcessHandle::destroy);
    return this;
  }

  /** Sends SIGKILL to every process of the tree still alive, and to their new descendants. */
  void kill() {
    for (ProcessHandle member : List.copyOf(members)) {
      if (isRunning(member)) {
        collect(member);
      }
    }
    members.forEach(ProcessHandle::destroyForcibly);
  }

  /** Whether any process of the tree is still alive. */
  boolean anyAlive() {
    return members.stream().anyMatch(ProcessTree::isRunning);
  }

  /** Whether the process exists and is not a zombie (on Linux, read from /proc). */
  static boolean isRunning(ProcessHandle process) {
    if (!process.isAlive()) {
      return false;
    }
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
      char state = stat.charAt(stat.lastIndexOf(')') + 2);
      return state != 'Z' && state != 'X';
    } catch (IOException | RuntimeException e) {
      return process.isAlive();
    }
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
    long deadline = System.nanoTime() + timeout.toNanos();
    while (anyAlive()) {
      if (System.nanoTime() - deadline >= 0) {
        return false;
      }
      try {
        Thread.sleep(POLL_MS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return !anyAlive();
      }
    }
    return true;
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
