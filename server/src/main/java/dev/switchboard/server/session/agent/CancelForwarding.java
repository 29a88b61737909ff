package dev.switchboard.server.session.agent;

import java.util.function.BiConsumer;

/**
 * CancelForwarding carries a {@code cancel} to the node that runs the reply, when several nodes
 * serve one deployment: a client's {@code cancel} may arrive on any node, but only the node running
 * the reply can stop its process. On a single node there is nowhere to forward to.
 */
public interface CancelForwarding {

  /**
   * Asks the other nodes to stop reply {@code messageId} of session {@code sessionId} if they run
   * it; false when nothing could be sent (a single node, or the transport is down).
   */
  boolean forward(String sessionId, String messageId);

  /** Where cancels forwarded by other nodes go: set once, by the agent runner. */
  void receiveWith(BiConsumer<String, String> stop);
}
