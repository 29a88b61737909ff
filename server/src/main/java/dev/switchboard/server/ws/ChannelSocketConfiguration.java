package dev.switchboard.server.ws;

import dev.switchboard.contract.ProtocolConstants;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * ChannelSocketConfiguration holds the limits of {@code /ws} connections ({@code
 * switchboard.ws.*}), defaulting to the protocol's constants; they are announced to each client in
 * {@code connected}.
 *
 * <p>The outbound budget ({@code max-pending-bytes}, {@code max-pending-bytes-hard}, {@code
 * slow-consumer-grace}) is enforced on every WebSocket by the guard, on the bytes held in the
 * connection's outbound queue (frames written while the channel was not writable) plus Netty's own
 * count of unsent bytes: a client over the budget is evicted only if it is still over after the
 * grace period, so a fast reader in a burst (whose writes, queued from publisher threads, count as
 * pending at once) keeps its connection, while a client past the hard ceiling is evicted at once.
 */
@ConfigurationProperties("switchboard.ws")
public record ChannelSocketConfiguration(
    @Bindable(defaultValue = "100") int maxSubscriptions,
    @Bindable(defaultValue = "30s") Duration heartbeatInterval,
    @Bindable(defaultValue = "5s") Duration pongTimeout,
    @Bindable(defaultValue = "75s") Duration idleTimeout,
    @Bindable(defaultValue = "65536") int maxMessageBytes,
    @Bindable(defaultValue = "100") int maxCommandsPerSecond,
    @Bindable(defaultValue = "1048576") long maxPendingBytes,
    @Bindable(defaultValue = "50") int maxRateLimitedPerMinute,
    @Bindable(defaultValue = "20") int maxProtocolErrorsPerMinute,
    @Bindable(defaultValue = "8388608") long maxPendingBytesHard,
    @Bindable(defaultValue = "2s") Duration slowConsumerGrace) {

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
    if (maxPendingBytesHard < maxPendingBytes) {
      throw new IllegalArgumentException(
          "switchboard.ws.max-pending-bytes-hard ("
              + maxPendingBytesHard
              + ") must be at least max-pending-bytes ("
              + maxPendingBytes
              + ")");
    }
    if (slowConsumerGrace.isNegative()) {
      throw new IllegalArgumentException(
          "switchboard.ws.slow-consumer-grace must not be negative; write e.g. 2s");
    }
  }
}
