package dev.switchboard.server.ws;

import dev.switchboard.contract.Channels;
import dev.switchboard.contract.global.UnsubscribedData;
import dev.switchboard.contract.global.UnsubscribedEvent;
import dev.switchboard.server.channel.StreamEvent;
import dev.switchboard.server.channel.StreamListener;
import dev.switchboard.server.channel.Subscription;
import dev.switchboard.server.wire.FrameCodec;
import io.micronaut.core.annotation.Nullable;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ChannelSubscription is one connection's subscription to one channel, the socket's side of a hub
 * listener. Live events that arrive while the subscribe reply and the replay are still being sent
 * are held back and sent after them, so the client sees success, then every missed event, then live
 * events; the hub delivers only events after the position the replay ends at, so there is no gap
 * and no duplicate.
 */
final class ChannelSubscription implements StreamListener {

  private static final Logger LOG = LoggerFactory.getLogger(ChannelSubscription.class);

  private final Connection connection;
  private final String channel;
  private final FrameCodec codec;
  // Events that arrived before start() sent the reply and the replay; null once live.
  private volatile @Nullable List<StreamEvent> heldBack = new ArrayList<>();
  private volatile Subscription handle;

  ChannelSubscription(Connection connection, String channel, FrameCodec codec) {
    this.connection = connection;
    this.channel = channel;
    this.codec = codec;
  }

  /** The channel this subscription follows. */
  String channel() {
    return channel;
  }

  @Override
  public void onEvent(StreamEvent event) {
    // Live, the common case, takes no lock: the hub never calls one listener concurrently, and
    // start() has sent everything before it clears heldBack.
    if (heldBack != null) {
      synchronized (this) {
        List<StreamEvent> held = heldBack;
        if (held != null) {
          held.add(event);
          return;
        }
      }
    }
    connection.send(event);
  }

  /**
   * The hub cannot continue this channel without a gap (its epoch changed under a live
   * subscription). Only this subscription ends: the client is told {@code unsubscribed {reason:
   * "reset"}} and subscribes again with its position, which is answered {@code recovered: false};
   * its other channels and the connection carry on.
   */
  @Override
  public void onReset(String reason) {
    if (connection.subscriptions().remove(channel, this)) {
      close();
      LOG.info(
          "Connection {}: {} was reset ({}); the client subscribes again",
          connection.id(),
          channel,
          reason);
      connection.send(unsubscribed(codec, channel, UnsubscribedData.RESET, null));
    }
  }

  /**
   * Sends the reply and the replay, then whatever arrived meanwhile, and switches to live delivery.
   */
  synchronized void start(Subscription handle, String reply, List<StreamEvent> replay) {
    this.handle = handle;
    connection.send(reply);
    replay.forEach(connection::send);
    // onEvent adds under this lock, so nothing joins the list while it is sent; clearing it last
    // lets the hub's next event go straight to the socket, after all of these.
    heldBack.forEach(connection::send);
    heldBack = null;
  }

  void close() {
    Subscription current = handle;
    if (current != null) {
      current.close();
    }
  }

  /** The {@code unsubscribed} frame for a channel. */
  static String unsubscribed(
      FrameCodec codec, String channel, String reason, @Nullable String ref) {
    return codec.encode(
        GlobalCommands.GLOBAL_EVENTS,
        new UnsubscribedEvent(Channels.global(), new UnsubscribedData(channel, reason)),
        ref,
        null);
  }
}
