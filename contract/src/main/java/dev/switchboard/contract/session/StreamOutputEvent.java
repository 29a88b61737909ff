package dev.switchboard.contract.session;

import io.micronaut.serde.annotation.Serdeable;
import java.util.Objects;

/**
 * StreamOutputEvent ({@code stream_output}): published by the server for each coalesced chunk of
 * the agent's output, in order; {@code seq} counts chunks within the message from 0.
 */
@Serdeable
public record StreamOutputEvent(String channel, StreamOutputData data) implements SessionEvent {

  /** Validates that both components are present. */
  public StreamOutputEvent {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(data, "data");
  }

  @Override
  public SessionEventType type() {
    return SessionEventType.STREAM_OUTPUT;
  }
}
