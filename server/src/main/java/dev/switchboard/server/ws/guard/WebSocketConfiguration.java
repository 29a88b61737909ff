package dev.switchboard.server.ws.guard;

import dev.switchboard.contract.ProtocolConstants;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;
import java.util.List;

/**
 * WebSocketConfiguration holds every {@code switchboard.ws.*} setting, for {@code /ws} and the
 * shell socket alike. A default that the protocol announces comes from {@link ProtocolConstants}
 * (the same numbers the web client is generated with); the others are written here, once.
 *
 * <p>{@code /ws} announces its limits to each client in {@code connected}. The guard enforces on
 * every socket: {@code max-message-bytes} (one limit, so that the announced limit is the enforced
 * one), {@code compression}, {@code allowed-origins}, {@code max-connections-per-token} (the slots
 * both kinds of socket share), {@code max-protocol-errors-per-minute}, and the outbound budget:
 * {@code max-pending-bytes}, {@code max-pending-bytes-hard} and {@code slow-consumer-grace}, on the
 * bytes held in the connection's outbound queue (frames written while the channel was not writable)
 * plus Netty's own count of unsent bytes. A client over the budget is evicted only if it is still
 * over after the grace period, so a fast reader in a burst (whose writes, queued from publisher
 * threads, count as pending at once) keeps its connection, while a client past the hard ceiling is
 * evicted at once.
 */
@ConfigurationProperties("switchboard.ws")
public record WebSocketConfiguration(
    @Bindable(defaultValue = "" + ProtocolConstants.MAX_SUBSCRIPTIONS) int maxSubscriptions,
    @Bindable(defaultValue = ProtocolConstants.HEARTBEAT_INTERVAL_MS + "ms")
        Duration heartbeatInterval,
    @Bindable(defaultValue = ProtocolConstants.PONG_TIMEOUT_MS + "ms") Duration pongTimeout,
    @Bindable(defaultValue = ProtocolConstants.IDLE_TIMEOUT_MS + "ms") Duration idleTimeout,
    @Bindable(defaultValue = "" + ProtocolConstants.MAX_MESSAGE_BYTES) int maxMessageBytes,
    @Bindable(defaultValue = "" + ProtocolConstants.MAX_COMMANDS_PER_SECOND)
        int maxCommandsPerSecond,
    @Bindable(defaultValue = "" + ProtocolConstants.OUTBOUND_QUEUE_MAX_BYTES) long maxPendingBytes,
    @Bindable(defaultValue = "50") int maxRateLimitedPerMinute,
    @Bindable(defaultValue = "20") int maxProtocolErrorsPerMinute,
    @Bindable(defaultValue = "8388608") long maxPendingBytesHard,
    @Bindable(defaultValue = "2s") Duration slowConsumerGrace,
    @Bindable(defaultValue = "50") int maxConnectionsPerToken,
    @Bindable(defaultValue = "false") boolean compression,
    @Nullable List<String> allowedOrigins,
    @Bindable(defaultValue = "5s") Duration idleCheckInterval) {

  /**
   * Validates every limit, naming the setting to fix, and treats a missing origin list as empty.
   */
  public WebSocketConfiguration {
    requirePositive("max-subscriptions", maxSubscriptions, ProtocolConstants.MAX_SUBSCRIPTIONS);
    requirePositive("max-message-bytes", maxMessageBytes, ProtocolConstants.MAX_MESSAGE_BYTES);
    requirePositive(
        "max-commands-per-second", maxCommandsPerSecond, ProtocolConstants.MAX_COMMANDS_PER_SECOND);
    requirePositive("max-rate-limited-per-minute", maxRateLimitedPerMinute, 50);
    requirePositive("max-protocol-errors-per-minute", maxProtocolErrorsPerMinute, 20);
    requirePositive("max-connections-per-token", maxConnectionsPerToken, 50);
    if (maxPendingBytes < maxMessageBytes) {
      throw new IllegalArgumentException(
          "switchboard.ws.max-pending-bytes ("
              + maxPendingBytes
              + ") must be at least max-message-bytes ("
              + maxMessageBytes
              + ")");
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
    if (idleCheckInterval.isNegative() || idleCheckInterval.isZero()) {
      throw new IllegalArgumentException(
          "switchboard.ws.idle-check-interval must be positive; write e.g. 5s");
    }
    allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
  }

  private static void requirePositive(String setting, long value, long usual) {
    if (value < 1) {
      throw new IllegalArgumentException(
          "switchboard.ws."
              + setting
              + " must be at least 1 (default "
              + usual
              + "), not "
              + value);
    }
  }
}
