package dev.switchboard.server.session.agent;

import dev.switchboard.contract.StreamPosition;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import java.util.Optional;

/**
 * StoredOutput is a reply's stored content together with the stream position it is complete up to
 * (migration V4), read in one statement so that the two always match.
 */
@Introspected
public record StoredOutput(
    String content, @Nullable String streamEpoch, @Nullable Long streamOffset) {

  /** The position the content is complete up to; empty for rows stored without one. */
  public Optional<StreamPosition> position() {
    return streamEpoch == null || streamOffset == null
        ? Optional.empty()
        : Optional.of(new StreamPosition(streamEpoch, streamOffset));
  }
}
