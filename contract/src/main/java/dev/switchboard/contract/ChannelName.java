package dev.switchboard.contract;

import io.micronaut.core.annotation.Nullable;
import java.util.Objects;

/**
 * ChannelName is a parsed, valid channel name: {@code global}, or a kind and an id such as {@code
 * session:42}. Build names with {@link Channels}; parse names from the wire with {@link #parse}.
 */
public record ChannelName(ChannelKind kind, @Nullable String id) {

  /** Validates that the id matches the kind and the id grammar. */
  public ChannelName {
    Objects.requireNonNull(kind, "kind");
    if (kind.hasId()) {
      String problem = idProblem(id);
      if (problem != null) {
        throw new InvalidChannelException(kind.prefix() + ":" + id, problem);
      }
    } else if (id != null) {
      throw new InvalidChannelException(
          kind.prefix() + ":" + id, "\"" + kind.prefix() + "\" takes no id");
    }
  }

  /**
   * Parses a channel name from the wire.
   *
   * @throws InvalidChannelException when the name is outside the grammar; its message says why
   */
  public static ChannelName parse(String name) {
    if (name == null || name.isEmpty()) {
      throw new InvalidChannelException(String.valueOf(name), "the name is empty");
    }
    int colon = name.indexOf(':');
    String prefix = colon < 0 ? name : name.substring(0, colon);
    ChannelKind kind = kindOf(prefix);
    if (kind == null) {
      throw new InvalidChannelException(name, "unknown kind \"" + prefix + "\"");
    }
    if (!kind.hasId()) {
      if (colon >= 0) {
        throw new InvalidChannelException(name, "\"" + prefix + "\" takes no id");
      }
      return new ChannelName(kind, null);
    }
    if (colon < 0) {
      throw new InvalidChannelException(name, "\"" + prefix + "\" needs an id after a colon");
    }
    String id = name.substring(colon + 1);
    String problem = idProblem(id);
    if (problem != null) {
      throw new InvalidChannelException(name, problem);
    }
    return new ChannelName(kind, id);
  }

  /** Whether {@code id} is a valid channel id: 1–64 characters from {@code [A-Za-z0-9_-]}. */
  public static boolean isValidId(@Nullable String id) {
    return idProblem(id) == null;
  }

  /** The name as it appears on the wire. */
  @Override
  public String toString() {
    return id == null ? kind.prefix() : kind.prefix() + ":" + id;
  }

  private static ChannelKind kindOf(String prefix) {
    for (ChannelKind kind : ChannelKind.values()) {
      if (kind.prefix().equals(prefix)) {
        return kind;
      }
    }
    return null;
  }

  private static String idProblem(@Nullable String id) {
    if (id == null || id.isEmpty()) {
      return "the id is empty";
    }
    if (id.length() > ProtocolConstants.CHANNEL_ID_MAX_LENGTH) {
      return "the id is " + id.length() + " characters long";
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '_'
              || c == '-';
      if (!ok) {
        return "the id contains '" + (Character.isISOControl(c) ? "\\u" + (int) c : c) + "'";
      }
    }
    return null;
  }
}
