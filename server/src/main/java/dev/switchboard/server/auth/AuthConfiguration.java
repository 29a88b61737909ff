package dev.switchboard.server.auth;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * AuthConfiguration holds the {@code switchboard.auth.*} properties.
 *
 * <p>{@code switchboard.auth.session-ttl} is how long a session cookie stays valid after sign-in
 * (default {@code 30d}); the admin token itself is {@code switchboard.token}.
 */
@ConfigurationProperties("switchboard.auth")
public record AuthConfiguration(@Bindable(defaultValue = "30d") Duration sessionTtl) {

  /** Rejects a session lifetime that is not positive. */
  public AuthConfiguration {
    if (sessionTtl == null || sessionTtl.isZero() || sessionTtl.isNegative()) {
      throw new IllegalArgumentException(
          "switchboard.auth.session-ttl must be positive, for example 30d or 12h; was "
              + sessionTtl);
    }
  }
}
