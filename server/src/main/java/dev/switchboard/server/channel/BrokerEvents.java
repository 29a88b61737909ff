package dev.switchboard.server.channel;

import dev.switchboard.contract.ChannelName;
import dev.switchboard.contract.StreamPosition;

/**
 * BrokerEvents is how a broker shared by several nodes hands this node what the others did; the
 * {@link ChannelHub} implements it. A broker calls it from one thread, in the order it learned of
 * things, and never from a thread that must not wait (the hub takes channel locks and may read
 * history).
 */
public interface BrokerEvents {

  /**
   * An event another node published; returns whether this node listens to its channel (a broker
   * measures delivery lag only for those).
   */
  boolean onEvent(StreamEvent event);

  /** Another node gave the channel a new epoch: listeners following the old one must start over. */
  void onNewEpoch(ChannelName channel, StreamPosition position);

  /**
   * The broker's link to the other nodes came back after a break: what they published meanwhile may
   * never have arrived, so every listened channel is checked against the broker's history.
   */
  void onResumed();
}
