package dev.switchboard.server.ws;

import dev.switchboard.contract.ProtocolConstants;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * ChannelSocketConfiguration holds the limits of {@code /ws} connections ({@code
 * switchboard.ws.*}), defaulting to the protocol's constants; they are announced to each client in
 * {@code connected}.
 */
@ConfigurationProperties("switchboard.ws")
public record ChannelSocketConfiguration(
    @Bindable(defaultValue = "100") int maxSubscriptions,
    @Bindable(defaultValue = "30s") Duration heartbeatInterval,
    @Bindable(defaultValue = "5s") Duration pongTimeout,
    @Bindable(defaultValue = "75s") Duration idleTimeout,
    @Bindable(defaultValue = "65536") int maxMessageBytes,
    @Bindable(defaultValue = "100") int maxCommandsPerSecond,
    @Bindable(defaultValue = "8388608") long maxPendingBytes,
    @Bindable(defaultValue = "50") int maxRateLimitedPerMinute,
    @Bindable(defaultValue = "20") int maxProtocolErrorsPerMinute) {

  /** Validates that every limit is positive. */
  public ChannelSocketConfiguration {
    if (maxSubscriptions < 1
        || maxMessageBytes < 1
        || maxCommandsPerSecond < 1
        || maxRateLimitedPerMinute < 1
        || maxProtocolErrorsPerMinute < 1) {
      throw new IllegalArgumentException(
          "switchboard.ws limits must be positive (defaults: max-subscriptions "
              + ProtocolConstants.MAX_SUBSCRIPTIONS
              + ", max-message-bytes "
              + ProtocolConstants.MAX_MESSAGE_BYTES
              + ")");
    }
    if (maxPendingBytes < maxMessageBytes) {
      throw new IllegalArgumentException(
          "switchboard.ws.max-pending-bytes must be at least max-message-bytes");
    }
  }
}
