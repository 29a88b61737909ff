package dev.switchboard.contract.session;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;

/** MessageStatus is where a message is in its life; every status but {@code running} is final. */
@Serdeable
public enum MessageStatus {
  /** The agent is producing this reply. */
  @JsonProperty("running")
  RUNNING,
  /** The message is stored (user messages) or the agent exited with code 0. */
  @JsonProperty("completed")
  COMPLETED,
  /** The agent exited with a non-zero code or could not start. */
  @JsonProperty("failed")
  FAILED,
  /** A client cancelled the reply. */
  @JsonProperty("cancelled")
  CANCELLED,
  /** The reply ran past the agent's timeout and was stopped. */
  @JsonProperty("timed_out")
  TIMED_OUT,
  /** The server stopped while the reply was running. */
  @JsonProperty("interrupted")
  INTERRUPTED
}
