package dev.switchboard.server.ws.guard;

import dev.switchboard.contract.error.CloseCode;
import io.micrometer.core.instrument.Counter;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * FrameRulesHandler is the per-connection Netty handler that enforces the frame and message rules
 * of every WebSocket (see {@link WebSocketGuardInstaller} for what is refused and why) and its
 * outbound budget. It sits before the socket's own handler (Micronaut's WebSocket handler for the
 * shell socket, {@code ChannelSocketFrames} for {@code /ws}), so it sees every frame in both
 * directions; upgraded sockets read through its {@link StrictDecoder}.
 *
 * <p>Every refusal goes through {@link #refuse}: one Close frame with the code, reads stopped, TCP
 * dropped once the Close is flushed (or after {@link #CLOSE_FLUSH_TIMEOUT_MS} if the client does
 * not read), and a Close handed to the socket's handler so that it sees the real code. Dropping TCP
 * is a half-close first ({@link #close}): the client gets the Close frame and a FIN, and the socket
 * is closed {@link #CLOSE_LINGER_MS} later.
 *
 * <p>Outbound, it passes frames on only while Netty reports the channel writable: frames written
 * while it is not (by any thread: fan-out, replies, Micronaut's pongs and Close) wait, in order, in
 * the connection's {@link OutboundQueue} and are passed on at the next writability change. The
 * queue plus Netty's own count of unsent bytes is kept within the {@link OutboundBudget}, checked
 * after every outbound frame and on every writability change. A slow consumer is evicted through
 * {@link #evict}: no polite close (which would wait on the stalled socket), but {@code SO_LINGER=0}
 * and a close that frees the queue and the unsent buffers at once.
 */
final class FrameRulesHandler extends ChannelDuplexHandler {

  /** This handler's name in the pipeline. */
  static final String NAME = "switchboard-frame-guard";

  /** How long a refused client has to read its Close frame before TCP is dropped anyway. */
  static final long CLOSE_FLUSH_TIMEOUT_MS = 5_000;

  /**
   * How long a refused socket stays half-closed before it is closed. Closing a socket whose receive
   * buffer still holds the client's unread bytes (a refused message the client is still sending)
   * makes the kernel answer with a reset, and a client that sees the reset on a write may drop the
   * connection before it reads the Close frame that came first.
   */
  static final long CLOSE_LINGER_MS = 2_000;

  /** Close reasons are limited to 123 bytes by RFC 6455; ours stay well below. */
  private static final int MAX_REASON_CHARS = 100;

  private static final Logger LOG = LoggerFactory.getLogger(FrameRulesHandler.class);

  private final int maxMessageBytes;
  private final boolean compression;
  private final OutboundBudget budget;
  private final OutboundQueue queue;
  private final Counter evictions;
  private boolean upgraded;
  private boolean evicting;
  private boolean lingering;
  private ScheduledFuture<?> graceCheck;
  private long messageBytes;
  private boolean refused;
  private ChannelFuture closeWritten;

  FrameRulesHandler(
      int maxMessageBytes,
      boolean compression,
      OutboundBudget budget,
      OutboundQueue queue,
      Counter evictions) {
    this.maxMessageBytes = maxMessageBytes;
    this.compression = compression;
    this.budget = budget;
    this.queue = queue;
    this.evictions = evictions;
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise)
      throws Exception {
    if (!upgraded
        && msg instanceof HttpResponse response
        && HttpResponseStatus.SWITCHING_PROTOCOLS.equals(response.status())) {
      upgraded = true;
      try {
        StrictDecoder.install(ctx.pipeline(), ctx.name(), maxMessageBytes, compression);
        PreEncodedFrame.installEncoder(ctx.pipeline());
      } catch (RuntimeException e) {
        // Fail closed: a socket without the guard's decoder would accept what it must refuse.
        LOG.error("WebSocket upgrade refused: {}", e.getMessage());
        ReferenceCountUtil.release(msg);
        promise.tryFailure(e);
        ctx.close();
        return;
      }
    }
    if (msg instanceof WebSocketFrame && closeWritten != null) {
      // RFC 6455 §5.5.1: nothing follows a Close. A second Close (Micronaut's own, after the
      // guard's) completes once the first is on the wire, so its listener cannot cut it short.
      ReferenceCountUtil.release(msg);
      closeWritten.addListener(written -> promise.trySuccess());
      return;
    }
    ChannelPromise written = promise;
    if (msg instanceof CloseWebSocketFrame) {
      // A void promise takes no listeners; later frames wait on this one.
      written = promise.unvoid();
      closeWritten = written;
      if (upgraded) {
        // Micronaut's own close waits for its Close to be written: never on a stalled socket.
        scheduleHardClose(ctx);
      }
    }
    if (!upgraded || !(msg instanceof WebSocketFrame frame)) {
      ctx.write(msg, written);
      return;
    }
    Channel channel = ctx.channel();
    if ((queue.isEmpty() && channel.isWritable()) || !channel.isActive()) {
      // A closed channel is never writable: let Netty fail the write rather than hold it.
      ctx.write(frame, written);
    } else {
      queue.add(frame, written);
    }
    checkOutbound(ctx);
  }

  /**
   * Closes a refused socket in two steps: a half-close now (the Close frame is already out), the
   * close {@link #CLOSE_LINGER_MS} later, so that the client reads the Close before any reset. An
   * evicted slow consumer is reset at once, and every other close passes straight on.
   */
  @Override
  public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
    if (lingering) {
      // Micronaut's own close after the guard's: done when the lingering close is.
      ctx.channel().closeFuture().addListener(closed -> promise.trySuccess());
      return;
    }
    if (refused
        && !evicting
        && ctx.channel() instanceof DuplexChannel duplex
        && duplex.isActive()
        && !duplex.isOutputShutdown()) {
      lingering = true;
      duplex.shutdownOutput();
      ctx.executor().schedule(() -> ctx.close(promise), CLOSE_LINGER_MS, TimeUnit.MILLISECONDS);
      return;
    }
    ctx.close(promise);
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    if (upgraded) {
      queue.drain(ctx);
      checkOutbound(ctx);
    }
    ctx.fireChannelWritabilityChanged();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    queue.discard(new ClosedChannelException());
    ctx.fireChannelInactive();
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    queue.discard(new ClosedChannelException());
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof WebSocketFrame frame)) {
      ctx.fireChannelRead(msg);
      return;
    }
    if (refused) {
      frame.release();
      return;
    }
    if (frame.rsv() != 0) {
      frame.release();
      refuse(ctx, CloseCode.PROTOCOL_ERROR, "reserved bits set without a negotiated extension");
      return;
    }
    if (frame instanceof BinaryWebSocketFrame) {
      frame.release();
      refuse(ctx, CloseCode.UNSUPPORTED_DATA, "binary frames are not accepted; send JSON text");
      return;
    }
    if (frame instanceof TextWebSocketFrame || frame instanceof ContinuationWebSocketFrame) {
      messageBytes =
          (frame instanceof TextWebSocketFrame ? 0 : messageBytes)
              + frame.content().readableBytes();
      if (messageBytes > maxMessageBytes) {
        frame.release();
        refuse(
            ctx,
            CloseCode.MESSAGE_TOO_BIG,
            "message exceeds " + maxMessageBytes + " bytes across its fragments");
        return;
      }
    }
    if (frame instanceof CloseWebSocketFrame close) {
      answerClose(ctx, close);
      return;
    }
    ctx.fireChannelRead(frame);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    CloseCode code = upgraded ? StrictDecoder.closeCodeOf(cause) : null;
    if (code == null) {
      ctx.fireExceptionCaught(cause);
      return;
    }
    // Handled here: passed on, Micronaut would answer every decoder error with 1011.
    if (!refused) {
      refuse(ctx, code, cause.getMessage() == null ? code.name() : cause.getMessage());
    }
  }

  /**
   * Answers the client's Close with a Close (once), then passes it on to the socket's handler
   * ({@code /ws}'s {@code ChannelSocketFrames}, or Micronaut's for the shell socket, which runs
   * {@code @OnClose}). Frames still queued are dropped: the client has said it reads no more (and a
   * Close of ours still in the queue fails, which drops TCP).
   */
  private void answerClose(ChannelHandlerContext ctx, CloseWebSocketFrame close) {
    refused = true;
    queue.discard(new ClosedChannelException());
    if (closeWritten == null) {
      int code = close.statusCode();
      CloseWebSocketFrame answer =
          code < 0 ? new CloseWebSocketFrame() : new CloseWebSocketFrame(code, "");
      closeWritten = ctx.writeAndFlush(answer);
      closeWritten.addListener(ChannelFutureListener.CLOSE);
      scheduleHardClose(ctx);
    } else {
      // The client's answer to our Close: the handshake is complete.
      closeWritten.addListener(ChannelFutureListener.CLOSE);
    }
    ctx.fireChannelRead(close);
  }

  private void refuse(ChannelHandlerContext ctx, CloseCode code, String reason) {
    refused = true;
    // Nothing may follow the Close, which goes out ahead of anything still queued.
    queue.discard(new ClosedChannelException());
    ctx.channel().config().setAutoRead(false);
    String shortReason =
        reason.length() > MAX_REASON_CHARS ? reason.substring(0, MAX_REASON_CHARS) : reason;
    LOG.info(
        "Closing WebSocket from {} with {}: {}",
        ctx.channel().remoteAddress(),
        code.code(),
        shortReason);
    if (closeWritten == null) {
      closeWritten = ctx.writeAndFlush(new CloseWebSocketFrame(code.code(), shortReason));
    }
    closeWritten.addListener(ChannelFutureListener.CLOSE);
    scheduleHardClose(ctx);
    ctx.fireChannelRead(new CloseWebSocketFrame(code.code(), shortReason));
  }

  /** Reads the unsent bytes and acts on the budget's verdict. */
  private void checkOutbound(ChannelHandlerContext ctx) {
    if (refused || evicting) {
      return;
    }
    long pending = FrameworkInternals.unsentBytes(ctx.channel()) + queue.bytes();
    long now = System.nanoTime();
    switch (budget.observe(pending, now)) {
      case WITHIN -> {}
      case OVER -> {
        if (graceCheck == null) {
          // Without this timer a client that stalls after the last event would never be judged.
          graceCheck =
              ctx.executor()
                  .schedule(
                      () -> {
                        graceCheck = null;
                        checkOutbound(ctx);
                      },
                      budget.nanosUntilGraceEnds(now) + 1,
                      TimeUnit.NANOSECONDS);
        }
      }
      case EVICT -> {
        evicting = true;
        long overForMs = budget.overForNanos(now) / 1_000_000;
        // Run outside write(): evicting fires a Close into the socket's handler, which may write.
        ctx.executor().execute(() -> evict(ctx, pending, overForMs));
      }
    }
  }

  private void evict(ChannelHandlerContext ctx, long pendingBytes, long overForMs) {
    Channel channel = ctx.channel();
    if (!channel.isOpen()) {
      return;
    }
    refused = true;
    evictions.increment();
    LOG.warn(
        "Evicting slow consumer {} with {}: {} bytes unsent, over the {}-byte budget for {} ms"
            + " (hard ceiling {})",
        channel.remoteAddress(),
        CloseCode.SLOW_CONSUMER.code(),
        pendingBytes,
        budget.maxPendingBytes(),
        overForMs,
        budget.hardMaxPendingBytes());
    channel.config().setAutoRead(false);
    queue.discard(new ClosedChannelException());
    String reason = "slow consumer";
    if (closeWritten == null) {
      // Best effort, never awaited: queued behind what the client is not reading, it rarely lands.
      closeWritten =
          ctx.writeAndFlush(new CloseWebSocketFrame(CloseCode.SLOW_CONSUMER.code(), reason));
    }
    // SO_LINGER=0 turns close() into a reset that does not wait on the stalled peer; Netty then
    // fails every unsent write, so their buffers are released now. Set before the socket's handler
    // sees
    // the Close below, which may close the channel at once: setting it on a closed socket throws.
    channel.config().setOption(ChannelOption.SO_LINGER, 0);
    // The socket's handler sees the real code: on /ws, ChannelSocketFrames ends the connection
    // (releasing its subscriptions); on the shell socket, Micronaut runs @OnClose.
    ctx.fireChannelRead(new CloseWebSocketFrame(CloseCode.SLOW_CONSUMER.code(), reason));
    channel.close();
  }

  private static void scheduleHardClose(ChannelHandlerContext ctx) {
    ctx.executor()
        .schedule(
            () -> {
              if (ctx.channel().isOpen()) {
                ctx.close();
              }
            },
            CLOSE_FLUSH_TIMEOUT_MS,
            TimeUnit.MILLISECONDS);
  }
}
