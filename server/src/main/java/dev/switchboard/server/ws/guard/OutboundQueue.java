package dev.switchboard.server.ws.guard;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicLong;

/**
 * OutboundQueue holds, in order, the frames written to one WebSocket while its channel was not
 * writable, until Netty reports it writable again. Held frames are still Micronaut's (heap) text
 * frames: they are encoded into the transport's (direct) buffers only when passed on, so a client
 * that reads slowly costs direct memory only up to Netty's write-buffer high watermark, and the
 * backlog itself is counted here, where the guard's {@link OutboundBudget} bounds it.
 *
 * <p>Not thread-safe: one instance per channel, used on its event loop. The node-wide total feeds
 * the {@code switchboard.ws.outbound.queued} gauge.
 */
final class OutboundQueue {

  private record Held(WebSocketFrame frame, ChannelPromise promise) {}

  // Created when a frame first has to wait: most sockets never hold one, and an idle socket's
  // memory is what a node's capacity is counted in.
  private ArrayDeque<Held> held;
  private final AtomicLong nodeTotal;
  private long bytes;

  OutboundQueue(AtomicLong nodeTotal) {
    this.nodeTotal = nodeTotal;
  }

  boolean isEmpty() {
    return held == null || held.isEmpty();
  }

  /** The payload bytes held. */
  long bytes() {
    return bytes;
  }

  void add(WebSocketFrame frame, ChannelPromise promise) {
    if (held == null) {
      held = new ArrayDeque<>();
    }
    held.add(new Held(frame, promise));
    count(frame.content().readableBytes());
  }

  /**
   * Passes held frames on, in order, for as long as the channel stays writable, and flushes them;
   * the rest wait for the next writability change.
   */
  void drain(ChannelHandlerContext ctx) {
    boolean wrote = false;
    while (!isEmpty() && ctx.channel().isWritable()) {
      Held next = held.poll();
      count(-next.frame().content().readableBytes());
      ctx.write(next.frame(), next.promise());
      wrote = true;
    }
    if (wrote) {
      ctx.flush();
    }
  }

  /** Releases every held frame and fails its write with {@code cause}. */
  void discard(Throwable cause) {
    Held next;
    while (held != null && (next = held.poll()) != null) {
      count(-next.frame().content().readableBytes());
      next.frame().release();
      if (!next.promise().isVoid()) {
        next.promise().tryFailure(cause);
      }
    }
  }

  private void count(long delta) {
    bytes += delta;
    nodeTotal.addAndGet(delta);
  }
}
