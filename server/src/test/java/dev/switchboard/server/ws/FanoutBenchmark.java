package dev.switchboard.server.ws;

import dev.switchboard.contract.ChannelName;
import dev.switchboard.contract.Channels;
import dev.switchboard.contract.session.OutputStreamName;
import dev.switchboard.contract.session.StreamOutputData;
import dev.switchboard.contract.session.StreamOutputEvent;
import dev.switchboard.server.auth.Caller;
import dev.switchboard.server.channel.ChannelHub;
import dev.switchboard.server.channel.ChannelStreamsConfiguration;
import dev.switchboard.server.channel.InMemoryBroker;
import dev.switchboard.server.channel.SubscribeResult;
import dev.switchboard.server.wire.ChannelPublisher;
import dev.switchboard.server.wire.FrameCodec;
import dev.switchboard.server.ws.guard.PreEncodedFrame;
import dev.switchboard.server.ws.guard.WebSocketConfiguration;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.DefaultEventLoop;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * FanoutBenchmark measures what one publish costs on a node: numbering, encoding once, recording
 * history and handing the frame to each subscriber's connection, which writes it through a Netty
 * pipeline with the WebSocket frame encoder on an event loop (through the loop's outbox, as on a
 * server), whose socket is replaced by a sink so the figure is the server's own work, not the
 * network. A publish is timed until the last subscriber's frame reached its sink.
 *
 * <p>It prints the cost per subscriber at 1,000 and 10,000 subscribers, and the cost of publishing
 * to a 10-subscriber channel with 10 and with 5,000 other connections open (each on its own
 * channel), which must be the same: fan-out is O(subscribers of the channel).
 *
 * <p>Run: {@code ./bench/fanout.sh} (not part of the test suite).
 */
public final class FanoutBenchmark {

  private static final LongAdder DELIVERED = new LongAdder();
  private static final WebSocketConfiguration LIMITS =
      new WebSocketConfiguration(
          100,
          java.time.Duration.ofSeconds(30),
          java.time.Duration.ofSeconds(5),
          java.time.Duration.ofSeconds(75),
          65_536,
          100,
          Long.MAX_VALUE,
          50,
          20,
          Long.MAX_VALUE,
          java.time.Duration.ofSeconds(2),
          50,
          false,
          null,
          java.time.Duration.ofSeconds(5));

  public static void main(String[] args) {
    try (ApplicationContext context =
        ApplicationContext.run(
            java.util.Map.of("micronaut.serde.serialization.inclusion", "non_null"))) {
      FrameCodec codec = new FrameCodec(context.getBean(JsonMapper.class));
      System.out.println("Fan-out on one node (in-memory broker, sockets replaced by a sink)");
      for (int subscribers : new int[] {1_000, 10_000}) {
        perSubscriber(codec, subscribers);
      }
      for (int others : new int[] {10, 5_000}) {
        smallChannelAmongOthers(codec, others);
      }
    }
  }

  private static void perSubscriber(FrameCodec codec, int subscribers) {
    Setup setup = new Setup(codec);
    String channel = Channels.session("hot");
    setup.subscribe(channel, subscribers);
    int publishes = 10_000_000 / subscribers;
    setup.publish(channel, publishes / 2); // warm-up
    long[] nanos = setup.publish(channel, publishes);
    double perSubscriberNs = (double) sum(nanos) / ((long) publishes * subscribers);
    System.out.printf(
        "  %,6d subscribers: %6.1f ns per subscriber per event, median publish %,.1f µs, p99 %,.1f µs%n",
        subscribers, perSubscriberNs, percentile(nanos, 50) / 1e3, percentile(nanos, 99) / 1e3);
  }

  private static void smallChannelAmongOthers(FrameCodec codec, int others) {
    Setup setup = new Setup(codec);
    for (int i = 0; i < others; i++) {
      setup.subscribe(Channels.session("other-" + i), 1);
    }
    String channel = Channels.session("small");
    setup.subscribe(channel, 10);
    setup.publish(channel, 200_000); // warm-up
    long[] nanos = setup.publish(channel, 200_000);
    System.out.printf(
        "  10-subscriber channel with %,5d other connections: median publish %,.2f µs, mean %,.2f µs%n",
        others, percentile(nanos, 50) / 1e3, sum(nanos) / (double) nanos.length / 1e3);
  }

  /** One hub over an in-memory broker, a publisher and a set of sink-backed connections. */
  private static final class Setup {
    private final ChannelHub hub =
        new ChannelHub(
            new InMemoryBroker(ChannelStreamsConfiguration.defaults(), null),
            new SimpleMeterRegistry(),
            null);
    private final FrameCodec codec;
    private final ChannelPublisher publisher;
    private final DefaultEventLoop loop = new DefaultEventLoop();
    private final Outbox outbox = new Outbox.Registry().of(loop);
    private final java.util.Map<String, Integer> subscribers = new java.util.HashMap<>();
    // Frames written to sinks once everything handed to the outbox so far has been written.
    private long expected = DELIVERED.sum();
    private long seq;

    Setup(FrameCodec codec) {
      this.codec = codec;
      this.publisher = new ChannelPublisher(hub, codec, new SimpleMeterRegistry());
    }

    void subscribe(String channel, int count) {
      LongAdder frames = new LongAdder();
      for (int i = 0; i < count; i++) {
        Connection connection =
            new Connection("c-" + i, Caller.forAdmin(), sink(), outbox, LIMITS, frames);
        ChannelSubscription subscription = new ChannelSubscription(connection, channel, codec);
        SubscribeResult result = hub.subscribe(ChannelName.parse(channel), null, subscription);
        subscription.start(result.handle(), "{}", List.of());
      }
      subscribers.merge(channel, count, Integer::sum);
      expected += count; // the subscribe replies
      awaitDelivered();
    }

    /** Waits until every frame handed to the outbox has reached its sink. */
    private void awaitDelivered() {
      while (DELIVERED.sum() < expected) {
        Thread.onSpinWait();
      }
    }

    long[] publish(String channel, int count) {
      long[] nanos = new long[count];
      int channelSubscribers = subscribers.get(channel);
      for (int i = 0; i < count; i++) {
        StreamOutputEvent event =
            new StreamOutputEvent(
                channel,
                new StreamOutputData(
                    "m-1",
                    seq++,
                    "a line of agent output, about eighty bytes long "
                        + "in total, like a log line\n",
                    OutputStreamName.STDOUT));
        long start = System.nanoTime();
        publisher.publish(event);
        expected += channelSubscribers;
        awaitDelivered();
        nanos[i] = System.nanoTime() - start;
      }
      return nanos;
    }
  }

  /** A channel that encodes WebSocket frames and drops the bytes where a socket would send them. */
  private static EmbeddedChannel sink() {
    return new EmbeddedChannel(
        new ChannelOutboundHandlerAdapter() {
          @Override
          public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            DELIVERED.increment();
            ReferenceCountUtil.release(msg);
            promise.setSuccess();
          }
        },
        new PreEncodedFrame.Encoder());
  }

  private static long sum(long[] values) {
    return Arrays.stream(values).sum();
  }

  private static double percentile(long[] values, int percentile) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[Math.min(sorted.length - 1, sorted.length * percentile / 100)];
  }
}
