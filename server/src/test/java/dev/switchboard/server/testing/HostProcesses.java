package dev.switchboard.server.testing;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * HostProcesses finds processes by a marker in their command line, as seen from the host: inside
 * the sandbox a command's {@code $$} is a pid of its own PID namespace, which names another process
 * (or none) outside it.
 */
public final class HostProcesses {

  private HostProcesses() {}

  /** The live processes whose command line contains {@code marker}. */
  public static List<ProcessHandle> withMarker(String marker) {
    try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
      return all.filter(ProcessHandle::isAlive)
          .filter(
              process ->
                  process.info().commandLine().map(line -> line.contains(marker)).orElse(false))
          .toList();
    }
  }

  /** The live processes that run {@code program} with exactly {@code arguments}. */
  public static List<ProcessHandle> running(String program, String arguments) {
    return withMarker(arguments).stream().filter(p -> runs(p, program, arguments)).toList();
  }

  /**
   * Whether the process runs {@code program} with exactly {@code arguments} (Linux reports the
   * program as the resolved path, e.g. {@code /usr/bin/sleep}).
   */
  private static boolean runs(ProcessHandle process, String program, String arguments) {
    ProcessHandle.Info info = process.info();
    return info.command().orElse("").endsWith("/" + program)
        && info.arguments().map(a -> String.join(" ", a)).orElse("").equals(arguments);
  }

  /** Waits up to 10 s until {@code count} processes run {@code program} with {@code arguments}. */
  public static List<ProcessHandle> await(String program, String arguments, int count)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      List<ProcessHandle> found = running(program, arguments);
      if (found.size() >= count) {
        return found;
      }
      Thread.sleep(10);
    }
    throw new AssertionError(
        "fewer than " + count + " processes ran \"" + program + " " + arguments + "\"");
  }

  /**
   * Waits up to 10 s until the processes whose command line holds {@code marker}, with their
   * descendants, include {@code count} running {@code program} with exactly {@code arguments};
   * returns them all. A unique marker keeps other tests' processes out.
   */
  public static List<ProcessHandle> awaitTree(
      String marker, String program, String arguments, int count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      Set<ProcessHandle> tree = new LinkedHashSet<>(withMarker(marker));
      List.copyOf(tree).forEach(root -> root.descendants().forEach(tree::add));
      long matching = tree.stream().filter(p -> runs(p, program, arguments)).count();
      if (matching >= count) {
        return List.copyOf(tree);
      }
      Thread.sleep(10);
    }
    throw new AssertionError(
        "fewer than " + count + " \"" + program + " " + arguments + "\" under " + marker);
  }
}
