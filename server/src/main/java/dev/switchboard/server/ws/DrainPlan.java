package dev.switchboard.server.ws;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * DrainPlan decides when a draining node closes each of its connections and when each client should
 * come back: closes are spaced evenly over the spread, and each client is told to wait a random
 * part of one spacing, so reconnects arrive evenly over the spread, never in a burst. The spread is
 * what the reconnect rate needs for this many clients, at most the drain window.
 */
record DrainPlan(long spreadMs, List<Step> steps) {

  /** Close connection {@code index} (in the order given) at {@code closeAtMs}. */
  record Step(int index, long closeAtMs, long retryAfterMs) {}

  static DrainPlan of(
      int connections, long windowMs, int reconnectsPerSecond, RandomGenerator random) {
    long needed = (long) Math.ceil(connections * 1000.0 / reconnectsPerSecond);
    long spreadMs = Math.min(windowMs, needed);
    List<Step> steps = new ArrayList<>(connections);
    double spacing = connections == 0 ? 0 : (double) spreadMs / connections;
    for (int i = 0; i < connections; i++) {
      long closeAt = (long) (i * spacing);
      long retryAfter = spacing < 1 ? 0 : (long) (random.nextDouble() * spacing);
      steps.add(new Step(i, closeAt, retryAfter));
    }
    return new DrainPlan(spreadMs, List.copyOf(steps));
  }
}
