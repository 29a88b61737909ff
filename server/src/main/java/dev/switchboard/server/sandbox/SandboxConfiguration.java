package dev.switchboard.server.sandbox;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.nio.file.Path;
import java.util.List;

/**
 * SandboxConfiguration holds the {@code switchboard.sandbox.*} settings.
 *
 * <ul>
 *   <li>{@code mode}: {@code auto} (default), {@code bwrap} or {@code off} ({@link SandboxMode}).
 *   <li>{@code network}: whether sandboxed commands reach the network (default true: agents call
 *       their APIs); false gives them a network namespace with loopback only.
 *   <li>{@code hide}: more paths replaced by an empty directory, besides the data directory and the
 *       server user's home, which are always hidden.
 *   <li>{@code read-only} / {@code read-write}: paths bound back into the sandbox, e.g. an agent
 *       CLI's own configuration directory inside the hidden home.
 *   <li>{@code scratch-bytes}: the most a sandbox may write to each of its in-memory directories
 *       ({@code /tmp} and the home), 64 MiB by default.
 *   <li>{@code bwrap}: the bubblewrap executable.
 * </ul>
 */
@ConfigurationProperties("switchboard.sandbox")
public record SandboxConfiguration(
    @Bindable(defaultValue = "auto") SandboxMode mode,
    @Bindable(defaultValue = "true") boolean network,
    @Nullable List<Path> hide,
    @Nullable List<Path> readOnly,
    @Nullable List<Path> readWrite,
    @Bindable(defaultValue = "bwrap") String bwrap,
    @Bindable(defaultValue = "67108864") long scratchBytes) {

  /** Copies the lists and rejects relative paths, which would depend on the working directory. */
  public SandboxConfiguration {
    hide = absolute("hide", hide);
    readOnly = absolute("read-only", readOnly);
    readWrite = absolute("read-write", readWrite);
    if (scratchBytes < 1) {
      throw new IllegalArgumentException(
          "switchboard.sandbox.scratch-bytes must be positive (default 67108864, 64 MiB)");
    }
    if (bwrap == null || bwrap.isBlank()) {
      throw new IllegalArgumentException(
          "switchboard.sandbox.bwrap is empty: name the bubblewrap executable (default bwrap)");
    }
  }

  private static List<Path> absolute(String key, @Nullable List<Path> paths) {
    List<Path> copy = paths == null ? List.of() : List.copyOf(paths);
    for (Path path : copy) {
      if (!path.isAbsolute()) {
        throw new IllegalArgumentException(
            "switchboard.sandbox."
                + key
                + " lists the relative path "
                + path
                + ": write it as an absolute path");
      }
    }
    return copy.stream().map(Path::normalize).toList();
  }
}
