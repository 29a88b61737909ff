package dev.switchboard.server.ws.guard;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.util.List;

/**
 * WebSocketGuardConfiguration holds the guard's settings under {@code switchboard.ws}: whether
 * permessage-deflate may be negotiated, which extra browser origins may open sockets, and how many
 * sockets one token may hold open on this node (the admin token included).
 *
 * <p>The message size limit is {@code switchboard.ws.max-message-bytes}, shared with the channel
 * socket so that the limit announced in {@code connected} is the one enforced.
 */
@ConfigurationProperties("switchboard.ws")
public record WebSocketGuardConfiguration(
    @Bindable(defaultValue = "false") boolean compression,
    @Nullable List<String> allowedOrigins,
    @Bindable(defaultValue = "50") int maxConnectionsPerToken) {

  /** Treats a missing origin list as empty and checks the connection cap. */
  public WebSocketGuardConfiguration {
    if (maxConnectionsPerToken < 1) {
      throw new IllegalArgumentException(
          "switchboard.ws.max-connections-per-token must be at least 1 (default 50)");
    }
    allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
  }
}
