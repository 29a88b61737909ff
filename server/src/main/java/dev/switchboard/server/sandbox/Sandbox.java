package dev.switchboard.server.sandbox;

import dev.switchboard.server.config.DataDirectory;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.exceptions.ConfigurationException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sandbox decides how every agent run and shell starts: inside bubblewrap with the data directory,
 * the server user's home and the configured paths hidden and only the project writable ({@link
 * BwrapPolicy}), or, with {@code mode: off} or without a working bubblewrap under {@code auto},
 * unconfined. Both ways the environment is {@link ChildEnvironment}'s allow-list.
 *
 * <p>A {@link Context} bean: bubblewrap is probed once at start-up with the arguments every launch
 * uses, and {@code mode: bwrap} without a working one stops the server before it binds its port.
 * Running unconfined is announced loudly in the log and in {@code GET /api/agent}.
 */
@Context
public final class Sandbox {

  /** What users are told when nothing confines agents and shells. */
  public static final String UNCONFINED_WARNING =
      "Agents and shells run without a sandbox: any token that may send messages or open shells"
          + " has the server user's full access to this machine (its files, its other projects,"
          + " the server's own data).";

  private static final Logger LOG = LoggerFactory.getLogger(Sandbox.class);
  private static final long PROBE_TIMEOUT_SECONDS = 10;

  private final SandboxConfiguration configuration;
  private final Path dataDir;
  private final Path home;
  private final boolean enforced;
  private final Optional<String> setsid;

  /** Probes bubblewrap as the mode asks, and says loudly when commands will run unconfined. */
  public Sandbox(SandboxConfiguration configuration, DataDirectory dataDirectory) {
    this.configuration = configuration;
    this.dataDir = realPath(dataDirectory.path());
    this.home = realPath(Path.of(System.getProperty("user.home")));
    this.setsid = findExecutable("setsid");
    this.enforced = decide();
  }

  /** Whether agents and shells run inside bubblewrap. */
  public boolean enforced() {
    return enforced;
  }

  /** What confines agents and shells, for clients. */
  public SandboxStatus status() {
    return new SandboxStatus(
        configuration.mode(),
        enforced,
        configuration.network() || !enforced,
        enforced ? null : UNCONFINED_WARNING);
  }

  /**
   * How to start an agent command in {@code project}: in a session of its own (inside the sandbox
   * or, without one, through {@code setsid}), so it has no controlling terminal to inject input
   * into and its whole process group can be stopped.
   */
  public Launch agent(List<String> argv, Path project, Map<String, String> extraEnvironment) {
    Map<String, String> environment = ChildEnvironment.of(System.getenv(), extraEnvironment);
    if (enforced) {
      return new Launch(policy(project).newSession().wrap(argv), environment, Launch.BWRAP_DEPTH);
    }
    List<String> command = new ArrayList<>();
    setsid.ifPresent(command::add);
    command.addAll(argv);
    return new Launch(command, environment, 0);
  }

  /**
   * How to start a shell in {@code project}. The PTY library makes the shell a session leader with
   * the PTY as its controlling terminal, so the sandbox keeps that session.
   */
  public Launch shell(List<String> argv, Path project, Map<String, String> extraEnvironment) {
    Map<String, String> environment = ChildEnvironment.of(System.getenv(), extraEnvironment);
    return enforced
        ? new Launch(policy(project).wrap(argv), environment, Launch.BWRAP_DEPTH)
        : new Launch(argv, environment, 0);
  }

  /** The rules of one sandbox in {@code project}, with the paths that exist right now. */
  BwrapPolicy policy(Path project) {
    Path directory = realPath(project);
    BwrapPolicy policy = BwrapPolicy.using(configuration.bwrap());
    if (home.getNameCount() > 0) {
      policy.hide(home);
    }
    existing(configuration.hide()).forEach(policy::hide);
    existing(configuration.readOnly()).forEach(policy::bindReadOnly);
    existing(configuration.readWrite()).forEach(policy::bindReadWrite);
    return policy
        .bindReadWrite(directory)
        .hide(dataDir)
        .network(configuration.network())
        .chdir(directory);
  }

  private boolean decide() {
    if (configuration.mode() == SandboxMode.OFF) {
      warnUnconfined("switchboard.sandbox.mode is off");
      return false;
    }
    Optional<String> failure = probe();
    if (failure.isEmpty()) {
      LOG.info(
          "Agents and shells run in a bubblewrap sandbox ({}; network {}); hidden: {}, {}{}",
          configuration.bwrap(),
          configuration.network() ? "on" : "off",
          home,
          dataDir,
          configuration.hide().isEmpty() ? "" : ", " + configuration.hide());
      return true;
    }
    if (configuration.mode() == SandboxMode.BWRAP) {
      throw new ConfigurationException(
          "switchboard.sandbox.mode is bwrap but bubblewrap does not work here ("
              + failure.get()
              + "): install it (Debian: apt-get install bubblewrap), point"
              + " switchboard.sandbox.bwrap at it, or set switchboard.sandbox.mode to auto or off");
    }
    warnUnconfined("bubblewrap does not work here (" + failure.get() + ")");
    return false;
  }

  /** Runs {@code true} in a sandbox like every launch's; empty when it worked, else why not. */
  private Optional<String> probe() {
    List<String> command = policy(dataDir).newSession().wrap(List.of("true"));
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      process.getOutputStream().close();
      if (!process.waitFor(PROBE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return Optional.of("it did not finish within " + PROBE_TIMEOUT_SECONDS + " s");
      }
      String output =
          new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      return process.exitValue() == 0
          ? Optional.empty()
          : Optional.of("exit " + process.exitValue() + (output.isEmpty() ? "" : ": " + output));
    } catch (IOException e) {
      return Optional.of(configuration.bwrap() + " cannot be run: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of("interrupted");
    }
  }

  private static void warnUnconfined(String why) {
    LOG.warn(
        "\n*** NO SANDBOX: {}.\n*** {}\n*** Install bubblewrap (Debian: apt-get install"
            + " bubblewrap) and set switchboard.sandbox.mode to auto or bwrap.",
        why,
        UNCONFINED_WARNING);
  }

  private static List<Path> existing(List<Path> paths) {
    return paths.stream().filter(Files::exists).map(Sandbox::realPath).toList();
  }

  private static Path realPath(Path path) {
    try {
      return path.toRealPath();
    } catch (IOException e) {
      return path.toAbsolutePath().normalize();
    }
  }

  private static Optional<String> findExecutable(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    return Stream.of(path.split(":"))
        .filter(dir -> !dir.isEmpty())
        .map(dir -> Path.of(dir, name))
        .filter(Files::isExecutable)
        .map(Path::toString)
        .findFirst();
  }
}
