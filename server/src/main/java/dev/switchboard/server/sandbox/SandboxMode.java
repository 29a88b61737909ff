package dev.switchboard.server.sandbox;

/** SandboxMode is {@code switchboard.sandbox.mode}: whether agents and shells run in bubblewrap. */
public enum SandboxMode {
  /** bubblewrap when it works on this machine (probed once at start-up), else none, loudly. */
  AUTO,
  /** bubblewrap, or the server refuses to start. */
  BWRAP,
  /** No sandbox: agents and shells have the server user's full access. */
  OFF
}
