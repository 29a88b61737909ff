package dev.switchboard.contract.error;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;

/**
 * ErrorCode is the stable, machine-readable reason in every error frame and REST error body.
 * Clients branch on the code, never on the human-readable message, which may change.
 */
@Serdeable
public enum ErrorCode {
  /** The frame or request is malformed: not JSON, a missing field, a value out of range. */
  @JsonProperty("bad_request")
  BAD_REQUEST(false),
  /** The frame's {@code type} is not part of the channel family's contract. */
  @JsonProperty("unknown_type")
  UNKNOWN_TYPE(false),
  /** The channel name does not match {@code kind:id} with an id of {@code [A-Za-z0-9_-]{1,64}}. */
  @JsonProperty("invalid_channel")
  INVALID_CHANNEL(false),
  /** The caller is authenticated but may not use this channel or resource. */
  @JsonProperty("forbidden")
  FORBIDDEN(false),
  /** No valid credentials were presented. */
  @JsonProperty("unauthorized")
  UNAUTHORIZED(false),
  /** The channel's or request's resource does not exist. */
  @JsonProperty("not_found")
  NOT_FOUND(false),
  /** The connection already holds the maximum number of subscriptions. */
  @JsonProperty("too_many_subscriptions")
  TOO_MANY_SUBSCRIPTIONS(false),
  /** The connection sent commands faster than its limit; slow down and retry. */
  @JsonProperty("rate_limited")
  RATE_LIMITED(true),
  /** The message exceeds the size limit. */
  @JsonProperty("payload_too_large")
  PAYLOAD_TOO_LARGE(false),
  /** The request conflicts with the current state (for example a reply is already running). */
  @JsonProperty("conflict")
  CONFLICT(true),
  /**
   * The caller's token already runs as many agent replies as the server allows per token ({@code
   * connected.limits.maxRunsPerToken}); retry once one has completed.
   */
  @JsonProperty("too_many_runs")
  TOO_MANY_RUNS(true),
  /**
   * The server node already runs as many agent replies as it allows ({@code
   * connected.limits.maxRunsPerNode}); retry once one has completed.
   */
  @JsonProperty("node_busy")
  NODE_BUSY(true),
  /** A dependency is temporarily unavailable; retry later. */
  @JsonProperty("unavailable")
  UNAVAILABLE(true),
  /** An unexpected server failure; details are in the server log under the connection id. */
  @JsonProperty("internal")
  INTERNAL(true);

  private final boolean retryable;

  ErrorCode(boolean retryable) {
    this.retryable = retryable;
  }

  /** Whether the same request can succeed if sent again later, unchanged. */
  public boolean retryable() {
    return retryable;
  }
}
