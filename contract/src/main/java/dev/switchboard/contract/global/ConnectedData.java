package dev.switchboard.contract.global;

import dev.switchboard.contract.ContractInfo;
import io.micronaut.serde.annotation.Serdeable;
import java.util.Objects;

/**
 * ConnectedData describes a new connection: its id for logs and support, the versions on both ends
 * of the wire, and the limits the server enforces on it.
 */
@Serdeable
public record ConnectedData(
    String connectionId,
    String serverVersion,
    ContractInfo contract,
    long heartbeatIntervalMs,
    ConnectionLimits limits) {

  /** Validates the identifiers and the heartbeat interval. */
  public ConnectedData {
    Objects.requireNonNull(connectionId, "connectionId");
    Objects.requireNonNull(serverVersion, "serverVersion");
    Objects.requireNonNull(contract, "contract");
    Objects.requireNonNull(limits, "limits");
    if (heartbeatIntervalMs <= 0) {
      throw new IllegalArgumentException("heartbeatIntervalMs must be positive");
    }
  }
}
