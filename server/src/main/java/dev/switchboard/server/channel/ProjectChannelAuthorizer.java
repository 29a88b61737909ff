package dev.switchboard.server.channel;

import dev.switchboard.contract.ChannelKind;
import dev.switchboard.server.auth.Caller;
import jakarta.inject.Singleton;

/** ProjectChannelAuthorizer lets a caller use {@code project:<id>} when its token covers it. */
@Singleton
public final class ProjectChannelAuthorizer implements ChannelAuthorizer {

  @Override
  public ChannelKind kind() {
    return ChannelKind.PROJECT;
  }

  @Override
  public Access authorize(Caller caller, String id) {
    return caller.canAccessProject(id) ? Access.ALLOWED : Access.FORBIDDEN;
  }
}
