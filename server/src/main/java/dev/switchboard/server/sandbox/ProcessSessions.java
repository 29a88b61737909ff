package dev.switchboard.server.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;

/** ProcessSessions reads what Linux's {@code /proc/<pid>/stat} says of a process. */
public final class ProcessSessions {

  private static final Path PROC = Path.of("/proc");
  private static final long POLL_MS = 10;

  private ProcessSessions() {}

  /** The session id of a process, or -1 if it cannot be read (gone, or no {@code /proc}). */
  public static long sessionOf(long pid) {
    String[] fields = statFields(pid);
    // After "pid (comm)": state ppid pgrp session ...
    return fields.length > 3 ? parse(fields[3]) : -1;
  }

  /** Whether the process exists and is not a zombie (which runs nothing and holds no pipe). */
  public static boolean isRunning(ProcessHandle process) {
    if (!process.isAlive()) {
      return false;
    }
    String[] fields = statFields(process.pid());
    if (fields.length == 0) {
      return process.isAlive();
    }
    return !fields[0].equals("Z") && !fields[0].equals("X");
  }

  /**
   * Waits up to {@code timeout} until none of {@code processes} runs (checked every 10 ms); false
   * if one still does, or the wait was interrupted.
   */
  public static boolean awaitExit(Collection<ProcessHandle> processes, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (processes.stream().anyMatch(ProcessSessions::isRunning)) {
      if (System.nanoTime() - deadline >= 0) {
        return false;
      }
      try {
        Thread.sleep(POLL_MS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return processes.stream().noneMatch(ProcessSessions::isRunning);
      }
    }
    return true;
  }

  /** Whether this machine has a {@code /proc} to read. */
  public static boolean available() {
    return Files.isDirectory(PROC);
  }

  /** The fields of {@code /proc/<pid>/stat} after the command name, which may hold spaces. */
  private static String[] statFields(long pid) {
    try {
      String stat = Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"));
      return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    } catch (IOException | RuntimeException e) {
      return new String[0];
    }
  }

  private static long parse(String field) {
    try {
      return Long.parseLong(field);
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
