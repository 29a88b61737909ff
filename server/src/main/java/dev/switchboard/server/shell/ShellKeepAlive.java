package dev.switchboard.server.shell;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ShellKeepAlive notices a shell socket whose client is gone without a close (a laptop put to
 * sleep, a dropped route, a dead NAT mapping): the shell protocol has no heartbeat of its own, and
 * a quiet terminal sends nothing, so without this the shell would stay attached, and running,
 * forever. After {@code interval} without a byte from the client it sends a WebSocket ping, which
 * every browser answers by itself; after another {@code interval} still without a byte it drops the
 * connection, which detaches the shell and starts its grace period.
 *
 * <p>It sits first in the socket's pipeline, so every inbound byte counts, and writes the ping from
 * the pipeline's tail, through the WebSocket encoder and the frame guard.
 */
final class ShellKeepAlive extends IdleStateHandler {

  static final String NAME = "switchboard-shell-keepalive";

  private static final Logger LOG = LoggerFactory.getLogger(ShellKeepAlive.class);

  private final String socketId;

  ShellKeepAlive(long intervalMillis, String socketId) {
    super(intervalMillis, 0, 0, TimeUnit.MILLISECONDS);
    this.socketId = socketId;
  }

  @Override
  protected void channelIdle(ChannelHandlerContext ctx, IdleStateEvent event) {
    if (event.isFirst()) {
      ctx.channel().writeAndFlush(new PingWebSocketFrame());
      return;
    }
    LOG.info("Shell socket {}: no answer to a ping; dropping the connection", socketId);
    ctx.channel().close();
  }
}
