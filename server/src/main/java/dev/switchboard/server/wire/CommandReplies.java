package dev.switchboard.server.wire;

import dev.switchboard.server.auth.Caller;

/**
 * CommandReplies is how a command's handler answers the one client that sent the command: who the
 * client acts for, and a path for frames to it alone. Handlers get this, never the socket's
 * connection, so that the domain does not name the transport (the socket depends on the domain,
 * never the reverse).
 */
public interface CommandReplies {

  /** Who the client acts for. */
  Caller caller();

  /** Sends an encoded frame to that client only, after every frame it was sent before. */
  void reply(String frame);
}
