package dev.switchboard.server.ws.guard;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.switchboard.contract.ChannelName;
import dev.switchboard.contract.error.CloseCode;
import dev.switchboard.contract.project.SessionDeletedData;
import dev.switchboard.contract.project.SessionDeletedEvent;
import dev.switchboard.server.channel.ChannelHub;
import dev.switchboard.server.testing.Frames;
import dev.switchboard.server.testing.TestSocket;
import dev.switchboard.server.wire.ChannelPublisher;
import dev.switchboard.server.ws.Connection;
import dev.switchboard.server.ws.ConnectionRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Property;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.netty.util.concurrent.AbstractEventExecutor;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Slow consumers (issue 4, item 3): a client that stops reading is evicted with 4000 once it has
 * stayed over the outbound budget for the grace period, and its subscriptions are released, while a
 * client that keeps reading is untouched, both beside the stalled one and in a burst larger than
 * the budget.
 */
@MicronautTest
@Property(name = "switchboard.token", value = SlowConsumerIT.TOKEN)
@Property(name = "switchboard.ws.slow-consumer-grace", value = "1s")
// A fixed, small kernel send buffer (loopback autotuning absorbs about 4 MB), so that unsent bytes
// pile up in the server (the outbound queue and Netty), where the budget is measured, as they would
// behind a real slow network.
@Property(name = "micronaut.server.netty.child-options.so-sndbuf", value = "65536")
class SlowConsumerIT {

  static final String TOKEN = "sb_slow-consumer-it-admin-token";
  static final int PADDING_CHARS = 32 * 1024;
  static final long BUDGET_BYTES = 1024 * 1024;
  static final Pattern CONNECTION_ID = Pattern.compile("\"connectionId\":\"(c-[0-9a-f]+)\"");

  @Inject EmbeddedServer server;
  @Inject JsonMapper mapper;
  @Inject ChannelPublisher publisher;
  @Inject ChannelHub hub;
  @Inject ConnectionRegistry registry;
  @Inject MeterRegistry meters;

  /** Publishes an event of about {@link #PADDING_CHARS} bytes whose session id starts with tag. */
  void publish(String channel, String tag) {
    publisher.publish(
        new SessionDeletedEvent(
            channel, new SessionDeletedData(tag + "-" + "x".repeat(PADDING_CHARS), "p")));
  }

  static boolean hasTag(JsonNode frame, String tag) {
    JsonNode data = frame.get("data");
    JsonNode sessionId = data == null ? null : data.get("sessionId");
    return sessionId != null && sessionId.getStringValue().startsWith(tag + "-");
  }

  double evictions() {
    return meters.counter("switchboard.ws.slow_consumer.evictions").count();
  }

  boolean isOpen(String connectionId) {
    return registry.connections().stream().map(Connection::id).anyMatch(connectionId::equals);
  }

  TestSocket subscribedReader(String channel) {
    TestSocket reader = TestSocket.connect(server.getPort(), TOKEN, mapper);
    reader.awaitType("connected");
    reader.send(Frames.subscribe(channel, "s"));
    reader.awaitType("subscription_success");
    return reader;
  }

  @Test
  void evictsAReaderThatStopsAfterTheGracePeriodWhileAnotherKeepsItsLatency() throws Exception {
    String channel = "project:p-stalled";
    double evictionsBefore = evictions();
    try (RawWebSocket stalled =
            RawWebSocket.open(
                server.getPort(), "/ws", Map.of("Authorization", "Bearer " + TOKEN), 4096);
        TestSocket reader = subscribedReader(channel)) {
      assertEquals(101, stalled.status());
      Matcher id = CONNECTION_ID.matcher(stalled.awaitTextContaining("\"connected\"").text());
      assertTrue(id.find());
      String stalledId = id.group(1);
      stalled.sendText(Frames.subscribe(channel, "s"));
      stalled.awaitTextContaining("subscription_success");
      assertEquals(2, hub.listenerCount(ChannelName.parse(channel)));

      // From here the raw client reads nothing. Events keep coming at about 2 MB/s, well under
      // the 8 MiB hard ceiling within the test, so only the grace period can evict it.
      long start = System.nanoTime();
      long worstLatencyNanos = 0;
      int sent = 0;
      while (isOpen(stalledId) && System.nanoTime() - start < Duration.ofSeconds(10).toNanos()) {
        String tag = "e" + sent++;
        long published = System.nanoTime();
        publish(channel, tag);
        reader.await(frame -> hasTag(frame, tag));
        worstLatencyNanos = Math.max(worstLatencyNanos, System.nanoTime() - published);
        Thread.sleep(15);
      }
      long evictedAfterMs = (System.nanoTime() - start) / 1_000_000;

      assertFalse(isOpen(stalledId), "still open after " + evictedAfterMs + " ms");
      // 1 MiB has to pile up first (the kernel buffers take some of it), then 1 s of grace.
      assertTrue(evictedAfterMs >= 1_000, "evicted before the grace period: " + evictedAfterMs);
      assertTrue(evictedAfterMs < 6_000, "evicted only after " + evictedAfterMs + " ms");
      assertTrue(
          sent * (long) PADDING_CHARS > BUDGET_BYTES, "only " + sent + " events were published");
      assertEquals(evictionsBefore + 1, evictions());
      assertEquals(
          1,
          hub.listenerCount(ChannelName.parse(channel)),
          "only the reading client should still be subscribed");
      assertTrue(
          worstLatencyNanos < Duration.ofMillis(500).toNanos(),
          "the reading client waited " + worstLatencyNanos / 1_000_000 + " ms for an event");
      assertEquals(CloseCode.SLOW_CONSUMER.code(), closeCodeOrReset(stalled));
      assertFalse(reader.closed().isDone(), "the reading client was closed");
    }
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> hub.listenerCount(ChannelName.parse(channel)) == 0);
  }

  @Test
  void evictsWithoutTheEvictingTaskFailing() throws Exception {
    String channel = "project:p-stalled-quietly";
    // Netty logs a task that throws on the event loop here; the eviction once did, setting
    // SO_LINGER on a socket that Micronaut's close had already closed (so no reset was sent).
    Logger executorLog = (Logger) LoggerFactory.getLogger(AbstractEventExecutor.class);
    ListAppender<ILoggingEvent> failedTasks = new ListAppender<>();
    failedTasks.start();
    executorLog.addAppender(failedTasks);
    double evictionsBefore = evictions();
    try (RawWebSocket stalled =
        RawWebSocket.open(
            server.getPort(), "/ws", Map.of("Authorization", "Bearer " + TOKEN), 4096)) {
      Matcher id = CONNECTION_ID.matcher(stalled.awaitTextContaining("\"connected\"").text());
      assertTrue(id.find());
      String stalledId = id.group(1);
      stalled.sendText(Frames.subscribe(channel, "s"));
      stalled.awaitTextContaining("subscription_success");
      long start = System.nanoTime();
      for (int sent = 0;
          isOpen(stalledId) && System.nanoTime() - start < Duration.ofSeconds(10).toNanos();
          sent++) {
        publish(channel, "e" + sent);
        Thread.sleep(15);
      }
      assertFalse(isOpen(stalledId), "the stalled client was not evicted");
      await().atMost(Duration.ofSeconds(5)).until(() -> evictions() == evictionsBefore + 1);
      assertEquals(CloseCode.SLOW_CONSUMER.code(), closeCodeOrReset(stalled));
    } finally {
      executorLog.detachAppender(failedTasks);
    }
    assertEquals(
        List.of(),
        failedTasks.list.stream()
            .filter(
                event -> String.valueOf(event.getFormattedMessage()).contains("FrameRulesHandler"))
            .map(
                event ->
                    event.getFormattedMessage() + ": " + event.getThrowableProxy().getMessage())
            .toList());
  }

  @Test
  void keepsAFastReaderThroughABurstFiveTimesTheBudget() throws Exception {
    String channel = "project:p-burst";
    double evictionsBefore = evictions();
    int events = 160;
    // The reader never stops, but reads at about 30 MB/s (a fast network, slower than publishing),
    // so most of the burst waits in Netty: over the budget for a moment, never for the grace
    // period.
    try (RawWebSocket reader =
        RawWebSocket.open(
            server.getPort(), "/ws", Map.of("Authorization", "Bearer " + TOKEN), 4096)) {
      Matcher id = CONNECTION_ID.matcher(reader.awaitTextContaining("\"connected\"").text());
      assertTrue(id.find());
      reader.sendText(Frames.subscribe(channel, "s"));
      reader.awaitTextContaining("subscription_success");
      CompletableFuture<Integer> received =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  for (int i = 0; i < events; i++) {
                    String text = reader.awaitTextContaining("session_deleted").text();
                    assertTrue(text.contains("\"b" + i + "-"), "event b" + i + " out of order");
                    Thread.sleep(1);
                  }
                  return events;
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  throw new IllegalStateException(e);
                }
              });
      for (int i = 0; i < events; i++) {
        publish(channel, "b" + i);
      }
      assertEquals(events, received.get(10, TimeUnit.SECONDS));
      assertTrue(isOpen(id.group(1)), "the fast reader was evicted");
      assertEquals(1, hub.listenerCount(ChannelName.parse(channel)));
      assertEquals(evictionsBefore, evictions());
    }
  }

  /**
   * What the evicted client sees once it reads again: the 4000 Close if it made it out before the
   * reset, otherwise the reset (or end of stream) itself, reported as 4000 as well.
   */
  static int closeCodeOrReset(RawWebSocket socket) throws IOException {
    try {
      return socket.awaitCloseCode();
    } catch (SocketTimeoutException e) {
      throw new AssertionError("the evicted socket is still open", e);
    } catch (IOException e) {
      return CloseCode.SLOW_CONSUMER.code();
    }
  }
}
