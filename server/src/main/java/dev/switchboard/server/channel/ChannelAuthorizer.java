package dev.switchboard.server.channel;

import dev.switchboard.contract.ChannelKind;
import dev.switchboard.server.auth.Caller;

/**
 * ChannelAuthorizer decides who may use the channels of one kind; the server holds one per kind and
 * asks it on every subscribe and every command, so revoking access takes effect at once.
 */
public interface ChannelAuthorizer {

  /** The kind of channel this authorizer decides for. */
  ChannelKind kind();

  /** Whether {@code caller} may use the channel with this id. */
  Access authorize(Caller caller, String id);
}
