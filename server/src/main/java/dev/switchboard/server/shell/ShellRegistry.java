package dev.switchboard.server.shell;

import com.pty4j.PtyProcess;
import com.pty4j.PtyProcessBuilder;
import dev.switchboard.contract.shell.ShellSize;
import dev.switchboard.server.auth.Caller;
import dev.switchboard.server.auth.TokenRevokedEvent;
import dev.switchboard.server.config.DataDirectory;
import dev.switchboard.server.sandbox.Launch;
import dev.switchboard.server.sandbox.ProcessLedger;
import dev.switchboard.server.sandbox.Sandbox;
import dev.switchboard.server.storage.Ids;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ShellRegistry starts shells, finds them by id, enforces the per-token limit, and ends them all
 * when the server stops. Its meters: {@code switchboard.shell.open}, {@code
 * switchboard.shell.bytes.out} (frame bytes sent to shell sockets) and {@code
 * switchboard.shell.pauses} (times a shell stopped reading its PTY because its socket was behind).
 */
@Singleton
public final class ShellRegistry {

  /** pty4j's extraction folder for libpty; without it, a new temp folder leaks per start. */
  static final String PTY4J_TMPDIR = "pty4j.tmpdir";

  private static final Logger LOG = LoggerFactory.getLogger(ShellRegistry.class);
  private static final String PTY4J_PREFERRED_FOLDER = "pty4j.preferred.native.folder";

  /** The terminal xterm.js emulates. */
  private static final String TERMINAL_TYPE = "xterm-256color";

  private final Map<String, Shell> shells = new ConcurrentHashMap<>();
  private final ShellConfiguration configuration;
  private final Sandbox sandbox;
  private final ProcessLedger ledger;
  private final ScheduledExecutorService timers;
  private final Counter bytesOut;
  private final Counter pauses;

  /** Creates the registry, its timer thread and meters, and points pty4j at the data dir. */
  public ShellRegistry(
      ShellConfiguration configuration,
      DataDirectory dataDirectory,
      MeterRegistry meters,
      Sandbox sandbox,
      ProcessLedger ledger) {
    this.configuration = configuration;
    this.sandbox = sandbox;
    this.ledger = ledger;
    this.timers =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "shell-timers");
              thread.setDaemon(true);
              return thread;
            });
    Gauge.builder("switchboard.shell.open", shells, Map::size)
        .description("Running shells, attached or in their grace period")
        .register(meters);
    this.bytesOut =
        Counter.builder("switchboard.shell.bytes.out")
            .description("Bytes of frames sent to shell sockets")
            .baseUnit("bytes")
            .register(meters);
    this.pauses =
        Counter.builder("switchboard.shell.pauses")
            .description("Times a shell stopped reading its PTY because its socket fell behind")
            .register(meters);
    useNativeFolder(dataDirectory.path().resolve("native"));
  }

  /**
   * Starts a login shell of the server's user ({@code $SHELL}, else {@code /bin/bash}, with {@code
   * -l}; or {@code switchboard.shell.command}) in {@code directory}, in the {@link Sandbox}, with
   * its environment allow-list and {@code TERM=xterm-256color}.
   */
  public Shell create(Caller caller, String projectId, Path directory, ShellSize size)
      throws ShellLimitException, IOException {
    synchronized (this) {
      long held =
          shells.values().stream().filter(s -> s.tokenId().equals(caller.tokenId())).count();
      if (held >= configuration.maxPerToken()) {
        throw new ShellLimitException(configuration.maxPerToken());
      }
      String id = Ids.newId();
      Launch launch = sandbox.shell(command(), directory, Map.of("TERM", TERMINAL_TYPE));
      PtyProcess process =
          new PtyProcessBuilder(launch.command().toArray(String[]::new))
              .setDirectory(directory.toString())
              .setEnvironment(launch.environment())
              .setInitialColumns(size.cols())
              .setInitialRows(size.rows())
              .setConsole(false)
              .start();
      Shell shell =
          new Shell(
              id,
              projectId,
              caller.tokenId(),
              directory.toString(),
              size,
              process,
              configuration,
              timers,
              pauses);
      shells.put(id, shell);
      ledger.record(process.pid(), "shell", id);
      shell
          .exit()
          .whenComplete(
              (status, error) -> {
                shells.remove(id);
                ledger.forget(process.pid());
              });
      shell.start();
      LOG.info(
          "Shell {} opened in project {} for token {} (pid {}, {}x{})",
          id,
          projectId,
          caller.tokenId(),
          process.pid(),
          size.cols(),
          size.rows());
      return shell;
    }
  }

  /** The running shell with this id. */
  public Optional<Shell> find(String id) {
    return Optional.ofNullable(shells.get(id));
  }

  /** The running shells. */
  public Collection<Shell> shells() {
    return List.copyOf(shells.values());
  }

  /** Meters shared by the shells' sockets. */
  Counter bytesOut() {
    return bytesOut;
  }

  /** Ends a shell (SIGHUP, then SIGKILL after {@code kill-after}). */
  public void terminate(Shell shell, String reason) {
    shell.terminate(reason);
  }

  /** Ends the shells of a token that has just been revoked. */
  @EventListener
  void onTokenRevoked(TokenRevokedEvent event) {
    for (Shell shell : shells.values()) {
      if (shell.tokenId().equals(event.tokenId())) {
        shell.terminate("its token was revoked");
      }
    }
  }

  /** Ends every shell the same way, waiting up to {@code kill-after} plus a second for them. */
  @PreDestroy
  void close() {
    List<Shell> running = List.copyOf(shells.values());
    running.forEach(shell -> shell.terminate("the server is stopping"));
    long deadline =
        System.nanoTime() + configuration.killAfter().plus(Duration.ofSeconds(1)).toNanos();
    for (Shell shell : running) {
      try {
        shell.exit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (Exception e) {
        LOG.warn("Shell {} did not end before shutdown: {}", shell.id(), e.toString());
      }
    }
    timers.shutdownNow();
  }

  private List<String> command() {
    if (!configuration.command().isEmpty()) {
      return configuration.command();
    }
    String shell = System.getenv("SHELL");
    return List.of(shell == null || shell.isBlank() ? "/bin/bash" : shell, "-l");
  }

  private static void useNativeFolder(Path folder) {
    if (System.getProperty(PTY4J_TMPDIR) != null
        || System.getProperty(PTY4J_PREFERRED_FOLDER) != null) {
      return; // the operator chose
    }
    try {
      if (!Files.isDirectory(folder)) {
        Files.createDirectory(folder, DataDirectory.OWNER_ONLY_DIRECTORY);
      }
      System.setProperty(PTY4J_TMPDIR, folder.toString());
    } catch (IOException e) {
      LOG.warn("Cannot create {} for pty4j's native library: {}", folder, e.toString());
    }
  }
}
