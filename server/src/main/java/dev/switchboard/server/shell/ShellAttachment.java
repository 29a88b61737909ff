package dev.switchboard.server.shell;

import dev.switchboard.contract.ContractInfo;
import dev.switchboard.contract.error.CloseCode;
import dev.switchboard.contract.error.ErrorCode;
import dev.switchboard.contract.shell.ShellErrorData;
import dev.switchboard.contract.shell.ShellErrorEvent;
import dev.switchboard.contract.shell.ShellEvent;
import dev.switchboard.contract.shell.ShellExitData;
import dev.switchboard.contract.shell.ShellExitEvent;
import dev.switchboard.contract.shell.ShellInitData;
import dev.switchboard.contract.shell.ShellInitEvent;
import dev.switchboard.contract.shell.ShellOutputData;
import dev.switchboard.contract.shell.ShellOutputEvent;
import dev.switchboard.contract.shell.ShellSize;
import dev.switchboard.server.auth.Caller;
import dev.switchboard.server.wire.FrameCodec;
import dev.switchboard.server.ws.guard.ProtocolErrorBudget;
import io.micrometer.core.instrument.Counter;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.websocket.CloseReason;
import io.micronaut.websocket.WebSocketSession;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * ShellAttachment is one socket on {@code /ws/shell/<id>}: it encodes shell events into frames and
 * counts the bytes handed to the socket that it has not written yet, which is what the shell's flow
 * control reads. Every frame goes through {@link #send}, in call order.
 */
final class ShellAttachment {

  private static final Argument<ShellEvent> SHELL_EVENTS = Argument.of(ShellEvent.class);

  private final String id;
  private final ContractInfo contract;
  private final Caller caller;
  private final String channel;
  private final WebSocketSession session;
  private final FrameCodec codec;
  private final Counter bytesOut;
  private final AtomicLong unsentBytes = new AtomicLong();
  private final AtomicLong peakUnsentBytes = new AtomicLong();
  private volatile Consumer<ShellAttachment> onWritten = attachment -> {};
  // Read on the socket's event loop only, like /ws's counters.
  private final ProtocolErrorBudget protocolErrors;

  ShellAttachment(
      String id,
      Caller caller,
      String channel,
      WebSocketSession session,
      FrameCodec codec,
      Counter bytesOut,
      ProtocolErrorBudget protocolErrors,
      ContractInfo contract) {
    this.id = id;
    this.contract = contract;
    this.protocolErrors = protocolErrors;
    this.caller = caller;
    this.channel = channel;
    this.session = session;
    this.codec = codec;
    this.bytesOut = bytesOut;
  }

  /** The socket's id, for logs. */
  String id() {
    return id;
  }

  /** Who the socket acts for. */
  Caller caller() {
    return caller;
  }

  /** The socket's budget of malformed frames, shared in kind with {@code /ws}'s connections. */
  ProtocolErrorBudget protocolErrors() {
    return protocolErrors;
  }

  /** Bytes handed to the socket and not written to the network yet. */
  long unsentBytes() {
    return unsentBytes.get();
  }

  /** The most unsent bytes this socket ever held. */
  long peakUnsentBytes() {
    return peakUnsentBytes.get();
  }

  /** Called after each frame is written (or fails), so a paused reader can resume. */
  void onWritten(Consumer<ShellAttachment> listener) {
    this.onWritten = listener;
  }

  /** Tells the client it is attached: the shell, the PTY's size, its directory, the contract. */
  void init(String shellId, ShellSize size, String cwd, @Nullable String ref) {
    send(
        new ShellInitEvent(
            channel, new ShellInitData(shellId, size.cols(), size.rows(), cwd, contract)),
        ref);
  }

  void output(String text) {
    send(new ShellOutputEvent(channel, new ShellOutputData(text)), null);
  }

  void exit(ShellExitData data) {
    send(new ShellExitEvent(channel, data), null);
  }

  void error(ErrorCode code, String message, @Nullable String ref) {
    send(new ShellErrorEvent(channel, new ShellErrorData(code, message)), ref);
  }

  /** Closes the socket with a contract close code; frames sent before it are written first. */
  void close(CloseCode code, String reason) {
    if (session.isOpen()) {
      session.close(new CloseReason(code.code(), reason));
    }
  }

  boolean isOpen() {
    return session.isOpen();
  }

  private void send(ShellEvent event, @Nullable String ref) {
    if (!session.isOpen()) {
      return;
    }
    String frame = codec.encode(SHELL_EVENTS, event, ref, null);
    long bytes = utf8Length(frame);
    peakUnsentBytes.accumulateAndGet(unsentBytes.addAndGet(bytes), Math::max);
    bytesOut.increment(bytes);
    session
        .sendAsync(frame)
        .whenComplete(
            (sent, error) -> {
              unsentBytes.addAndGet(-bytes);
              onWritten.accept(this);
            });
  }

  static long utf8Length(CharSequence text) {
    long bytes = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        bytes++;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c)) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }
}
