package dev.switchboard.server.ws;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import java.util.Map;
import org.reactivestreams.Publisher;

/**
 * DrainReadiness takes the node out of {@code /health/readiness} (503) as soon as it drains, so a
 * load balancer stops sending it clients while it closes the ones it has; liveness stays up.
 */
@Singleton
@Readiness
final class DrainReadiness implements HealthIndicator {

  private final ServerDrain drain;

  DrainReadiness(ServerDrain drain) {
    this.drain = drain;
  }

  @Override
  public Publisher<HealthResult> getResult() {
    boolean draining = drain.draining();
    return Publishers.just(
        HealthResult.builder("drain", draining ? HealthStatus.DOWN : HealthStatus.UP)
            .details(Map.of("draining", draining))
            .build());
  }
}
