package dev.switchboard.server.channel;

import dev.switchboard.contract.ProtocolConstants;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * ChannelStreamsConfiguration holds the {@code switchboard.channels.*} properties: how much history
 * a recoverable channel keeps for replay after a disconnect.
 *
 * <p>A channel keeps at most {@code history-max-events} events, none older than {@code
 * history-max-age}; a client that was away longer gets {@code recovered: false} and reloads over
 * REST. The defaults are the protocol's ({@link ProtocolConstants#HISTORY_MAX_EVENTS}, {@link
 * ProtocolConstants#HISTORY_MAX_AGE_MS}).
 */
@ConfigurationProperties("switchboard.channels")
public record ChannelStreamsConfiguration(
    @Bindable(defaultValue = "" + ProtocolConstants.HISTORY_MAX_EVENTS) int historyMaxEvents,
    @Bindable(defaultValue = ProtocolConstants.HISTORY_MAX_AGE_MS + "ms") Duration historyMaxAge) {

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
  }

  /** The protocol's defaults: 1,000 events, 10 minutes. */
  public static ChannelStreamsConfiguration defaults() {
    return new ChannelStreamsConfiguration(
        ProtocolConstants.HISTORY_MAX_EVENTS,
        Duration.ofMillis(ProtocolConstants.HISTORY_MAX_AGE_MS));
  }
}
