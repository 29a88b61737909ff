package dev.switchboard.contract;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * FrameMeta is the transport part of a frame, kept out of the event records: {@code ref} is set by
 * a client on a command and echoed on the server's direct reply; {@code offset} is the event's
 * position in a recoverable channel's stream. The server's frame codec writes and reads these
 * beside {@code channel}, {@code type} and {@code data}; the client types a frame as {@code E &
 * FrameMeta}.
 */
@Serdeable
public record FrameMeta(@Nullable String ref, @Nullable Long offset) {

  /** The metadata of a frame that carries neither field. */
  public static final FrameMeta NONE = new FrameMeta(null, null);
}
