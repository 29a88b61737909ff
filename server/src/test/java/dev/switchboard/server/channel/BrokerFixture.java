package dev.switchboard.server.channel;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * BrokerFixture is what {@link BrokerContract}'s tests stand on: the broker under test behind a
 * hub, made by a subclass, released after each test, and the helpers that publish to it and read
 * what it returned.
 */
public abstract class BrokerFixture {

  protected static final StreamListener IGNORE = event -> {};

  protected final FakeClock clock = new FakeClock();
  private final List<HubNode> made = new ArrayList<>();
  protected HubNode broker;

  /**
   * Makes a broker with these history bounds, reading time from {@link #clock} and registering its
   * meters where the hub over it registers its own.
   */
  protected abstract Broker newBroker(ChannelStreamsConfiguration bounds, MeterRegistry meters);

  /**
   * Whether the broker keeps history in this JVM, so that {@code node-history-max-bytes} applies;
   * the Redis broker keeps it in Redis, bounded per channel (docs/websockets.md, "Scaling out").
   */
  protected abstract boolean keepsHistoryOnTheNode();

  /** Releases a broker made by {@link #newBroker}. */
  protected void release(Broker broker) {}

  protected final HubNode brokerWith(int historyMaxEvents, Duration historyMaxAge) {
    return brokerWith(ChannelStreamsConfiguration.withHistory(historyMaxEvents, historyMaxAge));
  }

  protected final HubNode brokerWith(ChannelStreamsConfiguration bounds) {
    MeterRegistry meters = new SimpleMeterRegistry();
    return nodeOver(newBroker(bounds, meters), meters);
  }

  /** A hub over the broker, closed (and the broker released) after the test. */
  protected final HubNode nodeOver(Broker broker, MeterRegistry meters) {
    HubNode node = new HubNode(broker, meters, clock);
    made.add(node);
    return node;
  }

  @BeforeEach
  void makeBroker() {
    broker = brokerWith(1000, Duration.ofMinutes(10));
  }

  @AfterEach
  void releaseBrokers() {
    for (HubNode node : made) {
      node.close();
      release(node.broker());
    }
  }

  protected StreamEvent publish(String channel) {
    return broker.publish(channel, offset -> "frame-" + offset);
  }

  /**
   * Publishes a frame of exactly {@code bytes} UTF-8 bytes; it leaves its offset out, so its size
   * does not depend on how the broker fills the offset in.
   */
  protected StreamEvent publish(String channel, int bytes) {
    return broker.publish(channel, offset -> "x".repeat(bytes));
  }

  /** The default event bounds with these byte bounds. */
  protected static ChannelStreamsConfiguration bytesBounds(long perChannel, long perNode) {
    ChannelStreamsConfiguration defaults = ChannelStreamsConfiguration.defaults();
    return new ChannelStreamsConfiguration(
        defaults.historyMaxEvents(),
        defaults.historyMaxAge(),
        perChannel,
        perNode,
        defaults.maxPublishBytes());
  }

  protected static List<Long> offsets(List<StreamEvent> events) {
    return events.stream().map(StreamEvent::offset).toList();
  }

  protected static List<String> frames(List<StreamEvent> events) {
    return events.stream().map(StreamEvent::frameText).toList();
  }
}
