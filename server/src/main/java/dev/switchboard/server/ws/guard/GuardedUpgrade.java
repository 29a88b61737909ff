package dev.switchboard.server.ws.guard;

import io.netty.channel.ChannelHandler;

/**
 * GuardedUpgrade is a WebSocket upgrade served by a Netty handler of its own in front of
 * Micronaut's router ({@code /ws}'s {@code ChannelSocketUpgrade}): the guard's installer puts one
 * of its handlers just after the {@link FrameRulesHandler} handler on every HTTP/1.1 connection, so
 * that the rules see its 101 and every frame of its sockets.
 *
 * <p>The guard names this interface, not the socket that implements it, so that the socket package
 * depends on the guard and never the reverse.
 */
public interface GuardedUpgrade {

  /** The handler's name in the pipeline. */
  String handlerName();

  /** A handler for one HTTP/1.1 connection. */
  ChannelHandler newHandler();
}
