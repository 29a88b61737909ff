package dev.switchboard.server.ws.guard;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.util.List;

/**
 * WebSocketGuardConfiguration holds the guard's settings under {@code switchboard.ws}: whether
 * permessage-deflate may be negotiated and which extra browser origins may open sockets.
 *
 * <p>The message size limit is {@code switchboard.ws.max-message-bytes}, shared with the channel
 * socket so that the limit announced in {@code connected} is the one enforced.
 */
@ConfigurationProperties("switchboard.ws")
public record WebSocketGuardConfiguration(
    @Bindable(defaultValue = "false") boolean compression, @Nullable List<String> allowedOrigins) {

  /** Treats a missing origin list as empty. */
  public WebSocketGuardConfiguration {
    allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
  }
}
