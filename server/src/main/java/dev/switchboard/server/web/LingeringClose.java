package dev.switchboard.server.web;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * LingeringClose makes the server's close of an HTTP connection a half-close: the answer is
 * followed by a FIN, what the client still sends is read and dropped, and the socket closes when
 * the client closes its side, or after {@link #LINGER_MILLIS} or {@link #MAX_DISCARDED_BYTES} at
 * the latest. This is the "lingering close" of RFC 9112 §9.6, as Apache httpd and nginx do it.
 *
 * <p>Without it, a request refused before its body was read (a forged {@code POST}, an
 * unauthenticated upload) is answered and the socket closed with the body still arriving: the
 * kernel answers that data with a TCP reset, which can reach the client before it has read the
 * answer, so the client sees "connection reset" instead of the 403 that says why. Netty's epoll
 * transport, which reads and closes a little sooner than NIO, made this happen for 2 to 6 of 15
 * refused requests in {@code UnsafeRequestIT}.
 *
 * <p>It stands first in every HTTP/1.1 connection's pipeline, so its {@link #close} sees every
 * close and its reads come before HTTP decoding. A WebSocket upgrade takes it off (the sockets
 * close on their own terms, a slow consumer's with a reset), and so does {@code SO_LINGER=0}.
 */
final class LingeringClose extends ChannelDuplexHandler {

  static final String NAME = "switchboard-lingering-close";

  /** The longest a closed connection waits for the client to close its side. */
  static final long LINGER_MILLIS = 2_000;

  /** The most a closed connection reads and drops before it closes at once. */
  static final int MAX_DISCARDED_BYTES = 1 << 20;

  private ChannelPromise closing;
  private ScheduledFuture<?> deadline;
  private long discarded;

  @Override
  public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
    Channel channel = ctx.channel();
    if (closing != null) {
      // Closed again while lingering (shutdown, a timeout of Micronaut's): close now.
      finish(ctx);
      ctx.close(promise);
      return;
    }
    if (!(channel instanceof DuplexChannel duplex)
        || !channel.isActive()
        || duplex.isInputShutdown()
        || duplex.isOutputShutdown()
        || Integer.valueOf(0).equals(channel.config().getOption(ChannelOption.SO_LINGER))) {
      ctx.close(promise);
      return;
    }
    closing = promise;
    deadline = ctx.executor().schedule(() -> finish(ctx), LINGER_MILLIS, TimeUnit.MILLISECONDS);
    duplex
        .shutdownOutput()
        .addListener(
            shutdown -> {
              if (!shutdown.isSuccess()) {
                finish(ctx);
              }
            });
    // Keep reading, so that the client's close (or more of its body) is seen.
    channel.config().setAutoRead(true);
    ctx.read();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (closing == null) {
      ctx.fireChannelRead(msg);
      return;
    }
    discarded += sizeOf(msg);
    ReferenceCountUtil.release(msg);
    if (discarded > MAX_DISCARDED_BYTES) {
      finish(ctx);
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    if (closing != null) {
      // The client closed its side and Netty closed the socket: the close asked for is done.
      if (deadline != null) {
        deadline.cancel(false);
      }
      closing.trySuccess();
    }
    super.channelInactive(ctx);
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (msg instanceof HttpResponse response
        && response.status().code() == HttpResponseStatus.SWITCHING_PROTOCOLS.code()) {
      ctx.pipeline().remove(this);
    }
    ctx.write(msg, promise);
  }

  private void finish(ChannelHandlerContext ctx) {
    ChannelPromise promise = closing;
    if (promise == null || promise.isDone()) {
      return;
    }
    if (deadline != null) {
      deadline.cancel(false);
    }
    ctx.close(promise);
  }

  private static long sizeOf(Object msg) {
    if (msg instanceof ByteBuf buf) {
      return buf.readableBytes();
    }
    return msg instanceof ByteBufHolder holder ? holder.content().readableBytes() : 0;
  }
}
