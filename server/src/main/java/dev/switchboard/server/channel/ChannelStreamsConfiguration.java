package dev.switchboard.server.channel;

import dev.switchboard.contract.ProtocolConstants;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * ChannelStreamsConfiguration holds the {@code switchboard.channels.*} properties: how much history
 * a recoverable channel keeps for replay after a disconnect, and the largest event other backends
 * may publish.
 *
 * <p>A channel keeps at most {@code history-max-events} events and {@code history-max-bytes} bytes
 * of frames, none older than {@code history-max-age}; all channels of a node together keep at most
 * {@code node-history-max-bytes}. Past a bound the oldest events go first; a client that needs an
 * evicted event gets {@code recovered: false} and reloads over REST. Bytes are the frames' UTF-8
 * size, what clients receive and what a node holds (each event is kept as its bytes only). {@code
 * max-publish-bytes} caps the body of {@code POST /api/channels/{channel}/events} (413 past it).
 * The event bounds are the protocol's ({@link ProtocolConstants#HISTORY_MAX_EVENTS}, {@link
 * ProtocolConstants#HISTORY_MAX_AGE_MS}), the publish cap is a socket message's ({@link
 * ProtocolConstants#MAX_MESSAGE_BYTES}).
 */
@ConfigurationProperties("switchboard.channels")
public record ChannelStreamsConfiguration(
    @Bindable(defaultValue = "" + ProtocolConstants.HISTORY_MAX_EVENTS) int historyMaxEvents,
    @Bindable(defaultValue = ProtocolConstants.HISTORY_MAX_AGE_MS + "ms") Duration historyMaxAge,
    @Bindable(defaultValue = "" + ChannelStreamsConfiguration.DEFAULT_HISTORY_MAX_BYTES)
        long historyMaxBytes,
    @Bindable(defaultValue = "" + ChannelStreamsConfiguration.DEFAULT_NODE_HISTORY_MAX_BYTES)
        long nodeHistoryMaxBytes,
    @Bindable(defaultValue = "" + ProtocolConstants.MAX_MESSAGE_BYTES) int maxPublishBytes) {

  /** History one channel keeps by default, in bytes: 4 MiB. */
  public static final long DEFAULT_HISTORY_MAX_BYTES = 4L * 1024 * 1024;

  /** History all channels of one node keep by default, in bytes: 64 MiB. */
  public static final long DEFAULT_NODE_HISTORY_MAX_BYTES = 64L * 1024 * 1024;

  /** Rejects bounds that would keep no history, naming the property to fix. */
  public ChannelStreamsConfiguration {
    if (historyMaxEvents <= 0) {
      throw new IllegalArgumentException(
          "switchboard.channels.history-max-events must be positive, was "
              + historyMaxEvents
              + "; the default is "
              + ProtocolConstants.HISTORY_MAX_EVENTS);
    }
    if (historyMaxAge == null || historyMaxAge.isNegative() || historyMaxAge.isZero()) {
      throw new IllegalArgumentException(
          "switchboard.channels.history-max-age must be a positive duration such as \"10m\", was "
              + historyMaxAge);
    }
    requirePositive("history-max-bytes", historyMaxBytes, DEFAULT_HISTORY_MAX_BYTES);
    requirePositive("node-history-max-bytes", nodeHistoryMaxBytes, DEFAULT_NODE_HISTORY_MAX_BYTES);
    requirePositive("max-publish-bytes", maxPublishBytes, ProtocolConstants.MAX_MESSAGE_BYTES);
  }

  /** The defaults: 1,000 events, 10 minutes, 4 MiB per channel, 64 MiB per node, 64 KiB publish. */
  public static ChannelStreamsConfiguration defaults() {
    return withHistory(
        ProtocolConstants.HISTORY_MAX_EVENTS,
        Duration.ofMillis(ProtocolConstants.HISTORY_MAX_AGE_MS));
  }

  /** These event bounds with the default byte bounds. */
  public static ChannelStreamsConfiguration withHistory(
      int historyMaxEvents, Duration historyMaxAge) {
    return new ChannelStreamsConfiguration(
        historyMaxEvents,
        historyMaxAge,
        DEFAULT_HISTORY_MAX_BYTES,
        DEFAULT_NODE_HISTORY_MAX_BYTES,
        ProtocolConstants.MAX_MESSAGE_BYTES);
  }

  private static void requirePositive(String property, long value, long defaultValue) {
    if (value <= 0) {
      throw new IllegalArgumentException(
          "switchboard.channels."
              + property
              + " must be a positive number of bytes, was "
              + value
              + "; the default is "
              + defaultValue);
    }
  }
}
