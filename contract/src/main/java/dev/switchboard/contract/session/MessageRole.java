package dev.switchboard.contract.session;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;

/** MessageRole says who wrote a message. */
@Serdeable
public enum MessageRole {
  /** Text a person sent with {@code send_message}. */
  @JsonProperty("user")
  USER,
  /** Output of the agent command run for a user message. */
  @JsonProperty("agent")
  AGENT
}
