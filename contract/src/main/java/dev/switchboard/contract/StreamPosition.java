package dev.switchboard.contract;

import io.micronaut.serde.annotation.Serdeable;
import java.util.Objects;

/**
 * StreamPosition is a point in a recoverable channel's stream: the stream's {@code epoch} (it
 * changes whenever history is lost, so offsets of two epochs never compare) and the {@code offset}
 * of the last event applied (0 before the first event).
 */
@Serdeable
public record StreamPosition(String epoch, long offset) {

  /** Validates the epoch and offset. */
  public StreamPosition {
    Objects.requireNonNull(epoch, "epoch");
    if (epoch.isEmpty()) {
      throw new IllegalArgumentException("epoch must not be empty");
    }
    if (offset < 0) {
      throw new IllegalArgumentException("offset must not be negative, was " + offset);
    }
  }
}
