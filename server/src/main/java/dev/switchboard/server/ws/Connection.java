package dev.switchboard.server.ws;

import dev.switchboard.contract.error.CloseCode;
import dev.switchboard.server.auth.Caller;
import dev.switchboard.server.channel.StreamEvent;
import dev.switchboard.server.wire.CommandReplies;
import dev.switchboard.server.ws.guard.PreEncodedFrame;
import dev.switchboard.server.ws.guard.ProtocolErrorBudget;
import dev.switchboard.server.ws.guard.WebSocketConfiguration;
import dev.switchboard.server.ws.guard.WindowCounter;
import io.micronaut.core.annotation.Nullable;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelPromise;
import io.netty.channel.VoidChannelPromise;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * Connection is one client socket on {@code /ws}: who it acts for, its subscriptions, and its
 * single outbound path. Every frame, the Close included, waits in the connection in call order
 * until the socket's event loop takes the connection from its {@link Outbox}, so frames sent in
 * order (replies after the events that preceded them) arrive in order, and frames gathered while
 * the loop was busy leave in one write.
 *
 * <p>A channel event is written as a {@link PreEncodedFrame}: its WebSocket frame, header and
 * payload, is built once per publish by whichever thread delivers it, and every subscriber's socket
 * writes a view of the same off-heap bytes.
 *
 * <p>Connection holds frames only until its event loop's next turn, not while the client is slow to
 * read: the WebSocket guard ({@code FrameRulesHandler}) holds every frame written while the channel
 * is not writable in the socket's bounded outbound queue, passes them on as the client reads, and
 * evicts a client that stops reading. Its count, taken on the event loop, knows what the kernel has
 * taken, which a count kept here could not.
 */
public final class Connection implements CommandReplies {

  private static final long MINUTE_NANOS = 60_000_000_000L;

  private final String id;
  private final Caller caller;
  private final Channel channel;
  private final Outbox outbox;
  private final ChannelPromise voidPromise;
  private final LongAdder framesOut;
  // Sized for the few channels a socket usually holds (it grows as needed): the default table is
  // twice as large, on every idle socket.
  private final Map<String, ChannelSubscription> subscriptions = new ConcurrentHashMap<>(2);
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile long lastFrameAtNanos = System.nanoTime();
  private final TokenBucket commands;
  private final WindowCounter rateLimited;
  private final ProtocolErrorBudget protocolErrors;

  // Frames sent and not yet written, in order; guarded by this. Not null exactly while the
  // connection waits in its outbox, and null while nothing waits: an idle connection holds no
  // queue.
  private @Nullable ArrayDeque<WebSocketFrame> pending;

  Connection(
      String id,
      Caller caller,
      Channel channel,
      Outbox outbox,
      WebSocketConfiguration limits,
      LongAdder framesOut) {
    this.id = id;
    this.caller = caller;
    this.channel = channel;
    this.outbox = outbox;
    // Written frames need no promise of their own; failures are Netty's to log.
    this.voidPromise = new VoidChannelPromise(channel, false);
    this.framesOut = framesOut;
    long now = System.nanoTime();
    this.commands = new TokenBucket(limits.maxCommandsPerSecond(), now);
    this.rateLimited = new WindowCounter(MINUTE_NANOS, now);
    this.protocolErrors = new ProtocolErrorBudget(limits.maxProtocolErrorsPerMinute(), now);
  }

  /** The connection's id, sent in {@code connected} and used in logs. */
  public String id() {
    return id;
  }

  /** Who the connection acts for. */
  @Override
  public Caller caller() {
    return caller;
  }

  /** The socket's Netty channel. */
  Channel channel() {
    return channel;
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

  /** The connection's budget of malformed frames, shared in kind with the shell socket's. */
  ProtocolErrorBudget protocolErrors() {
    return protocolErrors;
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
   * Hands a frame to the socket's event loop, through its outbox. A client that stops reading lets
   * unsent bytes pile up in Netty; the guard evicts it as a slow consumer (4000) and it recovers by
   * offset when it reconnects. Closing politely here would not help: a polite close waits on the
   * stalled socket.
   */
  public void send(String frame) {
    if (closed.get()) {
      return;
    }
    framesOut.increment();
    enqueue(new TextWebSocketFrame(frame));
  }

  /** Replies to one of the client's commands: {@link #send(String)}. */
  @Override
  public void reply(String frame) {
    send(frame);
  }

  /**
   * Sends a channel event as the frame it was encoded to once for all its subscribers, through the
   * same path and in the same order as {@link #send(String)}.
   */
  void send(StreamEvent event) {
    if (closed.get()) {
      return;
    }
    framesOut.increment();
    enqueue(FanOutFrame.of(event));
  }

  /**
   * Closes the socket with a contract close code and releases every subscription. The Close frame
   * goes out behind the frames already sent, and TCP is dropped once it is written; the WebSocket
   * guard drops it anyway if the client does not read it.
   */
  public void close(CloseCode code, String reason) {
    if (releaseAll() && channel.isOpen()) {
      enqueue(new CloseWebSocketFrame(code.code(), reason));
    }
  }

  // Frames wait here until the loop writes them; the connection takes one place in its outbox
  // however many gather, so a loop that falls behind sends them in one write.
  private void enqueue(WebSocketFrame frame) {
    boolean join;
    synchronized (this) {
      join = pending == null;
      if (join) {
        pending = new ArrayDeque<>(4);
      }
      pending.add(frame);
    }
    if (join) {
      outbox.add(this);
    }
  }

  /**
   * Writes every frame sent so far and flushes once; called by the outbox on the socket's event
   * loop. The socket is closed once a Close is written.
   */
  void writePending() {
    ArrayDeque<WebSocketFrame> frames;
    synchronized (this) {
      frames = pending;
      pending = null;
    }
    for (WebSocketFrame frame : frames) {
      if (frame instanceof CloseWebSocketFrame) {
        channel.write(frame).addListener(ChannelFutureListener.CLOSE);
      } else {
        channel.write(frame, voidPromise);
      }
    }
    channel.flush();
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
