package dev.switchboard.contract.session;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;

/** OutputStreamName says which of the agent's output streams a chunk came from. */
@Serdeable
public enum OutputStreamName {
  /** The agent's standard output. */
  @JsonProperty("stdout")
  STDOUT,
  /** The agent's standard error. */
  @JsonProperty("stderr")
  STDERR
}
