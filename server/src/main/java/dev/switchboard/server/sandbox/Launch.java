package dev.switchboard.server.sandbox;

import java.util.List;
import java.util.Map;

/**
 * Launch is how to start one agent run or shell: the full command line (the sandbox's wrapper
 * included), the whole environment, which replaces the server's, and how many levels at the top of
 * the process tree are the sandbox's own processes (bubblewrap and its PID 1), not the command's.
 */
public record Launch(List<String> command, Map<String, String> environment, int wrapperDepth) {

  /** bubblewrap, then its PID 1 in the new PID namespace, then the command. */
  static final int BWRAP_DEPTH = 2;

  /** Copies both. */
  public Launch {
    command = List.copyOf(command);
    environment = Map.copyOf(environment);
  }
}
