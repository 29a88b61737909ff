package dev.switchboard.contract.project;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;

/** SessionStatus says whether a session's agent is running a reply. */
@Serdeable
public enum SessionStatus {
  /** No reply is running; the session accepts {@code send_message}. */
  @JsonProperty("idle")
  IDLE,
  /** A reply is running; another {@code send_message} is refused with {@code conflict}. */
  @JsonProperty("running")
  RUNNING
}
