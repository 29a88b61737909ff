package dev.switchboard.server.sandbox;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * BwrapPolicy is one sandbox's rules, written as calls that read like the policy, and turned into
 * bubblewrap's arguments.
 *
 * <p>The whole filesystem is visible read-only; {@link #hide} replaces a directory with an empty
 * read-only one, {@link #scratch} with an empty writable one in memory, of bounded size; {@link
 * #bindReadOnly} and {@link #bindReadWrite} show a path again. Rules nest: the rule of the deepest
 * path wins, so the project stays writable inside a hidden home and the data directory stays hidden
 * inside a project. bubblewrap applies mounts in order, so {@link #arguments} emits parents before
 * children; between rules on the same path, the one added later wins.
 *
 * <p>Always on: a new PID namespace with its own {@code /proc} (the server and other runs are
 * invisible) whose kernel settings are read-only, a new IPC namespace, a minimal {@code /dev}, a
 * private {@code /tmp}, every capability dropped (as root, bubblewrap otherwise keeps them, and
 * {@code mount -o remount,rw /} undoes the read-only root), and death with the parent: if the
 * server dies, the sandbox's PID 1 gets SIGKILL and the kernel ends every process in it.
 */
public final class BwrapPolicy {

  private enum Rule {
    HIDE("--tmpfs"),
    SCRATCH("--tmpfs"),
    READ_ONLY("--ro-bind"),
    READ_WRITE("--bind");

    private final String option;

    Rule(String option) {
      this.option = option;
    }
  }

  private record Mount(Path path, Rule rule, int order) {}

  /**
   * Kernel interfaces in {@code /proc} that take writes from uid 0 without any capability ({@code
   * /proc/sys/kernel/core_pattern} runs a program as root on the host): read-only, since a server
   * running as root runs its sandboxes as uid 0 too.
   */
  private static final List<String> PROC_READ_ONLY =
      List.of("/proc/sys", "/proc/sysrq-trigger", "/proc/irq", "/proc/bus");

  private final String executable;
  private final long scratchBytes;
  private final List<Mount> mounts = new ArrayList<>();
  private boolean network = true;
  private boolean newSession;
  private Path directory;

  private BwrapPolicy(String executable, long scratchBytes) {
    this.executable = executable;
    this.scratchBytes = scratchBytes;
    scratch(Path.of("/tmp"));
  }

  /**
   * A policy run by the bubblewrap at {@code executable}, whose writable scratch directories
   * ({@code /tmp}, {@link #scratch}) hold at most {@code scratchBytes} each: they live in memory.
   */
  public static BwrapPolicy using(String executable, long scratchBytes) {
    return new BwrapPolicy(executable, scratchBytes);
  }

  /** Replaces the directory with an empty, read-only one. */
  public BwrapPolicy hide(Path path) {
    return add(path, Rule.HIDE);
  }

  /**
   * Replaces the directory with an empty, writable one in memory (at most the scratch size) that
   * vanishes with the sandbox: for the home, where programs keep caches.
   */
  public BwrapPolicy scratch(Path path) {
    return add(path, Rule.SCRATCH);
  }

  /** Shows the path as it is, read-only. */
  public BwrapPolicy bindReadOnly(Path path) {
    return add(path, Rule.READ_ONLY);
  }

  /** Shows the path as it is, writable. */
  public BwrapPolicy bindReadWrite(Path path) {
    return add(path, Rule.READ_WRITE);
  }

  /** Whether the sandbox shares the server's network (false: a namespace with loopback only). */
  public BwrapPolicy network(boolean enabled) {
    this.network = enabled;
    return this;
  }

  /**
   * Starts the command in a new session, without a controlling terminal, so it cannot push input
   * into the server's terminal ({@code TIOCSTI}). Not for shells: their PTY is their own
   * controlling terminal, and job control needs it.
   */
  public BwrapPolicy newSession() {
    this.newSession = true;
    return this;
  }

  /** The working directory inside the sandbox. */
  public BwrapPolicy chdir(Path path) {
    this.directory = path;
    return this;
  }

  /** The full command line: bubblewrap, its arguments, then {@code command}. */
  public List<String> wrap(List<String> command) {
    List<String> argv = new ArrayList<>(arguments());
    argv.add("--");
    argv.addAll(command);
    return argv;
  }

  /** bubblewrap's arguments, starting with the executable, without the command. */
  public List<String> arguments() {
    List<String> args = new ArrayList<>();
    args.add(executable);
    args.addAll(List.of("--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc"));
    for (String path : PROC_READ_ONLY) {
      args.addAll(List.of("--ro-bind-try", path, path));
    }
    args.addAll(List.of("--unshare-pid", "--unshare-ipc", "--die-with-parent"));
    args.addAll(List.of("--cap-drop", "ALL"));
    if (!network) {
      args.add("--unshare-net");
    }
    if (newSession) {
      args.add("--new-session");
    }
    List<String> readOnlyLast = new ArrayList<>();
    mounts.stream()
        .sorted(
            Comparator.comparingInt((Mount mount) -> mount.path().getNameCount())
                .thenComparingInt(Mount::order))
        .forEach(
            mount -> {
              String path = mount.path().toString();
              switch (mount.rule()) {
                case HIDE, SCRATCH -> {
                  args.addAll(List.of("--size", Long.toString(scratchBytes), "--tmpfs", path));
                  if (mount.rule() == Rule.HIDE) {
                    // After every mount, so paths bound back inside can still get mount points.
                    readOnlyLast.addAll(List.of("--remount-ro", path));
                  }
                }
                case READ_ONLY, READ_WRITE -> args.addAll(List.of(mount.rule().option, path, path));
              }
            });
    args.addAll(readOnlyLast);
    if (directory != null) {
      args.addAll(List.of("--chdir", directory.toString()));
    }
    return args;
  }

  private BwrapPolicy add(Path path, Rule rule) {
    if (!path.isAbsolute()) {
      throw new IllegalArgumentException("A sandbox path must be absolute: " + path);
    }
    mounts.add(new Mount(path.normalize(), rule, mounts.size()));
    return this;
  }
}
