package dev.switchboard.server.ws;

import dev.switchboard.contract.ChannelName;
import dev.switchboard.contract.Channels;
import dev.switchboard.contract.ContractInfo;
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
import dev.switchboard.server.channel.Access;
import dev.switchboard.server.channel.ChannelAccess;
import dev.switchboard.server.session.agent.AgentConfiguration;
import dev.switchboard.server.session.agent.SessionCommandHandler;
import dev.switchboard.server.shell.ShellConfiguration;
import dev.switchboard.server.wire.AdvertisedContract;
import dev.switchboard.server.wire.FrameCodec;
import dev.switchboard.server.wire.FrameException;
import dev.switchboard.server.wire.InboundFrame;
import dev.switchboard.server.ws.guard.WebSocketConfiguration;
import io.micronaut.core.annotation.Nullable;
import io.netty.channel.Channel;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ChannelSocket is the {@code /ws} endpoint: it greets each connection with {@code connected},
 * parses every text message itself, routes it by channel kind and type, and answers bad frames with
 * an error frame while keeping the connection open.
 *
 * <p>The socket's transport is {@link ChannelSocketUpgrade} (the HTTP upgrade: origin,
 * authentication, the per-token limit, the handshake) and {@link ChannelSocketFrames} (one Netty
 * handler per socket that turns frames into the calls below), not Micronaut's
 * {@code @ServerWebSocket}: that kept the upgrade request, its headers, a route match and an idle
 * timer for every socket's lifetime, 4 KB of heap per idle connection that a socket does not need
 * (see docs/adr/0008-own-transport-for-ws.md).
 */
@Singleton
public final class ChannelSocket implements ChannelSocketEndpoint {

  private static final Logger LOG = LoggerFactory.getLogger(ChannelSocket.class);
  private static final String GLOBAL = Channels.global();
  private static final SecureRandom RANDOM = new SecureRandom();

  private final FrameCodec codec;
  private final GlobalCommands globalCommands;
  private final ChannelAccess access;
  private final Optional<SessionCommandHandler> sessionCommands;
  private final WebSocketConfiguration configuration;
  private final ConnectionRegistry registry;
  private final String serverVersion;
  private final ConnectionLimits limits;
  private final ContractInfo contract;
  private final Outbox.Registry outboxes = new Outbox.Registry();

  ChannelSocket(
      FrameCodec codec,
      GlobalCommands globalCommands,
      ChannelAccess access,
      Optional<SessionCommandHandler> sessionCommands,
      WebSocketConfiguration configuration,
      ConnectionRegistry registry,
      AgentConfiguration agent,
      ShellConfiguration shell,
      AdvertisedContract contract) {
    this.codec = codec;
    this.contract = contract.info();
    this.globalCommands = globalCommands;
    this.access = access;
    this.sessionCommands = sessionCommands;
    this.configuration = configuration;
    this.registry = registry;
    String version = ChannelSocket.class.getPackage().getImplementationVersion();
    this.serverVersion = version == null ? "dev" : version;
    this.limits =
        new ConnectionLimits(
            configuration.maxMessageBytes(),
            configuration.maxSubscriptions(),
            configuration.maxCommandsPerSecond(),
            configuration.idleTimeout().toMillis(),
            configuration.pongTimeout().toMillis(),
            agent.maxRunsPerToken(),
            agent.maxRunsPerNode(),
            shell.maxPerToken());
  }

  /**
   * Opens a connection on a socket that has just been upgraded for an authenticated caller: takes
   * one of the token's slots and sends {@code connected}, or closes the socket with 4503 when
   * another upgrade took the token's last slot after the upgrade checked it.
   */
  @Override
  public Connection open(Channel channel, Caller caller) {
    Connection connection =
        new Connection(
            newConnectionId(),
            caller,
            channel,
            outboxes.of(channel.eventLoop()),
            configuration,
            registry.framesOut());
    if (!registry.add(connection)) {
      connection.close(CloseCode.TOO_MANY_CONNECTIONS, "too many connections for this token");
      return connection;
    }
    LOG.info(
        "Connection {} opened for token {} from {}",
        connection.id(),
        caller.tokenId(),
        channel.remoteAddress());
    ConnectedData data =
        new ConnectedData(
            connection.id(),
            serverVersion,
            contract,
            configuration.heartbeatInterval().toMillis(),
            limits);
    connection.send(
        codec.encode(GlobalCommands.GLOBAL_EVENTS, new ConnectedEvent(GLOBAL, data), null, null));
    return connection;
  }

  /** Handles one text message (all its fragments) from the client. */
  @Override
  public void onMessage(Connection connection, String text) {
    if (connection.isClosed()) {
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
      if (e.isProtocolError() && connection.protocolErrors().exhaustedBy(now)) {
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

  /**
   * Releases a connection whose socket has closed: {@code code} is its Close code, 1006 without.
   */
  @Override
  public void onClose(Connection connection, int code, String reason) {
    connection.releaseAll();
    registry.remove(connection);
    LOG.info("Connection {} closed: {} {}", connection.id(), code, reason);
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

  private static String newConnectionId() {
    byte[] bytes = new byte[6];
    RANDOM.nextBytes(bytes);
    return "c-" + HexFormat.of().formatHex(bytes);
  }
}
