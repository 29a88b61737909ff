package dev.switchboard.server.sandbox;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;

/**
 * SandboxMode is {@code switchboard.sandbox.mode}: whether agents and shells run in bubblewrap.
 * Written in lower case in configuration and JSON.
 */
@Serdeable
public enum SandboxMode {
  /** bubblewrap when it works on this machine (probed once at start-up), else none, loudly. */
  @JsonProperty("auto")
  AUTO,
  /** bubblewrap, or the server refuses to start. */
  @JsonProperty("bwrap")
  BWRAP,
  /** No sandbox: agents and shells have the server user's full access. */
  @JsonProperty("off")
  OFF
}
