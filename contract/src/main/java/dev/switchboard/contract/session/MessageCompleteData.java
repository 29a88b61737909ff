package dev.switchboard.contract.session;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.Objects;

/**
 * MessageCompleteData closes an agent reply: its final status, the exit code when the process
 * exited, how long it ran, and {@code chunkCount}, the number of {@code stream_output} chunks sent,
 * so a client that holds chunks 0 … chunkCount-1 knows the reply is whole.
 *
 * <p>{@code outputComplete} is false when the reply ended because a server stopped abruptly while
 * it ran (announced by the server that found it left running): its stored output may end before
 * what the agent printed, as {@link SessionMessage#outputComplete()} then says too.
 */
@Serdeable
public record MessageCompleteData(
    String messageId,
    MessageStatus status,
    @Nullable Integer exitCode,
    long durationMs,
    long chunkCount,
    boolean outputComplete) {

  /** Validates the components. */
  public MessageCompleteData {
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(status, "status");
    if (status == MessageStatus.RUNNING) {
      throw new IllegalArgumentException("a completed message cannot be running");
    }
    if (durationMs < 0 || chunkCount < 0) {
      throw new IllegalArgumentException("durationMs and chunkCount must not be negative");
    }
  }
}
