package dev.switchboard.contract.global;

import dev.switchboard.contract.error.ErrorCode;
import io.micronaut.serde.annotation.Serdeable;
import java.util.Objects;

/** SubscriptionErrorData says which subscribe failed, with a stable code and a readable reason. */
@Serdeable
public record SubscriptionErrorData(String channel, ErrorCode code, String reason) {

  /** Validates that every component is present. */
  public SubscriptionErrorData {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(reason, "reason");
  }
}
