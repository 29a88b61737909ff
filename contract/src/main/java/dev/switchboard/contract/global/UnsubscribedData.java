package dev.switchboard.contract.global;

import io.micronaut.serde.annotation.Serdeable;
import java.util.Objects;

/**
 * UnsubscribedData names the channel that ended and why ({@code "client"} for the client's own
 * unsubscribe, otherwise the server's reason).
 */
@Serdeable
public record UnsubscribedData(String channel, String reason) {

  /** Validates that both components are present. */
  public UnsubscribedData {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(reason, "reason");
  }
}
