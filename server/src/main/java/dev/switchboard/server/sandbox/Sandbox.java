package dev.switchboard.server.sandbox;

import dev.switchboard.server.config.DataDirectory;
import dev.switchboard.server.project.ProjectStore;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
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
  private final Supplier<List<Path>> projects;
  private final boolean enforced;
  private final Optional<String> setsid;

  /** Probes bubblewrap as the mode asks, and says loudly when commands will run unconfined. */
  @Inject
  public Sandbox(
      SandboxConfiguration configuration,
      DataDirectory dataDirectory,
      Provider<ProjectStore> projectStore) {
    this(
        configuration,
        dataDirectory,
        () -> projectStore.get().list().stream().map(p -> Path.of(p.path())).toList());
  }

  /** A sandbox that hides the projects {@code projects} lists from each other. */
  public Sandbox(
      SandboxConfiguration configuration,
      DataDirectory dataDirectory,
      Supplier<List<Path>> projects) {
    this.configuration = configuration;
    this.dataDir = realPath(dataDirectory.path());
    this.home = realPath(Path.of(System.getProperty("user.home")));
    this.projects = projects;
    this.setsid = findExecutable("setsid");
    this.enforced = decide();
    if ("root".equals(System.getProperty("user.name"))) {
      LOG.warn(
          "The server runs as root, so agents and shells run as root too{}: run it as a user"
              + " of its own (docs/websockets.md, \"Running as its own user\")",
          enforced ? " (in the sandbox, without capabilities)" : "");
    }
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
      return new Launch(
          policy(project, projects.get()).newSession().wrap(argv), environment, Launch.BWRAP_DEPTH);
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
        ? new Launch(policy(project, projects.get()).wrap(argv), environment, Launch.BWRAP_DEPTH)
        : new Launch(argv, environment, 0);
  }

  /**
   * Why {@code directory} (canonical) cannot be a project, or empty: a project is writable in the
   * sandbox, so it may not be the root, a system directory, the home or the data directory (or hold
   * them), lie inside the data directory or a hidden path, or be nested with another project, which
   * could swap a directory of its own for a symbolic link into the other.
   */
  public Optional<String> projectPathProblem(Path directory, List<Path> others) {
    if (directory.getNameCount() < 2) {
      return Optional.of(directory + " is the root or a system directory");
    }
    if (home.startsWith(directory)) {
      return Optional.of(directory + " is or holds the server user's home " + home);
    }
    if (dataDir.startsWith(directory) || directory.startsWith(dataDir)) {
      return Optional.of(directory + " overlaps the server's data directory " + dataDir);
    }
    for (Path hidden : configuration.hide()) {
      if (directory.startsWith(hidden) || hidden.startsWith(directory)) {
        return Optional.of(directory + " overlaps " + hidden + " (switchboard.sandbox.hide)");
      }
    }
    for (Path other : others) {
      // The same directory twice is harmless: neither project can replace it.
      if (!directory.equals(other)
          && (directory.startsWith(other) || other.startsWith(directory))) {
        return Optional.of(directory + " is nested with the project in " + other);
      }
    }
    return Optional.empty();
  }

  /**
   * The rules of one sandbox in {@code project}, with the paths that exist right now: the other
   * projects are hidden too, and without network so is {@code /run} (its Unix sockets reach local
   * databases whatever the network namespace). Refuses a project whose path no longer resolves to
   * itself: a directory swapped for a symbolic link would bind its target writable.
   */
  BwrapPolicy policy(Path project, List<Path> projects) {
    Path directory = realPath(project);
    if (!directory.equals(project.toAbsolutePath().normalize())) {
      throw new IllegalStateException(
          "the project directory "
              + project
              + " now resolves to "
              + directory
              + " (a symbolic link?); refusing to bind it into the sandbox");
    }
    BwrapPolicy policy = BwrapPolicy.using(configuration.bwrap(), configuration.scratchBytes());
    if (home.getNameCount() > 0) {
      policy.scratch(home);
    }
    existing(configuration.hide()).forEach(policy::hide);
    existing(projects).stream().filter(p -> !p.equals(directory)).forEach(policy::hide);
    if (!configuration.network()) {
      existing(List.of(Path.of("/run"), Path.of("/var/run"))).stream()
          .distinct()
          .forEach(policy::hide);
    }
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
    List<String> command = policy(dataDir, List.of()).newSession().wrap(List.of("true"));
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
