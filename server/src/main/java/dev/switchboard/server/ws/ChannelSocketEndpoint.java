package dev.switchboard.server.ws;

import dev.switchboard.server.auth.Caller;
import io.netty.channel.Channel;

/**
 * ChannelSocketEndpoint is what the {@code /ws} transport ({@link ChannelSocketUpgrade} and {@link
 * ChannelSocketFrames}) hands an accepted socket, its joined messages and its end to. The server's
 * one implementation is {@link ChannelSocket}.
 *
 * <p>The transport depends on this narrow interface rather than on {@link ChannelSocket} so that
 * the WebSocket conformance run can put an echo behind the very upgrade, guard and fragment joining
 * that serve {@code /ws}. That echo exists only in the test sources, never in the jar (see
 * "Conformance" in docs/websockets.md).
 */
interface ChannelSocketEndpoint {

  /** Opens a connection on a socket that has just been upgraded for an authenticated caller. */
  Connection open(Channel channel, Caller caller);

  /** Handles one text message (all its fragments joined) from the client. */
  void onMessage(Connection connection, String text);

  /**
   * Releases a connection whose socket has closed: {@code code} is its Close code, 1006 without.
   */
  void onClose(Connection connection, int code, String reason);
}
