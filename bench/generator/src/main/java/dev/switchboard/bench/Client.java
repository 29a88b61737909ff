package dev.switchboard.bench;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;

/**
 * Client is one simulated WebSocket client: its channels, its recovery positions (for protocols
 * that recover) and its live socket. Everything but the volatile fields is touched only by the
 * socket's event loop.
 */
final class Client {

  final int id;
  final Fleet fleet;
  final String[] channels;
  final String[] epochs;
  final long[] offsets;
  volatile Channel socket;
  volatile boolean subscribed;
  volatile boolean lostHistory;
  int acks;
  int seenPhase = -1;
  long received;
  boolean useSince;
  volatile boolean slow;
  volatile long closedAtNanos;

  Client(int id, Fleet fleet, String... channels) {
    this.id = id;
    this.fleet = fleet;
    this.channels = channels;
    this.epochs = new String[channels.length];
    this.offsets = new long[channels.length];
  }

  Protocol protocol() {
    return fleet.protocol;
  }

  /** The protocol finished its own handshake: subscribe to every channel. */
  void opened() {
    acks = 0;
    for (int i = 0; i < channels.length; i++) {
      fleet.protocol.subscribe(this, i);
    }
  }

  /** A subscription was confirmed; {@code recovered} is false when history could not be replayed. */
  void acked(boolean recovered) {
    if (!recovered && useSince) {
      lostHistory = true;
    }
    if (++acks == channels.length && !subscribed) {
      subscribed = true;
      fleet.subscribed(this);
    }
  }

  /** The protocol does not confirm subscriptions: count them as confirmed once sent. */
  void ackedOnSend() {
    acked(true);
  }

  void event(long seq, long sentNanos) {
    received++;
    fleet.event(this, seq, sentNanos);
  }

  int channelIndex(String name) {
    for (int i = 0; i < channels.length; i++) {
      if (channels[i].equals(name)) {
        return i;
      }
    }
    return -1;
  }

  void send(String text) {
    send(new TextWebSocketFrame(text));
  }

  void send(WebSocketFrame frame) {
    Channel s = socket;
    if (s != null && s.isActive()) {
      s.writeAndFlush(frame, s.voidPromise());
    } else {
      frame.release();
    }
  }
}
