package dev.switchboard.server.ws;

import dev.switchboard.contract.error.CloseCode;
import dev.switchboard.server.auth.Caller;
import dev.switchboard.server.channel.StreamEvent;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.websocket.CloseReason;
import io.micronaut.websocket.WebSocketSession;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * Connection is one client socket on {@code /ws}: who it acts for, its subscriptions, and its
 * single outbound path. Every frame goes through {@link #send}, which hands it to the socket's
 * event loop in call order, so frames sent in order (replies after the events that preceded them)
 * arrive in order.
 *
 * <p>Frames are written to the socket's Netty channel as text frames, not through {@link
 * WebSocketSession#sendAsync}, which would encode each one again (and allocate a future) for every
 * subscriber: a channel event is written as its {@link StreamEvent#frameUtf8() bytes}, encoded once
 * per publish and wrapped, not copied, for each subscriber. Without a Netty channel (a session from
 * another transport) frames go through the session.
 *
 * <p>Connection keeps no queue of its own: the WebSocket guard ({@code FrameGuard}) holds every
 * frame written while the channel is not writable in the socket's bounded outbound queue, passes
 * them on as the client reads, and evicts a client that stops reading. Its count, taken on the
 * event loop, knows what the kernel has taken, which a count kept here could not.
 */
public final class Connection {

  private static final long MINUTE_NANOS = 60_000_000_000L;

  private final String id;
  private final Caller caller;
  private final WebSocketSession session;
  private final @Nullable Channel channel;
  private final LongAdder framesOut;
  private final Map<String, ChannelSubscription> subscriptions = new ConcurrentHashMap<>();
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile long lastFrameAtNanos = System.nanoTime();
  private final TokenBucket commands;
  private final WindowCounter rateLimited;
  private final WindowCounter protocolErrors;

  Connection(
      String id,
      Caller caller,
      WebSocketSession session,
      @Nullable Channel channel,
      ChannelSocketConfiguration limits,
      LongAdder framesOut) {
    this.id = id;
    this.caller = caller;
    this.session = session;
    this.channel = channel;
    this.framesOut = framesOut;
    long now = System.nanoTime();
    this.commands = new TokenBucket(limits.maxCommandsPerSecond(), now);
    this.rateLimited = new WindowCounter(MINUTE_NANOS, now);
    this.protocolErrors = new WindowCounter(MINUTE_NANOS, now);
  }

  /** The connection's id, sent in {@code connected} and used in logs. */
  public String id() {
    return id;
  }

  /** Who the connection acts for. */
  public Caller caller() {
    return caller;
  }

  /** Records that the client sent a frame, which keeps the connection from idling out. */
  void touch() {
    lastFrameAtNanos = System.nanoTime();
  }

  /** Whether the client may send another command now (the per-connection rate limit). */
  boolean admitCommand(long nowNanos) {
    return commands.tryTake(nowNanos);
  }

  /** Counts a refused command; returns how many were refused in the current minute. */
  int recordRateLimited(long nowNanos) {
    return rateLimited.record(nowNanos);
  }

  /** Counts an invalid frame; returns how many arrived in the current minute. */
  int recordProtocolError(long nowNanos) {
    return protocolErrors.record(nowNanos);
  }

  /** How long the client has sent nothing. */
  long idleNanos(long nowNanos) {
    return nowNanos - lastFrameAtNanos;
  }

  /** Whether the connection has been closed. */
  public boolean isClosed() {
    return closed.get();
  }

  /**
   * Hands a frame to the socket's event loop. A client that stops reading lets unsent bytes pile up
   * in Netty; the guard evicts it as a slow consumer (4000) and it recovers by offset when it
   * reconnects. Closing politely here would not help: a polite close waits on the stalled socket.
   */
  public void send(String frame) {
    if (closed.get()) {
      return;
    }
    framesOut.increment();
    if (channel == null) {
      session.sendAsync(frame);
    } else {
      channel.writeAndFlush(new TextWebSocketFrame(frame));
    }
  }

  /**
   * Sends a channel event as the bytes it was encoded to once for all its subscribers, through the
   * same path and in the same order as {@link #send(String)}.
   */
  void send(StreamEvent event) {
    if (closed.get()) {
      return;
    }
    framesOut.increment();
    if (channel == null) {
      session.sendAsync(event.frame());
    } else {
      // A wrapper around the shared bytes: no copy and nothing to release.
      channel.writeAndFlush(new TextWebSocketFrame(Unpooled.wrappedBuffer(event.frameUtf8())));
    }
  }

  /** Closes the socket with a contract close code and releases every subscription. */
  public void close(CloseCode code, String reason) {
    if (releaseAll() && session.isOpen()) {
      session.close(new CloseReason(code.code(), reason));
    }
  }

  /** Releases every subscription; returns false when the connection was already released. */
  boolean releaseAll() {
    if (!closed.compareAndSet(false, true)) {
      return false;
    }
    subscriptions.values().forEach(ChannelSubscription::close);
    subscriptions.clear();
    return true;
  }

  Map<String, ChannelSubscription> subscriptions() {
    return subscriptions;
  }
}
