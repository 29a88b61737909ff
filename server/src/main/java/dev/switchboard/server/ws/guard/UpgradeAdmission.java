package dev.switchboard.server.ws.guard;

import dev.switchboard.contract.error.ErrorCode;
import dev.switchboard.server.auth.AuthResult;
import dev.switchboard.server.auth.Authenticator;
import dev.switchboard.server.auth.Caller;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * UpgradeAdmission decides whether a WebSocket upgrade may proceed, for every socket: {@code /ws}
 * (its Netty handler, {@code ChannelSocketUpgrade}) and the shell socket ({@link
 * SocketAdmissionFilter}) run the same rules, in this order, each refusal an HTTP status with a
 * stable code before any 101:
 *
 * <ol>
 *   <li>the {@code Origin}, when present, is allowed ({@link AllowedOrigins}): 403 otherwise. It
 *       comes first, so that a hostile page gets 403 whatever credentials ride along;
 *   <li>the credentials (Bearer token or session cookie) authenticate a caller: 401 otherwise;
 *   <li>the caller's token has a free socket slot on this node ({@link TokenConnectionLimit}): 429
 *       otherwise, so that a client in a reconnect loop costs no socket at all.
 * </ol>
 *
 * <p>Requests without an {@code Origin} pass the first rule: browsers always send it on WebSocket
 * upgrades, so its absence means a non-browser client, which has to present the token itself and
 * gains nothing from a victim's cookie. The slot is only checked here; the socket takes it when it
 * opens ({@link TokenConnectionLimit#tryAcquire}).
 */
@Singleton
public final class UpgradeAdmission {

  private static final Logger LOG = LoggerFactory.getLogger(UpgradeAdmission.class);

  private final AllowedOrigins origins;
  private final Authenticator authenticator;
  private final TokenConnectionLimit slots;

  UpgradeAdmission(
      AllowedOrigins origins, Authenticator authenticator, TokenConnectionLimit slots) {
    this.origins = origins;
    this.authenticator = authenticator;
    this.slots = slots;
  }

  /**
   * Runs the rules over an upgrade request's headers; {@code localPort} is the port the request
   * arrived on, {@code path} and {@code remote} are for the log.
   */
  public Verdict admit(
      @Nullable String origin,
      int localPort,
      @Nullable String authorization,
      List<String> cookieHeaders,
      String path,
      Object remote) {
    if (origin != null && !origins.allows(origin, localPort)) {
      LOG.warn("Refused WebSocket origin {} on {} from {}", origin, path, remote);
      return Verdict.refused(403, ErrorCode.FORBIDDEN, AllowedOrigins.refusal(origin));
    }
    AuthResult auth = authenticator.authenticate(authorization, cookieHeaders);
    if (!auth.succeeded()) {
      LOG.warn("Rejected unauthenticated GET {} from {}: {}", path, remote, auth.failure());
      return Verdict.refused(401, ErrorCode.UNAUTHORIZED, auth.refusal());
    }
    Caller caller = auth.caller();
    if (!slots.hasRoom(caller.tokenId())) {
      slots.refusedBeforeUpgrade();
      LOG.warn(
          "Refused WebSocket upgrade on {} from {}: token {} already holds {} sockets",
          path,
          remote,
          caller.tokenId(),
          slots.max());
      return Verdict.refused(429, ErrorCode.RATE_LIMITED, slots.refusal());
    }
    return new Verdict(caller, 0, null, null);
  }

  /**
   * The outcome of {@link #admit}: the admitted caller, or the HTTP status, code and message that
   * refuse the upgrade.
   */
  public record Verdict(
      @Nullable Caller caller, int status, @Nullable ErrorCode code, @Nullable String message) {

    static Verdict refused(int status, ErrorCode code, String message) {
      return new Verdict(null, status, code, message);
    }

    /** Whether the upgrade may proceed. */
    public boolean admitted() {
      return caller != null;
    }
  }
}
