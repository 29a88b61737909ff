package dev.switchboard.server.channel;

/**
 * BrokerUnavailableException says a broker shared with other nodes could not be reached (a command
 * failed or timed out). The {@link ChannelHub} then serves the channel on this node alone until the
 * broker answers again.
 */
public final class BrokerUnavailableException extends RuntimeException {

  /** Wraps the failure that made the broker unreachable. */
  public BrokerUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
