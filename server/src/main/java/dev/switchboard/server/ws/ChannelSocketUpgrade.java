package dev.switchboard.server.ws;

import dev.switchboard.contract.error.ErrorCode;
import dev.switchboard.server.auth.ApiError;
import dev.switchboard.server.auth.Caller;
import dev.switchboard.server.ws.guard.FrameworkInternals;
import dev.switchboard.server.ws.guard.GuardedUpgrade;
import dev.switchboard.server.ws.guard.UpgradeAdmission;
import dev.switchboard.server.ws.guard.WebSocketConfiguration;
import io.micronaut.json.JsonMapper;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.util.ReferenceCountUtil;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ChannelSocketUpgrade serves the {@code GET /ws} upgrade in front of Micronaut's router: one
 * handler on every HTTP/1.1 connection, placed by the WebSocket guard's installer just after the
 * frame guard. Every other request passes through untouched.
 *
 * <p>An upgrade is checked in this order, each refusal a JSON {@link ApiError} before any 101: a
 * node that is draining (503 with {@code Retry-After}, see {@link ServerDrain}), the admission
 * every socket shares ({@link UpgradeAdmission}: the {@code Origin} (403), the credentials (401,
 * Bearer token or session cookie), the token's socket count (429)), then the handshake itself (400
 * for a plain GET, 426 for an unsupported WebSocket version). An accepted upgrade takes Micronaut's
 * HTTP handlers (its request handler, idle timer and access log) off the connection, lets Netty's
 * handshaker write the 101 (the frame guard swaps in its strict decoder as it passes) and leaves
 * one {@link ChannelSocketFrames} in this handler's place: per socket, the pipeline then holds only
 * the codec, the guard and that handler.
 *
 * <p>Micronaut's own {@code @ServerWebSocket} kept, for every socket's lifetime, the upgrade
 * request with its headers, a route match, its handler and an idle-state handler with three timers:
 * measured at 7.9 KB of heap per idle subscribed connection against 2.6 KB for a bare Netty server.
 * See docs/adr/0008-own-transport-for-ws.md. The shell socket, with few connections, stays on
 * {@code @ServerWebSocket}.
 *
 * <p>Like a browser, this expects an upgrade on a connection with no HTTP response in flight: a
 * client that pipelines an upgrade behind an unanswered request loses that answer.
 */
@Singleton
public final class ChannelSocketUpgrade implements GuardedUpgrade {

  /** This handler's name in the pipeline. */
  public static final String NAME = "switchboard-ws-upgrade";

  /** The channel socket's path. */
  static final String PATH = "/ws";

  private static final Logger LOG = LoggerFactory.getLogger(ChannelSocketUpgrade.class);

  private final UpgradeAdmission admission;
  private final ChannelSocketEndpoint socket;
  private final JsonMapper json;
  private final WebSocketServerHandshakerFactory handshakers;
  private final ServerDrain drain;

  ChannelSocketUpgrade(
      UpgradeAdmission admission,
      ChannelSocketEndpoint socket,
      JsonMapper json,
      WebSocketConfiguration configuration,
      ServerDrain drain) {
    this.drain = drain;
    this.admission = admission;
    this.socket = socket;
    this.json = json;
    // The frame guard replaces the decoder with its strict one as the 101 goes out.
    this.handshakers =
        new WebSocketServerHandshakerFactory(PATH, null, false, configuration.maxMessageBytes());
  }

  @Override
  public String handlerName() {
    return NAME;
  }

  /** A handler for one HTTP/1.1 connection. */
  @Override
  public ChannelHandler newHandler() {
    return new Handler();
  }

  private final class Handler extends ChannelInboundHandlerAdapter {

    /** Whether the rest of a refused upgrade's request is still to be read and dropped. */
    private boolean discarding;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (discarding && msg instanceof HttpContent content) {
        discarding = !(content instanceof LastHttpContent);
        content.release();
        return;
      }
      if (!(msg instanceof HttpRequest request) || !isChannelSocket(request)) {
        ctx.fireChannelRead(msg);
        return;
      }
      discarding = !(msg instanceof LastHttpContent);
      try {
        upgrade(ctx, request);
      } catch (RuntimeException e) {
        LOG.error("WebSocket upgrade on {} from {} failed", PATH, ctx.channel().remoteAddress(), e);
        if (ctx.isRemoved()) {
          // Past the handshake: there is no HTTP answer left to give.
          ctx.channel().close();
        } else {
          refuse(
              ctx,
              HttpResponseStatus.INTERNAL_SERVER_ERROR,
              ErrorCode.INTERNAL,
              "The server failed to open the socket; see its log.");
        }
      } finally {
        ReferenceCountUtil.release(msg);
      }
    }

    private void upgrade(ChannelHandlerContext ctx, HttpRequest request) {
      Channel channel = ctx.channel();
      HttpHeaders headers = request.headers();
      if (drain.draining()) {
        refuse(
            ctx,
            HttpResponseStatus.SERVICE_UNAVAILABLE,
            ErrorCode.UNAVAILABLE,
            "This server is shutting down: connect again (the load balancer sends you to another"
                + " node).");
        return;
      }
      UpgradeAdmission.Verdict verdict =
          admission.admit(
              headers.get(HttpHeaderNames.ORIGIN),
              localPort(channel),
              headers.get(HttpHeaderNames.AUTHORIZATION),
              headers.getAll(HttpHeaderNames.COOKIE),
              PATH,
              channel.remoteAddress());
      if (!verdict.admitted()) {
        refuse(
            ctx, HttpResponseStatus.valueOf(verdict.status()), verdict.code(), verdict.message());
        return;
      }
      Caller caller = verdict.caller();
      if (!isWebSocketHandshake(headers)) {
        refuse(
            ctx,
            HttpResponseStatus.BAD_REQUEST,
            ErrorCode.BAD_REQUEST,
            "GET /ws is the channel socket: open it as a WebSocket (Upgrade: websocket,"
                + " Connection: Upgrade, Sec-WebSocket-Key, Sec-WebSocket-Version: 13).");
        return;
      }
      // Netty also speaks the pre-RFC drafts 7 and 8; the frame guard's decoder is RFC 6455's.
      WebSocketServerHandshaker handshaker =
          WebSocketVersion.V13
                  .toHttpHeaderValue()
                  .equals(headers.get(HttpHeaderNames.SEC_WEBSOCKET_VERSION))
              ? handshakers.newHandshaker(request)
              : null;
      if (handshaker == null) {
        refuse(
            ctx,
            HttpResponseStatus.UPGRADE_REQUIRED,
            ErrorCode.BAD_REQUEST,
            "This server speaks WebSocket version 13 (RFC 6455) only.");
        return;
      }
      detachHttpHandlers(ctx);
      ChannelSocketFrames frames = new ChannelSocketFrames(socket);
      ctx.pipeline().replace(this, ChannelSocketFrames.NAME, frames);
      discarding = false;
      // A handshake that throws is past the point of an HTTP answer: channelRead closes the socket.
      handshaker
          .handshake(
              channel,
              new DefaultFullHttpRequest(
                  request.protocolVersion(),
                  request.method(),
                  request.uri(),
                  Unpooled.EMPTY_BUFFER,
                  headers,
                  EmptyHttpHeaders.INSTANCE))
          .addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
      // Frames written now queue behind the 101 and go out through the WebSocket encoder.
      frames.open(socket.open(channel, caller));
      // Micronaut reads on demand (auto-read off) for HTTP; a socket reads whenever data arrives.
      channel.config().setAutoRead(true);
    }

    /** Answers a refused upgrade with a JSON error and closes the connection once it is written. */
    private void refuse(
        ChannelHandlerContext ctx, HttpResponseStatus status, ErrorCode code, String message) {
      byte[] body;
      try {
        body = json.writeValueAsBytes(new ApiError(code, message));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      FullHttpResponse response =
          new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
      response
          .headers()
          .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
          .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
          .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
      if (status.equals(HttpResponseStatus.UNAUTHORIZED)) {
        response.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"switchboard\"");
      } else if (status.equals(HttpResponseStatus.SERVICE_UNAVAILABLE)) {
        response.headers().setInt(HttpHeaderNames.RETRY_AFTER, (int) drain.retryAfterSeconds());
      } else if (status.equals(HttpResponseStatus.UPGRADE_REQUIRED)) {
        // RFC 6455 §4.4: name the versions this server speaks.
        response.headers().set(HttpHeaderNames.SEC_WEBSOCKET_VERSION, "13");
      }
      ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
  }

  /** Whether the request is for the channel socket: {@code GET /ws}, with or without a query. */
  static boolean isChannelSocket(HttpRequest request) {
    if (!HttpMethod.GET.equals(request.method())) {
      return false;
    }
    String uri = request.uri();
    int query = uri.indexOf('?');
    return (query < 0 ? uri : uri.substring(0, query)).equals(PATH);
  }

  private static boolean isWebSocketHandshake(HttpHeaders headers) {
    return headers.containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)
        && headers.containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE, true)
        && headers.contains(HttpHeaderNames.SEC_WEBSOCKET_KEY);
  }

  /**
   * Takes Micronaut's HTTP handling off an upgraded connection: its request handler (and anything
   * after this handler), its idle-state handler (the channel socket has its own idle check) and its
   * access log. The codec stays until the handshaker has written the 101.
   */
  private static void detachHttpHandlers(ChannelHandlerContext ctx) {
    ChannelPipeline pipeline = ctx.pipeline();
    List<String> after = new ArrayList<>();
    boolean seen = false;
    for (String name : pipeline.names()) {
      if (seen && pipeline.get(name) != null) {
        after.add(name);
      }
      seen |= name.equals(ctx.name());
    }
    after.add(FrameworkInternals.MICRONAUT_IDLE_STATE);
    after.add(FrameworkInternals.MICRONAUT_ACCESS_LOGGER);
    for (String name : after) {
      if (pipeline.get(name) != null) {
        pipeline.remove(name);
      }
    }
  }

  private static int localPort(Channel channel) {
    return channel.localAddress() instanceof InetSocketAddress address ? address.getPort() : -1;
  }
}
