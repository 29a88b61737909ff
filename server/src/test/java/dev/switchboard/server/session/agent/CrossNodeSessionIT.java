package dev.switchboard.server.session.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.contract.Channels;
import dev.switchboard.server.api.ApiClient;
import dev.switchboard.server.testing.Frames;
import dev.switchboard.server.testing.RequiresService;
import dev.switchboard.server.testing.TestRedis;
import dev.switchboard.server.testing.TestService;
import dev.switchboard.server.testing.TestSocket;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two nodes sharing Redis and one database, a reply running on node A (the test server), and a
 * client of node B, which does not run it: B's snapshot plus the events since its position must be
 * the whole reply exactly once, although B knows nothing of the output A has published but not
 * stored yet (A stores output only every second here, so that gap is wide); and a {@code cancel}
 * sent to B must stop the reply on A.
 *
 * <p>Runs on the Redis that {@link TestService#REDIS} selects.
 */
@RequiresService(TestService.REDIS)
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrossNodeSessionIT extends AgentRunTestSupport implements TestPropertyProvider {

  private static final String PREFIX = TestRedis.uniquePrefix("cross-node-session");

  private final Path databaseDir = temporaryDirectory("switchboard-shared-db");
  private EmbeddedServer nodeB;

  /** Node A's configuration; node B gets the same with its own port and data directory. */
  @Override
  public Map<String, String> getProperties() {
    Map<String, String> properties = new HashMap<>();
    properties.put("switchboard.token", ADMIN_TOKEN);
    properties.put("switchboard.broker", "redis");
    properties.put("switchboard.redis.url", TestRedis.url());
    properties.put("switchboard.redis.key-prefix", PREFIX);
    // One H2 database shared by both nodes of this JVM, as a deployment shares PostgreSQL.
    properties.put(
        "switchboard.db.url",
        "jdbc:h2:file:"
            + databaseDir.resolve("switchboard")
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
    properties.put("switchboard.agent.flush-interval", "1s");
    return properties;
  }

  @BeforeAll
  void startNodeB() {
    Map<String, Object> properties = new HashMap<>(getProperties());
    properties.put("micronaut.server.port", "-1");
    properties.put("switchboard.data-dir", temporaryDirectory("switchboard-node-b").toString());
    nodeB = ApplicationContext.run(EmbeddedServer.class, properties);
  }

  @AfterAll
  void stopNodeB() {
    if (nodeB != null) {
      nodeB.getApplicationContext().close();
    }
    TestRedis.deleteKeys(PREFIX);
  }

  @Test
  void aSnapshotOnANodeNotRunningTheReplyMissesNothingAndRepeatsNothing() {
    String sessionId = createSession(createProject());
    try (TestSocket onA = subscribed(Channels.session(sessionId), ADMIN_TOKEN)) {
      onA.send(
          sendMessage(sessionId, "for i in $(seq 1 60); do echo line $i; sleep 0.03; done", "r1"));
      String agentId = awaitCreated(onA, "agent").get("id").getStringValue();
      collectUntil(onA, agentId, "line 30\n");

      JsonNode snapshot = snapshot(new ApiClient(nodeB.getPort(), mapper), sessionId);
      JsonNode reply = snapshot.get("messages").get(1);
      assertEquals(agentId, reply.get("id").getStringValue());
      assertEquals("running", reply.get("status").getStringValue());
      String stored = reply.get("content").getStringValue();
      assertFalse(stored.contains("line 60\n"), "the snapshot was taken half-way");

      JsonNode position = snapshot.get("position");
      try (TestSocket onB = TestSocket.connect(nodeB.getPort(), ADMIN_TOKEN, mapper)) {
        onB.send(
            Frames.subscribeSince(
                Channels.session(sessionId),
                position.get("epoch").getStringValue(),
                position.get("offset").getLongValue()));
        assertTrue(
            onB.awaitType("subscription_success").get("data").get("recovered").getBooleanValue());
        Reply rest = collectReply(onB, agentId, -1);

        assertEquals(lines(1, 60), stored + rest.text());
      }
    }
  }

  @Test
  void aCancelSentToANodeNotRunningTheReplyStopsIt() {
    String sessionId = createSession(createProject());
    try (TestSocket onA = subscribed(Channels.session(sessionId), ADMIN_TOKEN)) {
      onA.send(sendMessage(sessionId, "echo started; sleep 60; echo never", "r1"));
      String agentId = awaitCreated(onA, "agent").get("id").getStringValue();
      collectUntil(onA, agentId, "started\n");

      try (TestSocket onB = TestSocket.connect(nodeB.getPort(), ADMIN_TOKEN, mapper)) {
        onB.send(Frames.subscribe(Channels.session(sessionId), "s"));
        onB.awaitType("subscription_success");
        onB.send(cancel(sessionId, agentId, "c1"));

        JsonNode complete = awaitComplete(onB, agentId).get("data");
        assertEquals("cancelled", complete.get("status").getStringValue());
        assertEquals(
            "cancelled", awaitComplete(onA, agentId).get("data").get("status").getStringValue());
      }
    }
  }

  private static Path temporaryDirectory(String prefix) {
    try {
      return Files.createTempDirectory(prefix);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
