package dev.switchboard.server.ws.guard;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.contract.error.CloseCode;
import dev.switchboard.contract.project.SessionDeletedData;
import dev.switchboard.contract.project.SessionDeletedEvent;
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
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;

/**
 * The outbound queue (issue 4, item 3): frames for a client whose channel is not writable wait in
 * its bounded queue rather than in Netty's direct buffers; a client that stops reading is evicted
 * and everything held for it is released (direct memory back near its baseline), while other
 * clients keep receiving, and a fast reader gets every event of a 10,000-event burst.
 */
@MicronautTest
@Property(name = "switchboard.token", value = OutboundQueueIT.TOKEN)
// A backlog of several MiB builds up within the grace period; the hard ceiling stays out of reach.
@Property(name = "switchboard.ws.slow-consumer-grace", value = "2s")
@Property(name = "switchboard.ws.max-pending-bytes-hard", value = "67108864")
@Property(name = "micronaut.server.netty.child-options.so-sndbuf", value = "65536")
class OutboundQueueIT {

  static final String TOKEN = "sb_outbound-queue-it-admin-token";
  static final long MIB = 1024 * 1024;
  static final long BUDGET_BYTES = MIB;

  @Inject EmbeddedServer server;
  @Inject JsonMapper mapper;
  @Inject ChannelPublisher publisher;
  @Inject ConnectionRegistry registry;
  @Inject MeterRegistry meters;

  void publish(String channel, String tag, int paddingChars) {
    publisher.publish(
        new SessionDeletedEvent(
            channel, new SessionDeletedData(tag + "-" + "x".repeat(paddingChars), "p")));
  }

  static String tagOf(JsonNode frame) {
    JsonNode data = frame.get("data");
    JsonNode sessionId = data == null ? null : data.get("sessionId");
    if (sessionId == null) {
      return null;
    }
    String id = sessionId.getStringValue();
    return id.substring(0, id.indexOf('-'));
  }

  double queuedBytes() {
    return meters.get("switchboard.ws.outbound.queued").gauge().value();
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

  /** Direct memory in use by Netty's default allocator, which the server's channels use. */
  static long directMemory() {
    ByteBufAllocator allocator = ByteBufAllocator.DEFAULT;
    return ((ByteBufAllocatorMetricProvider) allocator).metric().usedDirectMemory();
  }

  static void printMemory(String when) {
    System.out.printf(
        "%s: %s direct memory %d bytes%n",
        when, ByteBufAllocator.DEFAULT.getClass().getSimpleName(), directMemory());
  }

  @Test
  void evictsAStalledReaderReleasingItsMemoryWhileAnotherKeepsReceiving() throws Exception {
    String channel = "project:p-queue-stalled";
    double evictionsBefore = evictions();
    try (RawWebSocket stalled =
            RawWebSocket.open(
                server.getPort(), "/ws", Map.of("Authorization", "Bearer " + TOKEN), 4096);
        TestSocket reader = subscribedReader(channel)) {
      Matcher id =
          SlowConsumerIT.CONNECTION_ID.matcher(stalled.awaitTextContaining("\"connected\"").text());
      assertTrue(id.find());
      String stalledId = id.group(1);
      stalled.sendText(Frames.subscribe(channel, "s"));
      stalled.awaitTextContaining("subscription_success");
      // Warm the allocator up on the reading client's path before taking the baseline.
      for (int i = 0; i < 20; i++) {
        publish(channel, "w" + i, 32 * 1024);
        String tag = "w" + i;
        reader.await(frame -> tag.equals(tagOf(frame)));
      }
      printMemory("baseline");
      long baseline = directMemory();

      // From here the raw client reads nothing; the other client must keep getting every event.
      long start = System.nanoTime();
      double mostQueued = 0;
      long mostDirect = baseline;
      int sent = 0;
      while (isOpen(stalledId) && System.nanoTime() - start < Duration.ofSeconds(15).toNanos()) {
        String tag = "e" + sent++;
        publish(channel, tag, 32 * 1024);
        reader.await(frame -> tag.equals(tagOf(frame)));
        mostQueued = Math.max(mostQueued, queuedBytes());
        mostDirect = Math.max(mostDirect, directMemory());
        Thread.sleep(5);
      }
      System.out.printf(
          "during the stall: at most %d bytes direct, %d queued%n", mostDirect, (long) mostQueued);

      assertFalse(isOpen(stalledId), "the stalled client was not evicted");
      assertEquals(evictionsBefore + 1, evictions());
      assertFalse(reader.closed().isDone(), "the reading client was closed");
      // The backlog waited in the stalled client's queue, not in Netty's direct buffers.
      assertTrue(mostQueued > BUDGET_BYTES / 2, "most queued: " + mostQueued);
      assertTrue(
          mostDirect - baseline < 4 * MIB,
          "direct memory grew by " + (mostDirect - baseline) + " bytes during the stall");
      await().atMost(Duration.ofSeconds(10)).until(() -> queuedBytes() == 0);
      await().atMost(Duration.ofSeconds(10)).until(() -> directMemory() - baseline < 2 * MIB);
      printMemory("after eviction");
      assertEquals(CloseCode.SLOW_CONSUMER.code(), SlowConsumerIT.closeCodeOrReset(stalled));
    }
  }

  @Test
  void aFastReaderGetsEveryEventOfATenThousandEventBurst() {
    String channel = "project:p-queue-burst";
    double evictionsBefore = evictions();
    int events = 10_000;
    try (TestSocket first = subscribedReader(channel);
        TestSocket second = subscribedReader(channel)) {
      for (int i = 0; i < events; i++) {
        publish(channel, "b" + i, 200);
      }
      for (TestSocket reader : new TestSocket[] {first, second}) {
        for (int i = 0; i < events; i++) {
          JsonNode frame = reader.awaitType("session_deleted");
          assertEquals("b" + i, tagOf(frame), "out of order or missing");
        }
        assertFalse(reader.closed().isDone(), "a fast reader was closed");
      }
      assertEquals(evictionsBefore, evictions());
    }
  }
}
