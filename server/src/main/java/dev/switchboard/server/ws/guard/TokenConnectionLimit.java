package dev.switchboard.server.ws.guard;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * TokenConnectionLimit counts the open WebSockets of each token on this node, across every socket
 * endpoint that takes a slot here ({@code /ws} through its {@code ConnectionRegistry}; any other
 * endpoint calls {@link #tryAcquire} and {@link #release} the same way), and caps them at {@code
 * switchboard.ws.max-connections-per-token}. The admin token is capped like any other: it is the
 * token a browser holds, so a reconnect loop or a pile of forgotten tabs must not be able to use up
 * the node's file descriptors.
 *
 * <p>Two places use it: {@link ConnectionLimitFilter} refuses the upgrade with 429 before the 101
 * when the token is already full, and each socket takes a slot when it opens ({@link #tryAcquire})
 * and gives it back when it closes ({@link #release}); a socket that loses the race between the two
 * (two upgrades at once for the last slot) is closed with 4503. A token's entry disappears when its
 * last connection closes, so the map holds only tokens with open sockets.
 */
@Singleton
public final class TokenConnectionLimit {

  private final int max;
  private final Map<String, Integer> open = new ConcurrentHashMap<>();
  private final Counter refused;

  TokenConnectionLimit(WebSocketConfiguration configuration, MeterRegistry meters) {
    this.max = configuration.maxConnectionsPerToken();
    this.refused =
        Counter.builder("switchboard.ws.connections.refused")
            .description("WebSocket upgrades refused because their token held too many sockets")
            .register(meters);
  }

  /** The most sockets one token may hold open on this node. */
  public int max() {
    return max;
  }

  /** How many sockets the token holds open now. */
  public int openCount(String tokenId) {
    return open.getOrDefault(tokenId, 0);
  }

  /** The message of the 429 that refuses an upgrade for a token that is full. */
  public String refusal() {
    return "This token already holds "
        + max
        + " open WebSockets on this server (switchboard.ws.max-connections-per-token);"
        + " close one, or use another token.";
  }

  /** Whether the token may open another socket now (a hint: {@link #tryAcquire} decides). */
  public boolean hasRoom(String tokenId) {
    return openCount(tokenId) < max;
  }

  /**
   * Takes a slot for a socket that has just opened; false (and nothing taken) when the token
   * already holds {@link #max} sockets. Every true must be matched by one {@link #release}.
   */
  public boolean tryAcquire(String tokenId) {
    boolean[] taken = {false};
    open.compute(
        tokenId,
        (id, count) -> {
          int current = count == null ? 0 : count;
          if (current >= max) {
            return count;
          }
          taken[0] = true;
          return current + 1;
        });
    if (!taken[0]) {
      refused.increment();
    }
    return taken[0];
  }

  /** Gives back the slot of a socket that has closed. */
  public void release(String tokenId) {
    open.computeIfPresent(tokenId, (id, count) -> count <= 1 ? null : count - 1);
  }

  /** Counts an upgrade refused before the 101. */
  public void refusedBeforeUpgrade() {
    refused.increment();
  }
}
