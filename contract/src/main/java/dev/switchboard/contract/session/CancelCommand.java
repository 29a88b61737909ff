package dev.switchboard.contract.session;

import io.micronaut.serde.annotation.Serdeable;
import java.util.Objects;

/**
 * CancelCommand ({@code cancel}): sent by the client to stop the running agent reply (TERM, then
 * KILL).
 */
@Serdeable
public record CancelCommand(String channel, CancelData data) implements SessionCommand {

  /** Validates that both components are present. */
  public CancelCommand {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(data, "data");
  }

  @Override
  public SessionCommandType type() {
    return SessionCommandType.CANCEL;
  }
}
