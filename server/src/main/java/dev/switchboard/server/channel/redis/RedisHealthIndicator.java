package dev.switchboard.server.channel.redis;

import io.micronaut.context.annotation.Requires;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import java.util.Map;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * RedisHealthIndicator adds the shared Redis to {@code /health} and {@code /health/readiness} on a
 * node with {@code switchboard.broker: redis}: {@code UP} while a {@code PING} answers, else {@link
 * #DEGRADED}, with the detail {@code redis: unreachable}. On a cluster the node asks one master for
 * {@code CLUSTER INFO}: {@code UP} while {@code cluster_state} is {@code ok}, else {@code DEGRADED}
 * with {@code redis: cluster-fail} (some slots have no reachable master, as between a master's
 * failure and its replica's promotion: channels of those slots are served alone meanwhile).
 *
 * <p>Degraded, not {@code DOWN}: without Redis a node still serves its own clients (channels fan
 * out locally, history is replayed from what it holds) and rejoins by itself, so a load balancer
 * should keep it, and taking every node out of rotation because their one Redis blinked would turn
 * a partial outage into a whole one. {@code /health} still answers 200 and says {@code DEGRADED}
 * for monitoring; {@code /health/liveness} never includes it, since restarting the node would not
 * bring Redis back.
 */
@Singleton
@Requires(property = "switchboard.broker", value = "redis")
public final class RedisHealthIndicator implements HealthIndicator {

  /** The name of this indicator in {@code /health} details. */
  public static final String NAME = "redis";

  /**
   * Serving, but alone: Redis does not answer, so other nodes' events do not reach this one.
   *
   * <p>Its operational flag is left unset on purpose: {@link HealthStatus#compareTo} compares two
   * statuses by that flag alone when both have one, so a DEGRADED marked operational ties with UP
   * and the overall status came out either way from one request to the next. Unset, it sorts above
   * UP and below DOWN, and the endpoint still answers 200 (only DOWN maps to 503).
   */
  public static final HealthStatus DEGRADED =
      new HealthStatus(
          "DEGRADED",
          "Redis does not answer: this node serves its own clients alone until it does",
          null,
          500);

  private final RedisConnections connections;

  RedisHealthIndicator(RedisConnections connections) {
    this.connections = connections;
  }

  @Override
  public Publisher<HealthResult> getResult() {
    // PING is bounded by switchboard.redis.command-timeout and fails at once while disconnected;
    // it still blocks, so it runs off the event loop.
    return Mono.fromCallable(this::state)
        .subscribeOn(Schedulers.boundedElastic())
        .map(state -> result(state.equals("reachable") ? HealthStatus.UP : DEGRADED, state))
        .onErrorResume(e -> Mono.just(result(DEGRADED, "unreachable")));
  }

  private String state() {
    if (!connections.cluster()) {
      connections.commands().ping();
      return "reachable";
    }
    return connections.commands().clusterInfo().contains("cluster_state:ok")
        ? "reachable"
        : "cluster-fail";
  }

  private static HealthResult result(HealthStatus status, String redis) {
    // Only the state: never the URL, which may carry a password.
    return HealthResult.builder(NAME, status).details(Map.of(NAME, redis)).build();
  }
}
