package dev.switchboard.server.channel;

/** Subscription is a live listener's registration on one channel; closing it is idempotent. */
@FunctionalInterface
public interface Subscription extends AutoCloseable {

  /** Stops delivery to the listener; calling it again does nothing. */
  @Override
  void close();
}
