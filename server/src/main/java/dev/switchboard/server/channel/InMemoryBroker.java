package dev.switchboard.server.channel;

import dev.switchboard.contract.ChannelName;
import dev.switchboard.contract.StreamPosition;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * InMemoryBroker is the single-node {@link Broker}, the default ({@code switchboard.broker:
 * memory}): each channel's stream lives in this JVM, so a restart loses history and every channel
 * comes back with a new epoch, which clients detect as {@code recovered: false}.
 *
 * <p>Streams that no client could still recover from, and that nobody on this node listens to, are
 * dropped by {@link #sweepIdleChannels()}.
 *
 * <p>History is bounded per channel (events, bytes, age; {@link ChannelStream}) and for the whole
 * node ({@code node-history-max-bytes}): an append that takes the node over its budget evicts the
 * oldest events of whichever channels hold them, after releasing its own stream's lock, so stream
 * locks are never nested.
 */
@Singleton
@Requires(property = "switchboard.broker", value = "memory", defaultValue = "memory")
public class InMemoryBroker implements Broker {

  private static final Logger LOG = LoggerFactory.getLogger(InMemoryBroker.class);

  private final ChannelStreamsConfiguration configuration;
  private final Clock clock;
  private final Map<ChannelName, ChannelStream> streams = new ConcurrentHashMap<>();
  private final HistoryBudget budget;
  private final Object evicting = new Object();

  /** Creates the broker; without a {@link Clock} bean it uses the system clock. */
  @Inject
  public InMemoryBroker(ChannelStreamsConfiguration configuration, @Nullable Clock clock) {
    this.configuration = configuration;
    this.clock = clock == null ? Clock.systemUTC() : clock;
    this.budget = new HistoryBudget(configuration.nodeHistoryMaxBytes());
  }

  @Override
  public StreamEvent append(ChannelName channel, EncodedFrame frame, long publishedAtMs) {
    StreamEvent event = withStream(channel, stream -> stream.append(frame, publishedAtMs));
    if (budget.isOver()) {
      evictOldestUntilWithinBudget();
    }
    return event;
  }

  @Override
  public StreamRead read(ChannelName channel, @Nullable StreamPosition since) {
    return withStream(channel, stream -> stream.read(since));
  }

  @Override
  public StreamPosition position(ChannelName channel) {
    return withStream(channel, ChannelStream::position);
  }

  @Override
  public StreamPosition newEpoch(ChannelName channel) {
    ChannelStream old = streams.get(channel);
    if (old != null) {
      old.lock().lock();
      try {
        old.markRemoved();
        old.clear();
        streams.remove(channel, old);
      } finally {
        old.lock().unlock();
      }
    }
    return position(channel);
  }

  @Override
  public void listened(ChannelName channel, boolean listened) {
    withStream(
        channel,
        stream -> {
          stream.listened(listened);
          return null;
        });
  }

  /**
   * Drops the streams of channels nobody here listens to, with no unexpired history and no use for
   * longer than {@code history-max-age}, so memory does not grow with every channel ever used.
   *
   * @return how many streams were dropped
   */
  @Scheduled(fixedDelay = "60s")
  public int sweepIdleChannels() {
    int removed = 0;
    for (Map.Entry<ChannelName, ChannelStream> entry : streams.entrySet()) {
      ChannelStream stream = entry.getValue();
      stream.lock().lock();
      try {
        if (!stream.isRemoved() && stream.isIdle()) {
          // Marked under the lock: a caller that found this stream before the removal sees the
          // mark once it gets the lock and looks the channel up again, getting a new stream.
          stream.markRemoved();
          streams.remove(entry.getKey(), stream);
          removed++;
        }
      } finally {
        stream.lock().unlock();
      }
    }
    if (removed > 0) {
      LOG.debug("Dropped {} idle channel streams, {} remain", removed, streams.size());
    }
    return removed;
  }

  /** How many channel streams this broker holds, for tests of the sweep. */
  int streamCount() {
    return streams.size();
  }

  /** Bytes of history all channels hold, for tests of the node bound. */
  long historyBytes() {
    return budget.heldBytes();
  }

  /**
   * Evicts the node's oldest events, whichever channel holds them, until the node is within {@code
   * node-history-max-bytes}. Finding the oldest scans the streams (O(channels) per evicted event),
   * which only happens while the node is at its bound; one thread evicts at a time.
   */
  private void evictOldestUntilWithinBudget() {
    synchronized (evicting) {
      while (budget.isOver()) {
        ChannelStream oldest = null;
        long oldestMs = Long.MAX_VALUE;
        for (ChannelStream stream : streams.values()) {
          long publishedAtMs = stream.oldestPublishedAtMs();
          if (publishedAtMs < oldestMs) {
            oldest = stream;
            oldestMs = publishedAtMs;
          }
        }
        if (oldest == null) {
          return;
        }
        oldest.lock().lock();
        try {
          oldest.evictOldest();
        } finally {
          oldest.lock().unlock();
        }
      }
    }
  }

  private <T> T withStream(ChannelName channel, Function<ChannelStream, T> action) {
    while (true) {
      ChannelStream stream = streams.get(channel);
      if (stream == null) {
        stream = streams.computeIfAbsent(channel, this::newStream);
      }
      stream.lock().lock();
      try {
        if (!stream.isRemoved()) {
          return action.apply(stream);
        }
      } finally {
        stream.lock().unlock();
      }
    }
  }

  private ChannelStream newStream(ChannelName channel) {
    return new ChannelStream(channel, Epochs.next(), configuration, budget, clock);
  }
}
