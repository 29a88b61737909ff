package dev.switchboard.contract.global;

import io.micronaut.serde.annotation.Serdeable;

/**
 * DrainingData tells a client when to reconnect after the draining node closes its connection:
 * {@code retryAfterMs} from the close, chosen by the server so that its clients' reconnects spread
 * evenly over the drain instead of landing on the other nodes at once. A client uses it instead of
 * its own backoff for that one reconnect.
 */
@Serdeable
public record DrainingData(long retryAfterMs) {

  /** Rejects a negative delay. */
  public DrainingData {
    if (retryAfterMs < 0) {
      throw new IllegalArgumentException("retryAfterMs must not be negative");
    }
  }
}
