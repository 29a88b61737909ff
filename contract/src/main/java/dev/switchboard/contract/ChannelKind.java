package dev.switchboard.contract;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;

/**
 * ChannelKind is the part of a channel name before the colon; it decides the channel's event
 * family, who may subscribe and whether its stream can be recovered after a disconnect.
 */
@Serdeable
public enum ChannelKind {
  /** The implicit per-connection channel, {@code global}; it has no id. */
  @JsonProperty("global")
  GLOBAL("global", false, false),
  /** A project's channel, {@code project:<id>}: session list changes. Recoverable. */
  @JsonProperty("project")
  PROJECT("project", true, true),
  /** A session's channel, {@code session:<id>}: messages and streamed output. Recoverable. */
  @JsonProperty("session")
  SESSION("session", true, true),
  /** A shell's channel, {@code shell:<id>}, carried by its own socket. */
  @JsonProperty("shell")
  SHELL("shell", true, false);

  private final String prefix;
  private final boolean hasId;
  private final boolean recoverable;

  ChannelKind(String prefix, boolean hasId, boolean recoverable) {
    this.prefix = prefix;
    this.hasId = hasId;
    this.recoverable = recoverable;
  }

  /** The name's prefix on the wire, for example {@code session}. */
  public String prefix() {
    return prefix;
  }

  /** Whether names of this kind carry an id after the colon. */
  public boolean hasId() {
    return hasId;
  }

  /** Whether the channel keeps an epoch, offsets and bounded history for replay. */
  public boolean recoverable() {
    return recoverable;
  }
}
