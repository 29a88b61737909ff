package dev.switchboard.server.shell;

import dev.switchboard.server.auth.Caller;

/**
 * ShellAccess decides who may use a running shell: the admin token, or the token that created it
 * while it still holds the shell permission for the shell's project. Another token, even one with
 * shell rights on the same project, would see what the owner typed and read.
 */
public final class ShellAccess {

  private ShellAccess() {}

  /** Whether the caller may attach to, inspect or end the shell. */
  public static boolean mayUse(Caller caller, Shell shell) {
    return caller.admin()
        || (caller.tokenId().equals(shell.tokenId()) && caller.canOpenShell(shell.projectId()));
  }
}
