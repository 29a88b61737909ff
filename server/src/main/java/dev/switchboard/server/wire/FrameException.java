package dev.switchboard.server.wire;

import dev.switchboard.contract.error.ErrorCode;
import io.micronaut.core.annotation.Nullable;

/**
 * FrameException reports an inbound frame the server cannot handle, with the stable code and the
 * command's {@code ref} (when it could be read) for the error reply.
 */
public final class FrameException extends Exception {

  private static final long serialVersionUID = 1L;

  private final ErrorCode code;
  private final @Nullable String ref;

  /** Creates the exception with a message that says what was wrong and how to fix it. */
  public FrameException(ErrorCode code, String message, @Nullable String ref) {
    super(message, null, false, false);
    this.code = code;
    this.ref = ref;
  }

  /** The error code to send. */
  public ErrorCode code() {
    return code;
  }

  /** The offending command's {@code ref}, if it had a readable one. */
  public @Nullable String ref() {
    return ref;
  }

  /**
   * Whether the frame was malformed (not JSON, an unknown type, a wrong channel), as opposed to a
   * well-formed command the server refused: sockets count these and close a client that keeps
   * sending them.
   */
  public boolean isProtocolError() {
    return code == ErrorCode.BAD_REQUEST
        || code == ErrorCode.UNKNOWN_TYPE
        || code == ErrorCode.INVALID_CHANNEL;
  }
}
