package dev.switchboard.server.channel;

import dev.switchboard.contract.StreamPosition;
import java.util.List;
import java.util.Objects;

/**
 * SubscribeResult is what a hub subscription starts from: the stream position just before the first
 * live event the listener will receive, whether the requested recovery succeeded, the events to
 * replay first (every event after the requested position, in order; empty unless recovered) and a
 * handle that ends the subscription.
 */
public record SubscribeResult(
    StreamPosition position, boolean recovered, List<StreamEvent> replay, Subscription handle) {

  /** Validates the components and copies the replay list. */
  public SubscribeResult {
    Objects.requireNonNull(position, "position");
    Objects.requireNonNull(handle, "handle");
    replay = List.copyOf(replay);
    if (!recovered && !replay.isEmpty()) {
      throw new IllegalArgumentException("only a recovered subscription replays events");
    }
  }
}
