package dev.switchboard.server.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.contract.Channels;
import dev.switchboard.contract.session.OutputStreamName;
import dev.switchboard.contract.session.StreamOutputData;
import dev.switchboard.contract.session.StreamOutputEvent;
import dev.switchboard.server.testing.Frames;
import dev.switchboard.server.testing.TestSocket;
import dev.switchboard.server.wire.ChannelPublisher;
import io.micronaut.context.annotation.Property;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * A client that is cut off again and again while events keep coming resubscribes with the last
 * position it applied and ends with every event exactly once, in order; when history cannot cover
 * the gap it is told so instead of silently missing events.
 */
@MicronautTest
@Property(name = "spec.name", value = AnySessionOwnership.SPEC)
@Property(name = "switchboard.token", value = ChannelRecoveryIT.ADMIN_TOKEN)
@Property(name = "switchboard.channels.history-max-events", value = "1000")
class ChannelRecoveryIT {

  static final String ADMIN_TOKEN = "sb_channel-recovery-it-admin";

  @Inject EmbeddedServer server;
  @Inject JsonMapper mapper;
  @Inject ChannelPublisher publisher;

  void publish(String sessionId, long seq) {
    publisher.publish(
        new StreamOutputEvent(
            Channels.session(sessionId),
            new StreamOutputData("m-1", seq, "line " + seq + "\n", OutputStreamName.STDOUT)));
  }

  TestSocket connect() {
    TestSocket socket = TestSocket.connect(server.getPort(), ADMIN_TOKEN, mapper);
    socket.awaitType("connected");
    return socket;
  }

  @Test
  void replaysMissedEventsAfterEveryForcedDisconnect() throws Exception {
    String channel = "session:recover";
    CompletableFuture<Void> publishing =
        CompletableFuture.runAsync(
            () -> {
              for (long seq = 0; seq < 1000; seq++) {
                publish("recover", seq);
                if (seq % 10 == 0) {
                  sleep(15);
                }
              }
            });

    List<Long> offsets = new ArrayList<>();
    String epoch = null;
    long last = 0;
    int connections = 0;
    while (last < 1000) {
      connections++;
      TestSocket socket = connect();
      socket.send(Frames.subscribeSince(channel, epoch, last));
      JsonNode success = socket.awaitType("subscription_success").get("data");
      if (epoch == null) {
        epoch = success.get("epoch").getStringValue();
        last = success.get("offset").getLongValue();
        // Events before the first subscribe are history the client would load over REST.
        LongStream.rangeClosed(1, last).forEach(offsets::add);
      } else {
        assertTrue(success.get("recovered").getBooleanValue(), "recovered on " + connections);
        assertEquals(epoch, success.get("epoch").getStringValue());
      }
      int received = 0;
      while (received < 100 && last < 1000) {
        JsonNode event = socket.awaitType("stream_output");
        last = event.get("offset").getLongValue();
        offsets.add(last);
        received++;
      }
      socket.abort();
    }
    publishing.get(30, TimeUnit.SECONDS);

    assertEquals(LongStream.rangeClosed(1, 1000).boxed().toList(), offsets);
    assertTrue(connections >= 10, "disconnected every 100 events: " + connections);
  }

  @Test
  void saysRecoveredFalseWhenHistoryNoLongerCoversTheGap() {
    String channel = "session:overflow";
    String epoch;
    long offset;
    try (TestSocket socket = connect()) {
      socket.send(Frames.subscribeSince(channel, null, 0));
      epoch = socket.awaitType("subscription_success").get("data").get("epoch").getStringValue();
      publish("overflow", 0);
      offset = socket.awaitType("stream_output").get("offset").getLongValue();
    }
    for (long seq = 1; seq <= 1001; seq++) {
      publish("overflow", seq);
    }
    try (TestSocket socket = connect()) {
      socket.send(Frames.subscribeSince(channel, epoch, offset));
      JsonNode success = socket.awaitType("subscription_success").get("data");
      assertFalse(success.get("recovered").getBooleanValue());
      assertEquals(1002, success.get("offset").getLongValue());
      publish("overflow", 1002);
      assertEquals(1003, socket.next().get("offset").getLongValue(), "live after the gap");
    }
  }

  @Test
  void saysRecoveredFalseForAnotherEpoch() {
    publish("epochs", 0);
    try (TestSocket socket = connect()) {
      socket.send(Frames.subscribeSince("session:epochs", "not-this-epoch", 1));
      JsonNode success = socket.awaitType("subscription_success").get("data");
      assertFalse(success.get("recovered").getBooleanValue());
      assertEquals(1, success.get("offset").getLongValue());
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
