package dev.switchboard.server.ws;

import dev.switchboard.contract.ChannelName;
import dev.switchboard.contract.Channels;
import dev.switchboard.contract.ProtocolConstants;
import dev.switchboard.contract.error.CloseCode;
import dev.switchboard.contract.error.ErrorCode;
import dev.switchboard.contract.global.ConnectedData;
import dev.switchboard.contract.global.ConnectedEvent;
import dev.switchboard.contract.global.ConnectionLimits;
import dev.switchboard.contract.global.GlobalCommand;
import dev.switchboard.contract.global.GlobalCommandType;
import dev.switchboard.contract.global.GlobalErrorData;
import dev.switchboard.contract.global.GlobalErrorEvent;
import dev.switchboard.contract.session.SessionCommand;
import dev.switchboard.contract.session.SessionCommandType;
import dev.switchboard.server.auth.Caller;
import dev.switchboard.server.auth.Callers;
import dev.switchboard.server.channel.Access;
import dev.switchboard.server.channel.ChannelAccess;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.server.netty.NettyHttpRequest;
import io.micronaut.websocket.CloseReason;
import io.micronaut.websocket.WebSocketSession;
import io.micronaut.websocket.annotation.OnClose;
import io.micronaut.websocket.annotation.OnError;
import io.micronaut.websocket.annotation.OnMessage;
import io.micronaut.websocket.annotation.OnOpen;
import io.micronaut.websocket.annotation.ServerWebSocket;
import io.netty.channel.Channel;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ChannelSocket is the {@code /ws} endpoint: it greets each connection with {@code connected},
 * parses every text frame itself (never binding JSON to a parameter, which closes the socket with
 * 1011 on bad input), routes it by channel kind and type, and answers bad frames with an error
 * frame while keeping the connection open.
 */
@ServerWebSocket("/ws")
public final class ChannelSocket {

  private static final Logger LOG = LoggerFactory.getLogger(ChannelSocket.class);
  private static final String CONNECTION = "switchboard.connection";
  private static final String GLOBAL = Channels.global();
  private static final SecureRandom RANDOM = new SecureRandom();

  private final FrameCodec codec;
  private final GlobalCommands globalCommands;
  private final ChannelAccess access;
  private final Optional<SessionCommandHandler> sessionCommands;
  private final ChannelSocketConfiguration configuration;
  private final ConnectionRegistry registry;
  private final String serverVersion;

  ChannelSocket(
      FrameCodec codec,
      GlobalCommands globalCommands,
      ChannelAccess access,
      Optional<SessionCommandHandler> sessionCommands,
      ChannelSocketConfiguration configuration,
      ConnectionRegistry registry) {
    this.codec = codec;
    this.globalCommands = globalCommands;
    this.access = access;
    this.sessionCommands = sessionCommands;
    this.configuration = configuration;
    this.registry = registry;
    String version = ChannelSocket.class.getPackage().getImplementationVersion();
    this.serverVersion = version == null ? "dev" : version;
  }

  @OnOpen
  void onOpen(WebSocketSession session, HttpRequest<?> request) {
    Optional<Caller> caller = Callers.of(request);
    if (caller.isEmpty()) {
      // The authentication filter answers 401 before the upgrade; this is a second line.
      session.close(new CloseReason(CloseCode.UNAUTHORIZED.code(), "unauthorized"));
      return;
    }
    Connection connection =
        new Connection(
            newConnectionId(),
            caller.get(),
            session,
            nettyChannel(request),
            configuration,
            registry.framesOut());
    session.put(CONNECTION, connection);
    if (!registry.add(connection)) {
      // Another upgrade took the token's last slot after the filter let this one through.
      session.close(
          new CloseReason(
              CloseCode.TOO_MANY_CONNECTIONS.code(), "too many connections for this token"));
      return;
    }
    LOG.info(
        "Connection {} opened for token {} from {}",
        connection.id(),
        caller.get().tokenId(),
        request.getRemoteAddress());
    ConnectionLimits limits =
        new ConnectionLimits(
            configuration.maxMessageBytes(),
            configuration.maxSubscriptions(),
            configuration.maxCommandsPerSecond(),
            configuration.idleTimeout().toMillis(),
            configuration.pongTimeout().toMillis());
    ConnectedData data =
        new ConnectedData(
            connection.id(),
            serverVersion,
            ProtocolConstants.CONTRACT_VERSION,
            configuration.heartbeatInterval().toMillis(),
            limits);
    connection.send(
        codec.encode(GlobalCommands.GLOBAL_EVENTS, new ConnectedEvent(GLOBAL, data), null, null));
  }

  @OnMessage
  void onMessage(String text, WebSocketSession session) {
    Connection connection = session.get(CONNECTION, Connection.class).orElse(null);
    if (connection == null || connection.isClosed()) {
      return;
    }
    registry.frameReceived(connection);
    long now = System.nanoTime();
    if (!connection.admitCommand(now)) {
      refuseOverRate(connection, now);
      return;
    }
    try {
      route(connection, codec.decodeEnvelope(text));
    } catch (FrameException e) {
      sendError(connection, e.code(), e.getMessage(), e.ref());
      if (e.isProtocolError()
          && connection.recordProtocolError(now) > configuration.maxProtocolErrorsPerMinute()) {
        LOG.warn(
            "Closing connection {}: more than {} invalid frames in a minute",
            connection.id(),
            configuration.maxProtocolErrorsPerMinute());
        connection.close(CloseCode.TOO_MANY_PROTOCOL_ERRORS, "too many invalid frames");
      }
    } catch (RuntimeException e) {
      LOG.error("Connection {}: frame handling failed", connection.id(), e);
      sendError(
          connection,
          ErrorCode.INTERNAL,
          "The server failed to handle this frame; see its log for connection "
              + connection.id()
              + ".",
          null);
    }
  }

  /**
   * Drops a frame over the rate limit with a retryable error; a client that keeps going after being
   * told is closed with a code that tells it not to reconnect in a loop.
   */
  private void refuseOverRate(Connection connection, long now) {
    int refused = connection.recordRateLimited(now);
    if (refused > configuration.maxRateLimitedPerMinute()) {
      LOG.warn(
          "Closing connection {}: {} frames over the rate limit in a minute",
          connection.id(),
          refused);
      connection.close(CloseCode.RATE_LIMIT_ABUSE, "rate limit abuse");
      return;
    }
    sendError(
        connection,
        ErrorCode.RATE_LIMITED,
        "More than "
            + configuration.maxCommandsPerSecond()
            + " frames per second; this one was dropped. Slow down and resend it.",
        null);
  }

  @OnClose
  void onClose(WebSocketSession session, CloseReason reason) {
    session
        .get(CONNECTION, Connection.class)
        .ifPresent(
            connection -> {
              connection.releaseAll();
              registry.remove(connection);
              LOG.info(
                  "Connection {} closed: {} {}",
                  connection.id(),
                  reason.getCode(),
                  reason.getReason());
            });
  }

  @OnError
  void onError(WebSocketSession session, Throwable error) {
    String id = session.get(CONNECTION, Connection.class).map(Connection::id).orElse("?");
    LOG.warn("Connection {} failed: {}", id, error.toString());
  }

  private void route(Connection connection, InboundFrame frame) throws FrameException {
    ChannelName channel = frame.channel();
    switch (channel.kind()) {
      case GLOBAL ->
          globalCommands.handle(
              connection,
              codec.decode(
                  frame, GlobalCommand.class, GlobalCommandType.class, GlobalCommandType::wireName),
              frame.ref());
      case SESSION -> {
        authorize(connection, channel, frame.ref());
        SessionCommand command =
            codec.decode(
                frame,
                SessionCommand.class,
                SessionCommandType.class,
                SessionCommandType::wireName);
        SessionCommandHandler handler =
            sessionCommands.orElseThrow(
                () ->
                    new FrameException(
                        ErrorCode.UNAVAILABLE,
                        "This server does not run agent sessions.",
                        frame.ref()));
        handler.handle(connection, command, frame.ref());
      }
      case PROJECT ->
          throw new FrameException(
              ErrorCode.UNKNOWN_TYPE,
              "Project channels take no commands; change projects and sessions through /api.",
              frame.ref());
      case SHELL ->
          throw new FrameException(
              ErrorCode.INVALID_CHANNEL,
              "Shell channels are served on their own socket: connect to /ws/shell/"
                  + channel.id()
                  + ".",
              frame.ref());
    }
  }

  private void authorize(Connection connection, ChannelName channel, @Nullable String ref)
      throws FrameException {
    Access verdict = access.authorize(connection.caller(), channel);
    if (verdict == Access.NOT_FOUND) {
      throw new FrameException(ErrorCode.NOT_FOUND, channel + " does not exist.", ref);
    }
    if (verdict != Access.ALLOWED) {
      throw new FrameException(ErrorCode.FORBIDDEN, "This token may not use " + channel + ".", ref);
    }
  }

  private void sendError(
      Connection connection, ErrorCode code, String message, @Nullable String ref) {
    registry.errorSent(code);
    GlobalErrorEvent error =
        new GlobalErrorEvent(GLOBAL, new GlobalErrorData(code, message, code.retryable()));
    connection.send(codec.encode(GlobalCommands.GLOBAL_EVENTS, error, ref, null));
  }

  /**
   * The Netty channel an upgrade request arrived on, which a socket writes to or adds handlers to
   * directly; null for a request from another transport.
   */
  public static @Nullable Channel nettyChannel(HttpRequest<?> request) {
    return request instanceof NettyHttpRequest<?> netty
        ? netty.getChannelHandlerContext().channel()
        : null;
  }

  private static String newConnectionId() {
    byte[] bytes = new byte[6];
    RANDOM.nextBytes(bytes);
    return "c-" + HexFormat.of().formatHex(bytes);
  }
}
