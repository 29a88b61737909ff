package dev.switchboard.server.channel;

import dev.switchboard.contract.ChannelKind;
import dev.switchboard.server.auth.Caller;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * SessionChannelAuthorizer lets a caller use {@code session:<id>} when its token covers the
 * session's project. Without a {@link SessionOwnership} (no session storage), only the admin may.
 */
@Singleton
public final class SessionChannelAuthorizer implements ChannelAuthorizer {

  private final Optional<SessionOwnership> ownership;

  /** Creates the authorizer over the session storage, when there is one. */
  public SessionChannelAuthorizer(Optional<SessionOwnership> ownership) {
    this.ownership = ownership;
  }

  @Override
  public ChannelKind kind() {
    return ChannelKind.SESSION;
  }

  @Override
  public Access authorize(Caller caller, String id) {
    if (ownership.isEmpty()) {
      return caller.admin() ? Access.ALLOWED : Access.FORBIDDEN;
    }
    Optional<String> project = ownership.get().projectOf(id);
    if (project.isEmpty()) {
      // Existence is only revealed to callers who could see every project anyway.
      return caller.admin() ? Access.NOT_FOUND : Access.FORBIDDEN;
    }
    return caller.canAccessProject(project.get()) ? Access.ALLOWED : Access.FORBIDDEN;
  }
}
