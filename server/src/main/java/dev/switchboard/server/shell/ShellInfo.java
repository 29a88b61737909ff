package dev.switchboard.server.shell;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * ShellInfo is a shell as the REST API shows it: {@code POST /api/projects/{id}/shells} answers it,
 * {@code GET /api/shells/{id}} returns it, and {@code socketPath} is where to attach.
 */
@Serdeable
public record ShellInfo(
    String id,
    String projectId,
    int cols,
    int rows,
    Instant createdAt,
    String socketPath,
    boolean attached) {

  /** The path of a shell's socket. */
  public static String socketPath(String shellId) {
    return "/ws/shell/" + shellId;
  }

  /** The shell's current state. */
  public static ShellInfo of(Shell shell) {
    return new ShellInfo(
        shell.id(),
        shell.projectId(),
        shell.size().cols(),
        shell.size().rows(),
        shell.createdAt(),
        socketPath(shell.id()),
        shell.attached());
  }
}
