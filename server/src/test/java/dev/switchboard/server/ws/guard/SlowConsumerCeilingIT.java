package dev.switchboard.server.ws.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.contract.ChannelName;
import dev.switchboard.contract.project.SessionDeletedData;
import dev.switchboard.contract.project.SessionDeletedEvent;
import dev.switchboard.server.channel.ChannelHub;
import dev.switchboard.server.testing.Frames;
import dev.switchboard.server.wire.ChannelPublisher;
import dev.switchboard.server.ws.Connection;
import dev.switchboard.server.ws.ConnectionRegistry;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;

/**
 * The hard ceiling (issue 4, item 3): a client that stops reading while events pour in is evicted
 * as soon as its unsent bytes pass {@code max-pending-bytes-hard}, without waiting out the grace
 * period.
 */
@MicronautTest
@Property(name = "switchboard.token", value = SlowConsumerIT.TOKEN)
@Property(name = "switchboard.ws.slow-consumer-grace", value = "60s")
@Property(name = "switchboard.ws.max-pending-bytes-hard", value = "2097152")
@Property(name = "micronaut.server.netty.child-options.so-sndbuf", value = "65536")
class SlowConsumerCeilingIT {

  @Inject EmbeddedServer server;
  @Inject ChannelPublisher publisher;
  @Inject ChannelHub hub;
  @Inject ConnectionRegistry registry;

  boolean isOpen(String connectionId) {
    return registry.connections().stream().map(Connection::id).anyMatch(connectionId::equals);
  }

  @Test
  void evictsAtOncePastTheHardCeilingWhateverTheGracePeriod() throws Exception {
    String channel = "project:p-ceiling";
    try (RawWebSocket stalled =
        RawWebSocket.open(
            server.getPort(),
            "/ws",
            Map.of("Authorization", "Bearer " + SlowConsumerIT.TOKEN),
            4096)) {
      Matcher id =
          SlowConsumerIT.CONNECTION_ID.matcher(stalled.awaitTextContaining("\"connected\"").text());
      assertTrue(id.find());
      stalled.sendText(Frames.subscribe(channel, "s"));
      stalled.awaitTextContaining("subscription_success");

      long start = System.nanoTime();
      int sent = 0;
      while (isOpen(id.group(1)) && System.nanoTime() - start < Duration.ofSeconds(10).toNanos()) {
        publisher.publish(
            new SessionDeletedEvent(
                channel,
                new SessionDeletedData(
                    "c" + sent++ + "-" + "x".repeat(SlowConsumerIT.PADDING_CHARS), "p")));
        Thread.sleep(5);
      }
      long evictedAfterMs = (System.nanoTime() - start) / 1_000_000;

      assertFalse(isOpen(id.group(1)), "still open after " + evictedAfterMs + " ms");
      assertTrue(evictedAfterMs < 10_000, "evicted only after " + evictedAfterMs + " ms");
      assertEquals(0, hub.listenerCount(ChannelName.parse(channel)));
    }
  }
}
