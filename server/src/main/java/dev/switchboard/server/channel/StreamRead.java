package dev.switchboard.server.channel;

import dev.switchboard.contract.StreamPosition;
import io.micronaut.core.annotation.Nullable;
import java.util.List;
import java.util.Objects;

/**
 * StreamRead is a channel's position read together with the events after a requested one: {@code
 * missed} is null when none was requested or they cannot all be replayed (other epoch, trimmed,
 * expired, or a position the stream has not reached), else every one of them in order.
 */
public record StreamRead(StreamPosition position, @Nullable List<StreamEvent> missed) {

  /** Validates the position and copies the events. */
  public StreamRead {
    Objects.requireNonNull(position, "position");
    missed = missed == null ? null : List.copyOf(missed);
  }
}
