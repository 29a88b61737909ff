package dev.switchboard.server.ws;

import dev.switchboard.contract.Channels;
import dev.switchboard.contract.error.CloseCode;
import dev.switchboard.contract.global.DrainingData;
import dev.switchboard.contract.global.DrainingEvent;
import dev.switchboard.server.wire.FrameCodec;
import io.micronaut.context.event.ShutdownEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ServerDrain takes a stopping node out of service without sending all its clients to the other
 * nodes at once: readiness goes down first ({@link DrainReadiness}), new upgrades get 503 with
 * {@code Retry-After}, then the open {@code /ws} connections are closed one by one over the spread
 * of a {@link DrainPlan}, each told by a {@code draining} event when to reconnect, then closed with
 * {@code 4001}. Clients recover every missed event by offset on the node they reach.
 *
 * <p>The server's SIGTERM handler runs it while everything still serves (see {@code Application});
 * an application context closed otherwise runs it on its {@link ShutdownEvent}. Replies still
 * running when it ends are interrupted as before; it never takes longer than {@code
 * switchboard.drain.window}.
 */
@Singleton
public final class ServerDrain {

  private static final Logger LOG = LoggerFactory.getLogger(ServerDrain.class);
  private static final String GLOBAL = Channels.global();

  private final ConnectionRegistry registry;
  private final FrameCodec codec;
  private final DrainConfiguration configuration;
  private volatile boolean draining;
  private volatile long retryAfterSeconds = 1;

  ServerDrain(ConnectionRegistry registry, FrameCodec codec, DrainConfiguration configuration) {
    this.registry = registry;
    this.codec = codec;
    this.configuration = configuration;
  }

  /** Whether this node is draining: it takes no new connections and is not ready. */
  public boolean draining() {
    return draining;
  }

  /** What a refused upgrade's {@code Retry-After} says, in seconds. */
  long retryAfterSeconds() {
    return retryAfterSeconds;
  }

  @EventListener
  void onShutdown(ShutdownEvent event) {
    drain();
  }

  /**
   * Drains the node: returns once every connection open when it started has been closed. A second
   * call (SIGTERM, then the context's shutdown) returns at once.
   */
  public synchronized void drain() {
    if (draining) {
      return;
    }
    draining = true;
    List<Connection> open = new ArrayList<>(registry.connections());
    Collections.shuffle(open);
    DrainPlan plan =
        DrainPlan.of(
            open.size(),
            configuration.window().toMillis(),
            configuration.reconnectsPerSecond(),
            ThreadLocalRandom.current());
    retryAfterSeconds = Math.max(1, TimeUnit.MILLISECONDS.toSeconds(plan.spreadMs()) + 1);
    LOG.info(
        "Draining: closing {} connections over {} ms (switchboard.drain.*)",
        open.size(),
        plan.spreadMs());
    long startNanos = System.nanoTime();
    for (DrainPlan.Step step : plan.steps()) {
      long waitMs =
          step.closeAtMs() - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
      if (waitMs > 0 && !sleep(waitMs)) {
        break;
      }
      close(open.get(step.index()), step.retryAfterMs());
    }
    // Whatever is left (an interrupted drain) still gets the reconnect code.
    for (Connection connection : registry.connections()) {
      close(connection, 0);
    }
    LOG.info(
        "Drained {} connections in {} ms",
        open.size(),
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
  }

  private void close(Connection connection, long retryAfterMs) {
    if (connection.isClosed()) {
      return;
    }
    DrainingEvent event = new DrainingEvent(GLOBAL, new DrainingData(retryAfterMs));
    connection.send(codec.encode(GlobalCommands.GLOBAL_EVENTS, event, null, null));
    connection.close(CloseCode.SERVER_DRAINING, "server draining");
  }

  private static boolean sleep(long ms) {
    try {
      Thread.sleep(ms);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
