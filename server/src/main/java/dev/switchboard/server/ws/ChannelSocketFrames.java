package dev.switchboard.server.ws;

import io.micronaut.core.annotation.Nullable;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ChannelSocketFrames is the last handler of one {@code /ws} socket: it joins a text message's
 * fragments and hands the message to the socket's {@link ChannelSocketEndpoint}, answers pings, and
 * tells the socket once when the connection ends, with the Close code it ended with (1006 without a
 * Close).
 *
 * <p>It sees only what the WebSocket guard let through: frames of a message within the size limit,
 * valid UTF-8, no binary frames, no reserved bits. The guard also answers the client's Close and
 * passes it on, and passes on a Close of its own when it refuses or evicts the client.
 */
final class ChannelSocketFrames extends ChannelInboundHandlerAdapter {

  /** This handler's name in the pipeline. */
  static final String NAME = "switchboard-ws-frames";

  private static final Logger LOG = LoggerFactory.getLogger(ChannelSocketFrames.class);

  private final ChannelSocketEndpoint socket;
  private @Nullable Connection connection;
  private @Nullable CompositeByteBuf fragments;
  private boolean ended;

  ChannelSocketFrames(ChannelSocketEndpoint socket) {
    this.socket = socket;
  }

  /** Attaches the connection opened on this socket. */
  void open(Connection connection) {
    this.connection = connection;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    try {
      if (msg instanceof TextWebSocketFrame text) {
        releaseFragments();
        if (text.isFinalFragment()) {
          message(text.text());
        } else {
          fragments = ctx.alloc().compositeBuffer(Integer.MAX_VALUE);
          fragments.addComponent(true, text.content().retain());
        }
      } else if (msg instanceof ContinuationWebSocketFrame continuation && fragments != null) {
        fragments.addComponent(true, continuation.content().retain());
        if (continuation.isFinalFragment()) {
          String text = fragments.toString(StandardCharsets.UTF_8);
          releaseFragments();
          message(text);
        }
      } else if (msg instanceof PingWebSocketFrame ping) {
        ctx.writeAndFlush(new PongWebSocketFrame(ping.content().retain()));
      } else if (msg instanceof CloseWebSocketFrame close) {
        int code = close.statusCode();
        end(
            code < 0 ? WebSocketCloseStatus.EMPTY.code() : code,
            code < 0 ? "" : close.reasonText());
      }
      // Anything else (pongs, the upgrade request's empty last content) needs no answer.
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    releaseFragments();
    end(WebSocketCloseStatus.ABNORMAL_CLOSURE.code(), "");
    ctx.fireChannelInactive();
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    releaseFragments();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    LOG.warn(
        "Connection {} failed: {}",
        connection == null ? ctx.channel().remoteAddress() : connection.id(),
        cause.toString());
    ctx.close();
  }

  private void message(String text) {
    if (connection != null && !ended) {
      socket.onMessage(connection, text);
    }
  }

  private void end(int code, String reason) {
    if (connection != null && !ended) {
      ended = true;
      socket.onClose(connection, code, reason);
    }
  }

  private void releaseFragments() {
    if (fragments != null) {
      fragments.release();
      fragments = null;
    }
  }
}
