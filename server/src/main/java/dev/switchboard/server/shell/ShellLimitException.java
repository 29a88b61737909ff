package dev.switchboard.server.shell;

/** ShellLimitException: the token already holds {@code switchboard.shell.max-per-token} shells. */
public final class ShellLimitException extends Exception {

  private static final long serialVersionUID = 1L;

  ShellLimitException(int limit) {
    super(
        "This token already has "
            + limit
            + " open shells (switchboard.shell.max-per-token): close one with DELETE"
            + " /api/shells/{id} or let a detached one end, then retry",
        null,
        false,
        false);
  }
}
