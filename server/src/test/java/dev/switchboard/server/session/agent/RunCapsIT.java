package dev.switchboard.server.session.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.contract.Channels;
import dev.switchboard.server.testing.TestSocket;
import io.micronaut.context.annotation.Property;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The caps on concurrent replies: per token and per node, each refused with its own code, both
 * announced in {@code connected.limits}. Three hundred {@code sleep 90}s from one token once ran
 * three hundred processes and 850 threads.
 */
@MicronautTest(transactional = false)
@Property(name = "switchboard.token", value = AgentRunContract.ADMIN_TOKEN)
@Property(name = "switchboard.agent.max-runs-per-token", value = "2")
@Property(name = "switchboard.agent.max-runs-per-node", value = "3")
class RunCapsIT extends AgentRunTestSupport {

  @Test
  void refusesRepliesPastTheTokensCapThenPastTheNodesCap() {
    String projectId = createProject();
    String scoped = scopedToken(projectId);
    List<String> sessions = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      sessions.add(createSession(projectId));
    }
    List<TestSocket> sockets = new ArrayList<>();
    List<String[]> running = new ArrayList<>();
    try {
      TestSocket admin = TestSocket.connect(server.getPort(), ADMIN_TOKEN, mapper);
      sockets.add(admin);
      JsonNode limits = admin.awaitType("connected").get("data").get("limits");
      assertEquals(2, limits.get("maxRunsPerToken").getIntValue());
      assertEquals(3, limits.get("maxRunsPerNode").getIntValue());
      assertEquals(8, limits.get("maxShellsPerToken").getIntValue());

      running.add(start(sockets, sessions.get(0), ADMIN_TOKEN));
      running.add(start(sockets, sessions.get(1), ADMIN_TOKEN));
      JsonNode overToken = refused(sockets, sessions.get(2), ADMIN_TOKEN);
      assertEquals("too_many_runs", overToken.get("code").getStringValue());
      assertTrue(
          overToken.get("message").getStringValue().contains("max-runs-per-token"),
          overToken.toString());

      running.add(start(sockets, sessions.get(3), scoped));
      JsonNode overNode = refused(sockets, sessions.get(4), scoped);
      assertEquals("node_busy", overNode.get("code").getStringValue());
      assertTrue(
          overNode.get("message").getStringValue().contains("max-runs-per-node"),
          overNode.toString());

      // A finished reply frees its slot.
      String[] first = running.remove(0);
      sockets.get(1).send(cancel(first[0], first[1], "c1"));
      awaitComplete(sockets.get(1), first[1]);
      running.add(start(sockets, sessions.get(2), ADMIN_TOKEN));
    } finally {
      for (String[] reply : running) {
        api.send("DELETE", "/api/sessions/" + reply[0], null, ADMIN_TOKEN);
      }
      sockets.forEach(TestSocket::close);
    }
  }

  /** Starts {@code sleep 90} in the session; returns {session id, reply id}. */
  private String[] start(List<TestSocket> sockets, String sessionId, String token) {
    TestSocket socket = subscribed(Channels.session(sessionId), token);
    sockets.add(socket);
    socket.send(sendMessage(sessionId, "sleep 90", "r-" + sessionId));
    return new String[] {sessionId, awaitCreated(socket, "agent").get("id").getStringValue()};
  }

  private JsonNode refused(List<TestSocket> sockets, String sessionId, String token) {
    TestSocket socket = subscribed(Channels.session(sessionId), token);
    sockets.add(socket);
    socket.send(sendMessage(sessionId, "echo should-not-run", "over"));
    JsonNode error = socket.awaitType("error");
    assertEquals("over", ref(error));
    assertEquals(0, snapshot(sessionId).get("messages").size(), "nothing was stored");
    return error.get("data");
  }

  private String scopedToken(String projectId) {
    HttpResponse<String> created =
        api.send(
            "POST",
            "/api/tokens",
            "{\"name\":\"second\",\"projectIds\":[\"" + projectId + "\"],\"shell\":false}",
            ADMIN_TOKEN);
    assertEquals(201, created.statusCode(), created.body());
    return api.json(created).get("token").getStringValue();
  }
}
