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
 * tmpfs, {@link #bindReadOnly} and {@link #bindReadWrite} show a path again. Rules nest: the rule
 * of the deepest path wins, so the project stays writable inside a hidden home and the data
 * directory stays hidden inside a project. bubblewrap applies mounts in order, so {@link
 * #arguments} emits parents before children; between rules on the same path, the one added later
 * wins.
 *
 * <p>Always on: a new PID namespace with its own {@code /proc} (the server and other runs are
 * invisible), a new IPC namespace, a minimal {@code /dev}, a private {@code /tmp}, every capability
 * dropped (as root, bubblewrap otherwise keeps them, and {@code mount -o remount,rw /} undoes the
 * read-only root), and death with the parent: if the server dies, the sandbox's PID 1 gets SIGKILL
 * and the kernel ends every process in it.
 */
public final class BwrapPolicy {

  private enum Rule {
    HIDE("--tmpfs"),
    READ_ONLY("--ro-bind"),
    READ_WRITE("--bind");

    private final String option;

    Rule(String option) {
      this.option = option;
    }
  }

  private record Mount(Path path, Rule rule, int order) {}

  private final String executable;
  private final List<Mount> mounts = new ArrayList<>();
  private boolean network = true;
  private boolean newSession;
  private Path directory;

  private BwrapPolicy(String executable) {
    this.executable = executable;
    hide(Path.of("/tmp"));
  }

  /** A policy run by the bubblewrap at {@code executable}. */
  public static BwrapPolicy using(String executable) {
    return new BwrapPolicy(executable);
  }

  /** Replaces the directory with an empty, writable tmpfs that vanishes with the sandbox. */
  public BwrapPolicy hide(Path path) {
    return add(path, Rule.HIDE);
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
    args.addAll(List.of("--unshare-pid", "--unshare-ipc", "--die-with-parent"));
    args.addAll(List.of("--cap-drop", "ALL"));
    if (!network) {
      args.add("--unshare-net");
    }
    if (newSession) {
      args.add("--new-session");
    }
    mounts.stream()
        .sorted(
            Comparator.comparingInt((Mount mount) -> mount.path().getNameCount())
                .thenComparingInt(Mount::order))
        .forEach(
            mount -> {
              String path = mount.path().toString();
              if (mount.rule() == Rule.HIDE) {
                args.addAll(List.of(mount.rule().option, path));
              } else {
                args.addAll(List.of(mount.rule().option, path, path));
              }
            });
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
