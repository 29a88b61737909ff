package dev.switchboard.server.sandbox;

import dev.switchboard.server.config.DataDirectory;
import io.micronaut.context.annotation.Context;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ProcessLedger records every agent run and shell this server starts in {@code
 * <data-dir>/processes/}, one file per process, removed when the process ends. A server killed with
 * SIGKILL cannot stop what it ran; the next start-up reads the files left behind and stops those
 * processes (SIGTERM, then SIGKILL) before anything marks their replies {@code interrupted}.
 *
 * <p>A file holds the process's pid and start time, so a pid reused since by another program is
 * never signalled. Stopping covers the process, its descendants and every process still in its
 * session: agents and shells are session leaders, and a background job reparented to init stays in
 * the session. Inside the sandbox, its death with the server already ended them; the ledger is what
 * stops them without one.
 *
 * <p>A {@link Context} bean, so the leftovers are gone before the server serves anything.
 */
@Context
public final class ProcessLedger {

  static final String DIRECTORY = "processes";

  private static final Logger LOG = LoggerFactory.getLogger(ProcessLedger.class);
  private static final Duration TERM_GRACE = Duration.ofSeconds(3);

  private final Path directory;

  /** Creates {@code <data-dir>/processes/} and stops what a previous server left running. */
  public ProcessLedger(DataDirectory dataDirectory) throws IOException {
    this.directory = dataDirectory.path().resolve(DIRECTORY);
    Files.createDirectories(directory, DataDirectory.OWNER_ONLY_DIRECTORY);
    stopLeftovers();
  }

  /** Records a process just started; {@link #forget} it once it has ended. */
  public void record(long pid, String kind, String id) {
    Instant started =
        ProcessHandle.of(pid).flatMap(p -> p.info().startInstant()).orElse(Instant.EPOCH);
    String line = pid + " " + started.toEpochMilli() + " " + kind + " " + id + "\n";
    try {
      Files.writeString(file(pid), line, StandardCharsets.UTF_8);
      Files.setPosixFilePermissions(file(pid), DataDirectory.OWNER_ONLY_FILE);
    } catch (IOException | UnsupportedOperationException e) {
      LOG.warn(
          "Cannot record {} {} (pid {}) in {}: a crash would leave it running ({})",
          kind,
          id,
          pid,
          directory,
          e.toString());
    }
  }

  /** Forgets a process that has ended. */
  public void forget(long pid) {
    try {
      Files.deleteIfExists(file(pid));
    } catch (IOException e) {
      LOG.warn("Cannot remove {}: {}", file(pid), e.toString());
    }
  }

  /** Stops every recorded process that still runs, and forgets them all; returns how many. */
  int stopLeftovers() throws IOException {
    Set<ProcessHandle> running = new LinkedHashSet<>();
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
      for (Path file : entries) {
        files.add(file);
        Set<ProcessHandle> left = leftovers(readQuietly(file));
        if (!left.isEmpty()) {
          LOG.warn(
              "Stopping {} processes of {}, left running by a server that stopped without ending"
                  + " them",
              left.size(),
              readQuietly(file).strip());
          running.addAll(left);
        }
      }
    }
    if (!running.isEmpty()) {
      running.forEach(ProcessHandle::destroy);
      if (!ProcessSessions.awaitExit(running, TERM_GRACE)) {
        running.forEach(ProcessHandle::destroyForcibly);
        ProcessSessions.awaitExit(running, Duration.ofSeconds(1));
      }
      LOG.warn("Stopped {} leftover processes of agent runs and shells", running.size());
    }
    for (Path file : files) {
      Files.deleteIfExists(file);
    }
    return running.size();
  }

  /**
   * What is left of a recorded process: itself if it still runs (the same start time: a pid reused
   * by another program is never taken for it), its descendants, and every process still in its
   * session started after it, which is all that remains once the leader itself has exited (a shell
   * hung up with its PTY, a background job reparented to init).
   */
  private static Set<ProcessHandle> leftovers(String record) {
    String[] fields = record.strip().split(" ");
    if (fields.length < 2) {
      return Set.of();
    }
    long pid;
    long startedMs;
    try {
      pid = Long.parseLong(fields[0]);
      startedMs = Long.parseLong(fields[1]);
    } catch (NumberFormatException e) {
      return Set.of();
    }
    Set<ProcessHandle> left = new LinkedHashSet<>();
    ProcessHandle.of(pid)
        .filter(leader -> startedMs(leader) == startedMs)
        .ifPresent(
            leader -> {
              left.add(leader);
              leader.descendants().forEach(left::add);
            });
    try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
      all.filter(process -> ProcessSessions.sessionOf(process.pid()) == pid)
          .filter(process -> startedMs(process) >= startedMs)
          .forEach(left::add);
    }
    left.removeIf(process -> !ProcessSessions.isRunning(process));
    return left;
  }

  private static long startedMs(ProcessHandle process) {
    return process.info().startInstant().map(Instant::toEpochMilli).orElse(-1L);
  }

  private Path file(long pid) {
    return directory.resolve(Long.toString(pid));
  }

  private static String readQuietly(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }
}
