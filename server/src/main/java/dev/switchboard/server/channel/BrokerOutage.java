package dev.switchboard.server.channel;

import dev.switchboard.contract.StreamPosition;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.core.annotation.Nullable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * BrokerOutage is how the {@link ChannelHub} keeps serving this node's clients while a broker
 * shared with other nodes cannot be reached (only the Redis broker ever fails this way).
 *
 * <p>A channel whose broker call fails is <em>detached</em>: its listeners are reset, it gets an
 * epoch known only to this node, and events published here are numbered and delivered here (and
 * counted as failed publishes). Once the broker answers again the channel gets a new epoch in the
 * broker too if events were published while detached, so no client anywhere takes its position for
 * a whole one. After a failure the node waits a second before trying the broker again for the
 * channels of the same {@linkplain Broker#failureDomain failure domain}, so callers are not each
 * held for its timeout; channels of other domains (other masters of a Redis Cluster) carry on.
 *
 * <p>Resets and the retry run on one daemon thread, started at the first fault.
 */
final class BrokerOutage {

  private static final Logger LOG = LoggerFactory.getLogger(BrokerOutage.class);
  private static final long RETRY_AFTER_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final ChannelHub hub;
  private final MeterRegistry meters;
  private final AtomicInteger detachedChannels = new AtomicInteger();
  // Failure domain -> when the broker may be tried again for its channels.
  private final Map<Object, Long> retryAtNanos = new ConcurrentHashMap<>();
  private @Nullable ScheduledExecutorService thread;
  private boolean closed;

  BrokerOutage(ChannelHub hub, MeterRegistry meters) {
    this.hub = hub;
    this.meters = meters;
  }

  /** Whether the broker may be tried for this channel now; reattaches a detached one first. */
  boolean reachable(HubChannel ch) {
    if (backingOff(ch)) {
      detach(ch);
      return false;
    }
    if (!ch.detached) {
      return true;
    }
    try {
      if (ch.publishedWhileDetached) {
        // Clients here hold positions the broker never saw, and clients elsewhere missed the
        // events published here: nobody's old position may be trusted.
        hub.broker().newEpoch(ch.name);
      }
      StreamPosition position = hub.broker().position(ch.name);
      ch.detached = false;
      ch.publishedWhileDetached = false;
      detachedChannels.decrementAndGet();
      hub.reset(ch, "the node reached the broker again");
      ch.epoch = position.epoch();
      ch.lastOffset = position.offset();
      LOG.info("Channel {} reattached to the broker at epoch {}", ch.name, ch.epoch);
      return true;
    } catch (BrokerUnavailableException e) {
      markDown(ch, "reattach", e);
      return false;
    }
  }

  private boolean backingOff(HubChannel ch) {
    if (retryAtNanos.isEmpty()) {
      return false;
    }
    Object domain = hub.broker().failureDomain(ch.name);
    Long retryAt = retryAtNanos.get(domain);
    if (retryAt == null) {
      return false;
    }
    if (System.nanoTime() - retryAt >= 0) {
      retryAtNanos.remove(domain, retryAt);
      return false;
    }
    return true;
  }

  /** Numbers and delivers an event on this node alone, under its local epoch. Holds the lock. */
  StreamEvent publishAlone(HubChannel ch, EncodedFrame frame, long nowMs) {
    long offset = ch.recoverable ? ++ch.lastOffset : 0;
    ch.publishedWhileDetached |= ch.recoverable;
    StreamEvent event = new StreamEvent(ch.name, ch.epoch, offset, nowMs, frame.withOffset(offset));
    ch.deliver(event);
    return event;
  }

  void failed(HubChannel ch, String operation, BrokerUnavailableException e) {
    markDown(ch, operation, e);
    detach(ch);
  }

  /** Counts the failure and holds the channel's failure domain off for a moment. */
  void markDown(HubChannel ch, String operation, RuntimeException e) {
    failure(operation);
    retryAtNanos.put(hub.broker().failureDomain(ch.name), System.nanoTime() + RETRY_AFTER_NANOS);
    Throwable cause = e.getCause() == null ? e : e.getCause();
    LOG.warn(
        "Broker {} failed; serving this node's clients alone for now: {}",
        operation,
        cause.toString());
  }

  void failure(String operation) {
    Counter.builder(hub.broker().meterPrefix() + ".failures")
        .description("Broker commands that failed or timed out, by operation")
        .tag("operation", operation)
        .register(meters)
        .increment();
  }

  /**
   * After the broker's link to other nodes came back: whatever was announced while it was down is
   * read from history (or the listeners are reset), and detached channels reattach.
   */
  void catchUp() {
    for (HubChannel ch : hub.channels()) {
      ch.lock();
      try {
        if (ch.removed) {
          continue;
        }
        if (ch.detached) {
          reachable(ch);
        } else if (ch.recoverable && ch.hasListeners()) {
          StreamPosition position = hub.broker().position(ch.name);
          if (!position.epoch().equals(ch.epoch)) {
            hub.adopt(ch, position);
          } else if (position.offset() > ch.lastOffset) {
            hub.fill(ch);
          }
        }
      } catch (BrokerUnavailableException e) {
        markDown(ch, "catch-up", e);
      } finally {
        ch.release();
      }
    }
  }

  /** Runs a task on the outage thread (listener resets), starting it on first use. */
  void run(Runnable task) {
    ScheduledExecutorService executor = thread();
    if (executor == null) {
      LOG.debug("Hub closed; dropped a task");
      return;
    }
    try {
      executor.execute(task);
    } catch (RejectedExecutionException e) {
      LOG.debug("Hub closed; dropped a task");
    }
  }

  synchronized void close() {
    closed = true;
    if (thread != null) {
      thread.shutdown();
    }
  }

  private void detach(HubChannel ch) {
    if (ch.detached) {
      return;
    }
    ch.detached = true;
    ch.publishedWhileDetached = false;
    if (detachedChannels.incrementAndGet() == 1) {
      thread(); // starts the retries
    }
    hub.reset(ch, "the node lost contact with the broker");
    ch.epoch = Epochs.next();
    LOG.warn("Channel {} detached from the broker under local epoch {}", ch.name, ch.epoch);
  }

  private void reattachDetached() {
    if (detachedChannels.get() == 0) {
      return;
    }
    for (HubChannel ch : hub.channels()) {
      ch.lock();
      try {
        if (!ch.removed && ch.detached && !backingOff(ch)) {
          reachable(ch);
        }
      } finally {
        ch.release();
      }
    }
  }

  private synchronized @Nullable ScheduledExecutorService thread() {
    if (thread == null && !closed) {
      thread =
          Executors.newSingleThreadScheduledExecutor(
              task -> {
                Thread daemon = new Thread(task, "switchboard-hub-outage");
                daemon.setDaemon(true);
                return daemon;
              });
      Gauge.builder(
              hub.broker().meterPrefix() + ".detached.channels",
              detachedChannels,
              AtomicInteger::get)
          .description("Channels this node serves alone because the broker could not be reached")
          .register(meters);
      thread.scheduleWithFixedDelay(this::reattachDetached, 1, 1, TimeUnit.SECONDS);
    }
    return thread;
  }
}
