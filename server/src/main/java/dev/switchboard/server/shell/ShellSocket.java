package dev.switchboard.server.shell;

import dev.switchboard.contract.ChannelName;
import dev.switchboard.contract.Channels;
import dev.switchboard.contract.error.CloseCode;
import dev.switchboard.contract.error.ErrorCode;
import dev.switchboard.contract.shell.ShellCommand;
import dev.switchboard.contract.shell.ShellCommandType;
import dev.switchboard.contract.shell.ShellInitCommand;
import dev.switchboard.contract.shell.ShellInputCommand;
import dev.switchboard.contract.shell.ShellResizeCommand;
import dev.switchboard.server.auth.Caller;
import dev.switchboard.server.auth.Callers;
import dev.switchboard.server.wire.AdvertisedContract;
import dev.switchboard.server.wire.FrameCodec;
import dev.switchboard.server.wire.FrameException;
import dev.switchboard.server.wire.InboundFrame;
import dev.switchboard.server.ws.guard.FrameworkInternals;
import dev.switchboard.server.ws.guard.ProtocolErrorBudget;
import dev.switchboard.server.ws.guard.TokenConnectionLimit;
import dev.switchboard.server.ws.guard.WebSocketConfiguration;
import io.micronaut.http.HttpRequest;
import io.micronaut.websocket.CloseReason;
import io.micronaut.websocket.WebSocketSession;
import io.micronaut.websocket.annotation.OnClose;
import io.micronaut.websocket.annotation.OnError;
import io.micronaut.websocket.annotation.OnMessage;
import io.micronaut.websocket.annotation.OnOpen;
import io.micronaut.websocket.annotation.ServerWebSocket;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ShellSocket is {@code /ws/shell/{shellId}}: one shell's terminal, on a socket of its own (see
 * {@code docs/adr/0003-separate-shell-socket.md}) with the envelope of {@code /ws} on channel
 * {@code shell:<id>}.
 *
 * <p>The client sends {@code init {cols, rows}} first; the server answers {@code init}, replays the
 * scrollback as {@code output}, then streams live {@code output}. {@code input} goes to the PTY,
 * {@code resize} changes its size. A bad frame is answered with {@code error} and the socket stays
 * usable. When the shell ends the server sends {@code exit} and closes with 1000; a second socket
 * attaching to the same shell takes it over and this one is closed with 4505. Authorization
 * happened before the upgrade ({@link ShellUpgradeFilter}); it is checked again here.
 *
 * <p>A socket silent for {@code keepalive-interval} is pinged, and dropped if it stays silent as
 * long again ({@link ShellKeepAlive}): a client gone without a close would otherwise keep its shell
 * attached, and running, forever.
 *
 * <p>Each socket takes one of its token's slots ({@link TokenConnectionLimit}, shared with {@code
 * /ws}) while it is open, so a token cannot hold more than {@code
 * switchboard.ws.max-connections-per-token} sockets of both kinds together, and a socket that sends
 * more than {@code switchboard.ws.max-protocol-errors-per-minute} malformed frames is closed with
 * 4501 as on {@code /ws}. Unlike {@code /ws}, input frames are not rate limited: they are the
 * user's keystrokes and a terminal program's mouse reports (which come faster than 100 a second),
 * written to the user's own shell, and the PTY's flow control bounds what the server buffers either
 * way.
 */
@ServerWebSocket("/ws/shell/{shellId}")
final class ShellSocket {

  private static final Logger LOG = LoggerFactory.getLogger(ShellSocket.class);
  private static final String ATTACHMENT = "switchboard.shell.attachment";
  private static final String SHELL = "switchboard.shell";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final ShellRegistry registry;
  private final FrameCodec codec;
  private final TokenConnectionLimit perToken;
  private final ShellConfiguration configuration;
  private final WebSocketConfiguration socketLimits;
  private final AdvertisedContract contract;

  ShellSocket(
      ShellRegistry registry,
      FrameCodec codec,
      TokenConnectionLimit perToken,
      ShellConfiguration configuration,
      WebSocketConfiguration socketLimits,
      AdvertisedContract contract) {
    this.registry = registry;
    this.contract = contract;
    this.codec = codec;
    this.perToken = perToken;
    this.configuration = configuration;
    this.socketLimits = socketLimits;
  }

  @OnOpen
  void onOpen(String shellId, WebSocketSession session, HttpRequest<?> request) {
    Optional<Caller> caller = Callers.of(request);
    if (caller.isEmpty()) {
      session.close(new CloseReason(CloseCode.UNAUTHORIZED.code(), "unauthorized"));
      return;
    }
    Optional<Shell> shell = registry.find(shellId);
    if (shell.isEmpty() || !ShellAccess.mayUse(caller.get(), shell.get())) {
      session.close(new CloseReason(CloseCode.SHELL_ENDED.code(), "no such shell"));
      return;
    }
    if (!perToken.tryAcquire(caller.get().tokenId())) {
      // Another upgrade took the token's last slot after the filter let this one through.
      session.close(
          new CloseReason(
              CloseCode.TOO_MANY_CONNECTIONS.code(), "too many connections for this token"));
      return;
    }
    ShellAttachment attachment =
        new ShellAttachment(
            newSocketId(),
            caller.get(),
            Channels.shell(shellId),
            session,
            codec,
            registry.bytesOut(),
            new ProtocolErrorBudget(socketLimits.maxProtocolErrorsPerMinute(), System.nanoTime()),
            contract.info());
    session.put(ATTACHMENT, attachment);
    session.put(SHELL, shell.get());
    FrameworkInternals.pipelineOf(request)
        .ifPresent(
            pipeline ->
                pipeline.addFirst(
                    ShellKeepAlive.NAME,
                    new ShellKeepAlive(
                        configuration.keepaliveInterval().toMillis(), attachment.id())));
    LOG.info(
        "Shell {} socket {} opened for token {} from {}",
        shellId,
        attachment.id(),
        caller.get().tokenId(),
        request.getRemoteAddress());
  }

  @OnMessage
  void onMessage(String text, WebSocketSession session) {
    ShellAttachment attachment = session.get(ATTACHMENT, ShellAttachment.class).orElse(null);
    Shell shell = session.get(SHELL, Shell.class).orElse(null);
    if (attachment == null || shell == null) {
      return;
    }
    InboundFrame frame = null;
    try {
      frame = codec.decodeEnvelope(text);
      ChannelName expected = ChannelName.parse(Channels.shell(shell.id()));
      if (!frame.channel().equals(expected)) {
        throw new FrameException(
            ErrorCode.INVALID_CHANNEL,
            "This socket carries " + expected + " only; send every frame on that channel.",
            frame.ref());
      }
      handle(
          shell,
          attachment,
          codec.decode(
              frame, ShellCommand.class, ShellCommandType.class, ShellCommandType::wireName),
          frame);
    } catch (FrameException e) {
      attachment.error(e.code(), e.getMessage(), e.ref());
      if (e.isProtocolError() && attachment.protocolErrors().exhaustedBy(System.nanoTime())) {
        LOG.warn(
            "Closing shell socket {}: more than {} invalid frames in a minute",
            attachment.id(),
            attachment.protocolErrors().maxPerMinute());
        attachment.close(CloseCode.TOO_MANY_PROTOCOL_ERRORS, "too many invalid frames");
      }
    } catch (RuntimeException e) {
      LOG.error("Shell {} socket {}: frame handling failed", shell.id(), attachment.id(), e);
      attachment.error(
          ErrorCode.INTERNAL,
          "The server failed to handle this frame; see its log for socket " + attachment.id() + ".",
          frame == null ? null : frame.ref());
    }
  }

  private void handle(
      Shell shell, ShellAttachment attachment, ShellCommand command, InboundFrame frame)
      throws FrameException {
    // A switch expression over the type enum, without default: javac refuses it when a command
    // type has no case here.
    CommandStep step =
        switch (command.type()) {
          case INIT -> () -> init(shell, attachment, (ShellInitCommand) command, frame);
          case INPUT -> () -> input(shell, attachment, (ShellInputCommand) command, frame);
          case RESIZE -> () -> resize(shell, attachment, (ShellResizeCommand) command, frame);
        };
    step.run();
  }

  /** One command's handling, which may refuse the frame. */
  @FunctionalInterface
  private interface CommandStep {
    void run() throws FrameException;
  }

  private void init(
      Shell shell, ShellAttachment attachment, ShellInitCommand command, InboundFrame frame) {
    if (!shell.attach(attachment, command.data(), frame.ref())) {
      attachment.error(ErrorCode.NOT_FOUND, "The shell has ended.", frame.ref());
      attachment.close(CloseCode.SHELL_ENDED, "shell ended");
      return;
    }
    LOG.info(
        "Shell {} of project {} attached to socket {} of token {}",
        shell.id(),
        shell.projectId(),
        attachment.id(),
        attachment.caller().tokenId());
  }

  private static void input(
      Shell shell, ShellAttachment attachment, ShellInputCommand command, InboundFrame frame)
      throws FrameException {
    requireAttached(shell, attachment, frame);
    if (!shell.write(command.data().data())) {
      throw new FrameException(
          ErrorCode.RATE_LIMITED,
          "The shell is not reading its input (1 MiB unwritten); this input was dropped.",
          frame.ref());
    }
  }

  private static void resize(
      Shell shell, ShellAttachment attachment, ShellResizeCommand command, InboundFrame frame)
      throws FrameException {
    requireAttached(shell, attachment, frame);
    shell.resize(command.data());
  }

  private static void requireAttached(Shell shell, ShellAttachment attachment, InboundFrame frame)
      throws FrameException {
    if (!shell.isAttached(attachment)) {
      throw new FrameException(
          ErrorCode.BAD_REQUEST,
          "Send init {cols, rows} first: this socket is not attached to the shell yet.",
          frame.ref());
    }
  }

  @OnClose
  void onClose(WebSocketSession session, CloseReason reason) {
    ShellAttachment attachment = session.get(ATTACHMENT, ShellAttachment.class).orElse(null);
    Shell shell = session.get(SHELL, Shell.class).orElse(null);
    if (attachment == null || shell == null) {
      return;
    }
    // Removed first, so that the slot is given back once however often this runs.
    session.remove(ATTACHMENT);
    perToken.release(attachment.caller().tokenId());
    shell.detach(attachment);
    LOG.info(
        "Shell {} socket {} of token {} closed: {} {}",
        shell.id(),
        attachment.id(),
        attachment.caller().tokenId(),
        reason.getCode(),
        reason.getReason());
  }

  @OnError
  void onError(WebSocketSession session, Throwable error) {
    String id = session.get(ATTACHMENT, ShellAttachment.class).map(ShellAttachment::id).orElse("?");
    LOG.warn("Shell socket {} failed: {}", id, error.toString());
  }

  private static String newSocketId() {
    byte[] bytes = new byte[6];
    RANDOM.nextBytes(bytes);
    return "t-" + HexFormat.of().formatHex(bytes);
  }
}
