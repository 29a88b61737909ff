package dev.switchboard.contract.global;

import io.micronaut.serde.annotation.Serdeable;
import java.util.Objects;

/**
 * UnsubscribedData names the channel that ended and why: {@value #CLIENT} answers the client's own
 * {@code unsubscribe}; {@value #RESET} means the server ended the subscription because the
 * channel's stream can no longer continue without a gap (its epoch changed, e.g. the node lost
 * Redis). A client that still wants the channel subscribes again with its position and is answered
 * {@code recovered: false}.
 */
@Serdeable
public record UnsubscribedData(String channel, String reason) {

  /** The reason answering the client's {@code unsubscribe}. */
  public static final String CLIENT = "client";

  /** The reason when the channel's stream was reset under the subscription. */
  public static final String RESET = "reset";

  /** Validates that both components are present. */
  public UnsubscribedData {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(reason, "reason");
  }
}
