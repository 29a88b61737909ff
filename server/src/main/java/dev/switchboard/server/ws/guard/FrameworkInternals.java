package dev.switchboard.server.ws.guard;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.netty.channel.ChannelPipelineCustomizer;
import io.micronaut.http.server.netty.NettyHttpRequest;
import io.micronaut.http.server.netty.websocket.NettyServerWebSocketUpgradeHandler;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelPipeline;
import java.util.Optional;

/**
 * FrameworkInternals names every Micronaut and Netty internal the sockets rely on, and nothing else
 * does: handler names neither project promises, an {@code @Internal} class, and {@link
 * Channel#unsafe()}. Checked against Micronaut core 4.10.15 and Netty 4.2.9; {@code
 * FrameworkInternalsTest} fails when one of them moves or changes, and the guard's integration
 * tests ({@code FrameRulesIT}, {@code CompressionIT}, {@code ShellKeepAliveIT}) fail if one stops
 * doing what it is used for.
 *
 * <ul>
 *   <li>{@link #MICRONAUT_INBOUND}: the guard goes before it; Micronaut puts its WebSocket handler
 *       in its place.
 *   <li>{@link #MICRONAUT_COMPRESSION}: the permessage-deflate handler Micronaut adds to every
 *       connection (a constant of the {@code @Internal} {@code
 *       NettyServerWebSocketUpgradeHandler}).
 *   <li>{@link #MICRONAUT_IDLE_STATE} and {@link #MICRONAUT_ACCESS_LOGGER}: HTTP handlers the
 *       channel socket takes off an upgraded connection.
 *   <li>{@link #NETTY_WS_DECODER} and {@link #NETTY_WS_ENCODER}: the frame decoder and encoder
 *       Netty's handshaker installs (literals in Netty, not public constants), which the guard
 *       replaces with its strict decoder and with an encoder that also writes {@link
 *       PreEncodedFrame}s.
 *   <li>{@link #unsentBytes}: Netty's count of bytes written and not yet taken by the kernel,
 *       through {@code channel.unsafe().outboundBuffer()}.
 *   <li>{@link #pipelineOf}: the connection behind a Micronaut request, through the {@code
 *       NettyHttpRequest} implementation class.
 * </ul>
 */
public final class FrameworkInternals {

  /** Micronaut's inbound request handler's name in the pipeline. */
  public static final String MICRONAUT_INBOUND =
      ChannelPipelineCustomizer.HANDLER_MICRONAUT_INBOUND;

  /** Micronaut's permessage-deflate handler's name in the pipeline. */
  public static final String MICRONAUT_COMPRESSION =
      NettyServerWebSocketUpgradeHandler.COMPRESSION_HANDLER;

  /** Micronaut's idle-state handler's name in the pipeline. */
  public static final String MICRONAUT_IDLE_STATE = ChannelPipelineCustomizer.HANDLER_IDLE_STATE;

  /** Micronaut's access log handler's name in the pipeline. */
  public static final String MICRONAUT_ACCESS_LOGGER =
      ChannelPipelineCustomizer.HANDLER_ACCESS_LOGGER;

  /** The name Netty's WebSocket handshaker gives the frame decoder it installs. */
  public static final String NETTY_WS_DECODER = "wsdecoder";

  /** The name Netty's WebSocket handshaker gives the frame encoder it installs. */
  public static final String NETTY_WS_ENCODER = "wsencoder";

  private FrameworkInternals() {}

  /**
   * Fails unless the pipeline has the handler Netty's WebSocket handshaker installs under {@code
   * name}, so that an upgrade the guard cannot take over is refused rather than left unguarded.
   *
   * @throws IllegalStateException when the handler is not there
   */
  static void requireNettyHandler(ChannelPipeline pipeline, String name) {
    if (pipeline.get(name) == null) {
      throw new IllegalStateException(
          "Netty's WebSocket handler \""
              + name
              + "\" is not in the pipeline; the frame rules depend on that name (Netty 4.2.9)."
              + " Check the Netty/Micronaut upgrade and FrameworkInternalsTest.");
    }
  }

  /**
   * Netty's unsent bytes on a channel: frames submitted to the event loop and not yet handled, plus
   * those passed on that the kernel has not taken.
   */
  public static long unsentBytes(Channel channel) {
    ChannelOutboundBuffer buffer = channel.unsafe().outboundBuffer();
    return buffer == null ? 0 : buffer.totalPendingWriteBytes();
  }

  /** The pipeline of the connection a request arrived on; empty when it is not Netty's request. */
  public static Optional<ChannelPipeline> pipelineOf(HttpRequest<?> request) {
    return request instanceof NettyHttpRequest<?> netty
        ? Optional.of(netty.getChannelHandlerContext().pipeline())
        : Optional.empty();
  }
}
