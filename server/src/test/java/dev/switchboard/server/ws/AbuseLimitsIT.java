package dev.switchboard.server.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.server.testing.Frames;
import dev.switchboard.server.testing.TestSocket;
import io.micronaut.context.annotation.Property;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A client over its rate limit is told to slow down and then, if it keeps going, closed with a
 * terminal code; so is a client that keeps sending invalid frames.
 */
@MicronautTest
@Property(name = "switchboard.token", value = AbuseLimitsIT.TOKEN)
@Property(name = "switchboard.ws.max-commands-per-second", value = "5")
@Property(name = "switchboard.ws.max-rate-limited-per-minute", value = "3")
@Property(name = "switchboard.ws.max-protocol-errors-per-minute", value = "3")
class AbuseLimitsIT {

  static final String TOKEN = "sb_abuse-limits-it-token";

  @Inject EmbeddedServer server;
  @Inject JsonMapper mapper;

  @Test
  void refusesFramesOverTheRateThenClosesAClientThatKeepsGoing() throws Exception {
    try (TestSocket socket = TestSocket.connect(server.getPort(), TOKEN, mapper)) {
      socket.awaitType("connected");
      for (int i = 0; i < 6; i++) {
        socket.send(Frames.ping("p" + i));
      }
      for (int i = 0; i < 5; i++) {
        assertEquals("pong", socket.next().get("type").getStringValue());
      }
      JsonNode limited = socket.next();
      assertEquals("rate_limited", limited.get("data").get("code").getStringValue());
      assertEquals(true, limited.get("data").get("retryable").getBooleanValue());
      for (int i = 0; i < 3; i++) {
        socket.send(Frames.ping("again" + i));
      }
      assertEquals(4502, socket.closed().get(10, TimeUnit.SECONDS));
    }
  }

  @Test
  void closesAClientThatKeepsSendingInvalidFrames() throws Exception {
    try (TestSocket socket = TestSocket.connect(server.getPort(), TOKEN, mapper)) {
      socket.awaitType("connected");
      for (int i = 0; i < 3; i++) {
        socket.send("{broken");
        assertEquals("bad_request", socket.next().get("data").get("code").getStringValue());
        Thread.sleep(250); // stay under the rate limit: this test is about invalid frames
      }
      socket.send("{broken");
      assertEquals(4501, socket.closed().get(10, TimeUnit.SECONDS));
    }
  }
}
