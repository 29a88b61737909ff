package dev.switchboard.server.ws;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.contract.ChannelName;
import dev.switchboard.contract.Channels;
import dev.switchboard.contract.ContractInfo;
import dev.switchboard.contract.project.SessionDeletedData;
import dev.switchboard.contract.project.SessionDeletedEvent;
import dev.switchboard.contract.session.OutputStreamName;
import dev.switchboard.contract.session.StreamOutputData;
import dev.switchboard.contract.session.StreamOutputEvent;
import dev.switchboard.server.auth.TokenStore;
import dev.switchboard.server.channel.ChannelHub;
import dev.switchboard.server.testing.Frames;
import dev.switchboard.server.testing.TestSocket;
import dev.switchboard.server.wire.ChannelPublisher;
import io.micronaut.context.annotation.Property;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

@MicronautTest(transactional = false)
@Property(name = "spec.name", value = AnySessionOwnership.SPEC)
@Property(name = "switchboard.token", value = ChannelSocketIT.ADMIN_TOKEN)
// Some tests send bursts of 100 commands; the rate limit has its own test.
@Property(name = "switchboard.ws.max-commands-per-second", value = "10000")
@Property(name = "switchboard.auth.token-refresh", value = "200ms")
class ChannelSocketIT {

  static final String ADMIN_TOKEN = "sb_channel-socket-it-admin";

  @Inject EmbeddedServer server;
  @Inject JsonMapper mapper;
  @Inject ChannelPublisher publisher;
  @Inject ChannelHub hub;
  @Inject TokenStore tokens;
  @Inject DataSource dataSource;

  TestSocket connect(String token) {
    TestSocket socket = TestSocket.connect(server.getPort(), token, mapper);
    socket.awaitType("connected");
    return socket;
  }

  void publishOutput(String sessionId, long seq) {
    publisher.publish(
        new StreamOutputEvent(
            Channels.session(sessionId),
            new StreamOutputData("m-1", seq, "line " + seq + "\n", OutputStreamName.STDOUT)));
  }

  static String type(JsonNode frame) {
    return frame.get("type").getStringValue();
  }

  @Test
  void greetsEachConnectionWithItsIdVersionsAndLimits() {
    try (TestSocket socket = TestSocket.connect(server.getPort(), ADMIN_TOKEN, mapper)) {
      JsonNode connected = socket.next();
      assertEquals("connected", type(connected));
      assertEquals("global", connected.get("channel").getStringValue());
      JsonNode data = connected.get("data");
      assertTrue(data.get("connectionId").getStringValue().startsWith("c-"));
      assertEquals(
          ContractInfo.current().version(), data.get("contract").get("version").getStringValue());
      assertEquals(
          ContractInfo.current().hash(), data.get("contract").get("hash").getStringValue());
      assertTrue(ContractInfo.current().hash().matches("[0-9a-f]{16}"));
      assertEquals(30_000, data.get("heartbeatIntervalMs").getLongValue());
      assertEquals(100, data.get("limits").get("maxSubscriptions").getIntValue());
      assertEquals(65_536, data.get("limits").get("maxMessageBytes").getIntValue());
    }
  }

  @Test
  void answersPingWithPongCarryingTheRefAndTimestamps() {
    try (TestSocket socket = connect(ADMIN_TOKEN)) {
      long before = System.currentTimeMillis();
      socket.send(Frames.ping("p1"));
      JsonNode pong = socket.awaitType("pong");
      assertEquals("p1", pong.get("ref").getStringValue());
      assertEquals(42, pong.get("data").get("timestamp").getLongValue());
      assertTrue(pong.get("data").get("serverTime").getLongValue() >= before);
    }
  }

  @Test
  void answersBadFramesWithErrorsAndStaysUsable() {
    try (TestSocket socket = connect(ADMIN_TOKEN)) {
      socket.send("{not json");
      assertError(socket.next(), "bad_request", null);
      socket.send("[1,2]");
      assertError(socket.next(), "bad_request", null);
      socket.send("{\"channel\":\"global\",\"type\":\"pnig\",\"data\":{},\"ref\":\"r1\"}");
      JsonNode unknown = socket.next();
      assertError(unknown, "unknown_type", "r1");
      assertTrue(unknown.get("data").get("message").getStringValue().contains("ping"));
      socket.send("{\"channel\":\"room:1\",\"type\":\"ping\",\"data\":{},\"ref\":\"r2\"}");
      assertError(socket.next(), "invalid_channel", "r2");
      socket.send("{\"channel\":\"global\",\"type\":\"ping\",\"ref\":\"r3\"}");
      assertError(socket.next(), "bad_request", "r3");
      socket.send("{\"channel\":\"global\",\"type\":\"ping\",\"data\":{\"timestamp\":\"x\"}}");
      assertError(socket.next(), "bad_request", null);
      socket.send("{\"channel\":\"project:p1\",\"type\":\"session_created\",\"data\":{}}");
      assertError(socket.next(), "unknown_type", null);
      socket.send("{\"channel\":\"shell:s1\",\"type\":\"input\",\"data\":{\"data\":\"ls\"}}");
      assertError(socket.next(), "invalid_channel", null);

      socket.send(Frames.ping("still-here"));
      assertEquals("still-here", socket.awaitType("pong").get("ref").getStringValue());
    }
  }

  @Test
  void ignoresUnknownFieldsSoOlderServersAcceptNewerClients() {
    try (TestSocket socket = connect(ADMIN_TOKEN)) {
      socket.send(
          "{\"channel\":\"global\",\"type\":\"ping\",\"data\":{\"timestamp\":1,"
              + "\"extra\":true},\"ref\":\"x\",\"trace\":\"abc\"}");
      assertEquals("x", socket.awaitType("pong").get("ref").getStringValue());
    }
  }

  @Test
  void refusesInvalidChannelsOnSubscribe() {
    try (TestSocket socket = connect(ADMIN_TOKEN)) {
      for (String channel : List.of("session:", "session:a:b", "room:1", "global", "shell:x")) {
        socket.send(Frames.subscribe(channel, "s"));
        JsonNode error = socket.next();
        assertEquals("subscription_error", type(error), socket.text(error));
        assertEquals(channel, error.get("data").get("channel").getStringValue());
        assertEquals("invalid_channel", error.get("data").get("code").getStringValue());
      }
    }
  }

  @Test
  void deliversPublishedEventsWithOffsetsAfterSubscriptionSuccess() {
    try (TestSocket socket = connect(ADMIN_TOKEN)) {
      publishOutput("deliver", 0);
      socket.send(Frames.subscribe("session:deliver", "s1"));
      JsonNode success = socket.next();
      assertEquals("subscription_success", type(success));
      assertEquals("s1", success.get("ref").getStringValue());
      assertEquals(1, success.get("data").get("offset").getLongValue());
      assertFalse(success.get("data").get("recovered").getBooleanValue());

      publishOutput("deliver", 1);
      JsonNode event = socket.next();
      assertEquals("stream_output", type(event));
      assertEquals("session:deliver", event.get("channel").getStringValue());
      assertEquals(2, event.get("offset").getLongValue());
      assertEquals(1, event.get("data").get("seq").getLongValue());
    }
  }

  @Test
  void repeatedSubscribeChangesNothingAndUnsubscribeStopsDelivery() {
    try (TestSocket socket = connect(ADMIN_TOKEN)) {
      socket.send(Frames.subscribe("session:twice", "a"));
      socket.awaitType("subscription_success");
      socket.send(Frames.subscribe("session:twice", "b"));
      assertEquals("b", socket.awaitType("subscription_success").get("ref").getStringValue());
      assertEquals(1, hub.listenerCount(ChannelName.parse("session:twice")));

      socket.send(
          "{\"channel\":\"global\",\"type\":\"unsubscribe\",\"data\":"
              + "{\"channel\":\"session:twice\"},\"ref\":\"u\"}");
      JsonNode unsubscribed = socket.next();
      assertEquals("unsubscribed", type(unsubscribed));
      assertEquals("client", unsubscribed.get("data").get("reason").getStringValue());
      assertEquals(0, hub.listenerCount(ChannelName.parse("session:twice")));

      publishOutput("twice", 0);
      socket.send(Frames.ping("after"));
      assertEquals("pong", type(socket.next()), "no event after unsubscribe");
    }
  }

  @Test
  void refusesThe101stSubscriptionAndStaysUsable() {
    try (TestSocket socket = connect(ADMIN_TOKEN)) {
      for (int i = 0; i < 100; i++) {
        socket.send(Frames.subscribe("session:many-" + i, "s" + i));
        assertEquals("subscription_success", type(socket.next()));
      }
      socket.send(Frames.subscribe("session:many-100", "s100"));
      JsonNode refused = socket.next();
      assertEquals("subscription_error", type(refused));
      assertEquals("too_many_subscriptions", refused.get("data").get("code").getStringValue());
      assertEquals(0, hub.listenerCount(ChannelName.parse("session:many-100")));

      socket.send(Frames.ping("ok"));
      assertEquals("pong", type(socket.next()));
      publishOutput("many-99", 0);
      assertEquals(
          "session:many-99", socket.awaitType("stream_output").get("channel").getStringValue());
    }
  }

  @Test
  void anUnauthorizedSubscribeReceivesNothingOfThatChannel() {
    String token = tokens.create("viewer", Set.of("p-mine"), false).token();
    try (TestSocket socket = connect(token)) {
      socket.send(Frames.subscribe("project:p-other", "x"));
      JsonNode refused = socket.next();
      assertEquals("subscription_error", type(refused));
      assertEquals("forbidden", refused.get("data").get("code").getStringValue());
      socket.send(Frames.subscribe("session:anything", "y"));
      assertEquals("forbidden", socket.next().get("data").get("code").getStringValue());

      socket.send(Frames.subscribe("project:p-mine", "z"));
      assertEquals("subscription_success", type(socket.next()));

      publisher.publish(
          new SessionDeletedEvent(
              Channels.project("p-other"), new SessionDeletedData("s1", "p-other")));
      publisher.publish(
          new SessionDeletedEvent(
              Channels.project("p-mine"), new SessionDeletedData("s2", "p-mine")));
      JsonNode next = socket.next();
      assertEquals("project:p-mine", next.get("channel").getStringValue(), socket.text(next));
    }
  }

  @Test
  void closesTheConnectionsOfARevokedTokenAtOnce() throws Exception {
    var issued = tokens.create("revoked-soon", Set.of("p-r"), false);
    try (TestSocket socket = connect(issued.token())) {
      socket.send(Frames.subscribe("project:p-r", "s"));
      socket.awaitType("subscription_success");
      var response =
          java.net.http.HttpClient.newHttpClient()
              .send(
                  java.net.http.HttpRequest.newBuilder(
                          java.net.URI.create(
                              "http://127.0.0.1:"
                                  + server.getPort()
                                  + "/api/tokens/"
                                  + issued.id()))
                      .header("Authorization", "Bearer " + ADMIN_TOKEN)
                      .DELETE()
                      .build(),
                  java.net.http.HttpResponse.BodyHandlers.ofString());
      assertEquals(204, response.statusCode());
      assertEquals(4500, socket.closed().get(10, java.util.concurrent.TimeUnit.SECONDS));
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> hub.listenerCount(ChannelName.parse("project:p-r")) == 0);
    }
  }

  @Test
  void closesTheConnectionsOfATokenRevokedOnAnotherNode() throws Exception {
    var issued = tokens.create("revoked-elsewhere", Set.of("p-e"), false);
    try (TestSocket socket = connect(issued.token())) {
      socket.send(Frames.subscribe("project:p-e", "s"));
      socket.awaitType("subscription_success");

      // Another node of the deployment revokes it: the row goes, this node's copy still has it.
      try (Connection connection =
              DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
          PreparedStatement delete =
              connection.prepareStatement("DELETE FROM tokens WHERE id = ?")) {
        delete.setString(1, issued.id());
        assertEquals(1, delete.executeUpdate());
      }

      assertEquals(4500, socket.closed().get(10, java.util.concurrent.TimeUnit.SECONDS));
      assertTrue(tokens.authenticate(issued.token()).isEmpty());
    }
  }

  @Test
  void releasesSubscriptionsWhenTheConnectionDrops() {
    TestSocket socket = connect(ADMIN_TOKEN);
    socket.send(Frames.subscribe("session:dropped", "s"));
    socket.awaitType("subscription_success");
    assertEquals(1, hub.listenerCount(ChannelName.parse("session:dropped")));
    socket.abort();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> hub.listenerCount(ChannelName.parse("session:dropped")) == 0);
  }

  static void assertError(JsonNode frame, String code, String ref) {
    assertEquals("error", frame.get("type").getStringValue());
    assertEquals("global", frame.get("channel").getStringValue());
    assertEquals(code, frame.get("data").get("code").getStringValue());
    if (ref == null) {
      assertTrue(frame.get("ref") == null);
    } else {
      assertEquals(ref, frame.get("ref").getStringValue());
    }
  }
}
