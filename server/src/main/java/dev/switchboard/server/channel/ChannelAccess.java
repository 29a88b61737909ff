package dev.switchboard.server.channel;

import dev.switchboard.contract.ChannelKind;
import dev.switchboard.contract.ChannelName;
import dev.switchboard.server.auth.Caller;
import jakarta.inject.Singleton;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * ChannelAccess routes an authorization question to the authorizer of the channel's kind; a kind
 * without an authorizer is refused, so a new kind is closed until someone decides who may use it.
 */
@Singleton
public final class ChannelAccess {

  private final Map<ChannelKind, ChannelAuthorizer> authorizers = new EnumMap<>(ChannelKind.class);

  /** Creates the router over every authorizer bean. */
  public ChannelAccess(List<ChannelAuthorizer> authorizers) {
    for (ChannelAuthorizer authorizer : authorizers) {
      ChannelAuthorizer previous = this.authorizers.put(authorizer.kind(), authorizer);
      if (previous != null) {
        throw new IllegalStateException(
            "Two authorizers for " + authorizer.kind() + ": " + previous + ", " + authorizer);
      }
    }
  }

  /** Whether the caller may use the channel. */
  public Access authorize(Caller caller, ChannelName channel) {
    if (channel.kind() == ChannelKind.GLOBAL) {
      return Access.ALLOWED;
    }
    ChannelAuthorizer authorizer = authorizers.get(channel.kind());
    return authorizer == null ? Access.FORBIDDEN : authorizer.authorize(caller, channel.id());
  }
}
