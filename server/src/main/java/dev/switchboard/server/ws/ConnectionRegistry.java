package dev.switchboard.server.ws;

import dev.switchboard.contract.error.CloseCode;
import dev.switchboard.contract.error.ErrorCode;
import dev.switchboard.server.auth.TokenRevokedEvent;
import dev.switchboard.server.ws.guard.TokenConnectionLimit;
import dev.switchboard.server.ws.guard.WebSocketConfiguration;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.TaskScheduler;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ConnectionRegistry knows the open {@code /ws} connections of this node and exports their metrics:
 * connections, subscriptions, frames in and out, and error replies by code.
 */
// Created with the context, as its @Scheduled check used to make it: its meters exist before the
// first socket, and the idle check runs from the start.
@Context
public final class ConnectionRegistry {

  private static final Logger LOG = LoggerFactory.getLogger(ConnectionRegistry.class);

  private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
  private final WebSocketConfiguration configuration;
  private final TokenConnectionLimit perToken;
  // Counted in adders read at scrape time: a registered Counter costs a composite-registry call
  // per frame, which showed in profiles of a 10,000-subscriber fan-out.
  private final LongAdder framesIn = new LongAdder();
  private final LongAdder framesOut = new LongAdder();
  private final Map<ErrorCode, Counter> errors = new EnumMap<>(ErrorCode.class);
  private final ScheduledFuture<?> idleCheck;

  /** Creates the registry and registers its meters. */
  public ConnectionRegistry(
      MeterRegistry meters,
      WebSocketConfiguration configuration,
      TokenConnectionLimit perToken,
      @Named(TaskExecutors.SCHEDULED) TaskScheduler scheduler) {
    this.configuration = configuration;
    this.perToken = perToken;
    Duration interval = configuration.idleCheckInterval();
    this.idleCheck =
        scheduler.scheduleWithFixedDelay(interval, interval, this::closeIdleConnections);
    Gauge.builder("switchboard.ws.connections", connections, Set::size)
        .description("Open /ws connections")
        .register(meters);
    Gauge.builder("switchboard.ws.subscriptions", this, ConnectionRegistry::subscriptionCount)
        .description("Channel subscriptions held by open connections")
        .register(meters);
    FunctionCounter.builder("switchboard.ws.frames.in", framesIn, LongAdder::sum).register(meters);
    FunctionCounter.builder("switchboard.ws.frames.out", framesOut, LongAdder::sum)
        .register(meters);
    for (ErrorCode code : ErrorCode.values()) {
      errors.put(
          code,
          Counter.builder("switchboard.ws.errors")
              .tag("code", code.name().toLowerCase(java.util.Locale.ROOT))
              .register(meters));
    }
  }

  /** The open connections. */
  public Collection<Connection> connections() {
    return Collections.unmodifiableSet(connections);
  }

  /** Closes the connections made with a token that has just been revoked. */
  @EventListener
  void onTokenRevoked(TokenRevokedEvent event) {
    for (Connection connection : connections) {
      if (connection.caller().tokenId().equals(event.tokenId())) {
        connection.close(CloseCode.UNAUTHORIZED, "token revoked");
      }
    }
  }

  /**
   * Registers a connection that has just opened, taking one of its token's slots; false (and
   * nothing registered) when the token already holds as many sockets as it may.
   */
  boolean add(Connection connection) {
    if (!perToken.tryAcquire(connection.caller().tokenId())) {
      return false;
    }
    connections.add(connection);
    return true;
  }

  /** Forgets a closed connection and gives back its token's slot (once, however often called). */
  void remove(Connection connection) {
    if (connections.remove(connection)) {
      perToken.release(connection.caller().tokenId());
    }
  }

  void frameReceived(Connection connection) {
    connection.touch();
    framesIn.increment();
  }

  /**
   * Closes connections that sent nothing for the idle timeout. Clients ping every heartbeat
   * interval, so only dead or stalled clients (half-open TCP, a frozen tab) are closed; they
   * reconnect and recover by offset. Runs every {@code switchboard.ws.idle-check-interval}.
   */
  void closeIdleConnections() {
    long now = System.nanoTime();
    long limit = configuration.idleTimeout().toNanos();
    for (Connection connection : connections) {
      long idle = connection.idleNanos(now);
      if (idle > limit) {
        LOG.info("Closing connection {}: no frame for {} ms", connection.id(), idle / 1_000_000);
        try {
          connection.close(CloseCode.IDLE_TIMEOUT, "idle");
        } catch (RuntimeException e) {
          // A failure must not end the periodic check, which a thrown exception would.
          LOG.warn("Closing idle connection {} failed: {}", connection.id(), e.toString());
        }
      }
    }
  }

  /** Stops the idle check with the application context. */
  @PreDestroy
  void stopIdleCheck() {
    idleCheck.cancel(false);
  }

  LongAdder framesOut() {
    return framesOut;
  }

  void errorSent(ErrorCode code) {
    errors.get(code).increment();
  }

  private double subscriptionCount() {
    long total = 0;
    for (Connection connection : connections) {
      total += connection.subscriptions().size();
    }
    return total;
  }
}
