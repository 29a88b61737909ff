package dev.switchboard.server.session.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.contract.Channels;
import dev.switchboard.server.testing.TestSocket;
import io.micronaut.context.annotation.Property;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

/**
 * A configured agent instead of the default: the message on standard input, extra environment
 * variables, the server's own variables withheld, and the timeout.
 */
@MicronautTest(transactional = false)
@Property(name = "switchboard.token", value = AgentRunTestSupport.ADMIN_TOKEN)
@Property(name = "switchboard.agent.command", value = "sh")
@Property(name = "switchboard.agent.stdin", value = "true")
@Property(name = "switchboard.agent.environment.GREETING", value = "hello")
@Property(name = "switchboard.agent.timeout", value = "2s")
@Property(name = "switchboard.agent.label", value = "sh reading stdin")
class StdinAgentIT extends AgentRunTestSupport {

  @Test
  void sendsTheMessageOnStandardInputWithTheConfiguredEnvironment() {
    String sessionId = createSession(createProject());
    try (TestSocket socket = subscribed(Channels.session(sessionId), ADMIN_TOKEN)) {
      // Maven sets SWITCHBOARD_DATA_DIR for the test JVM; the agent must not see it.
      socket.send(
          sendMessage(
              sessionId,
              "echo $GREETING from stdin; echo ${SWITCHBOARD_DATA_DIR:-withheld}",
              "r1"));
      String agentId = awaitCreated(socket, "agent").get("id").getStringValue();
      Reply reply = collectReply(socket, agentId, 0);
      assertEquals("hello from stdin\nwithheld\n", reply.text());
      assertEquals("completed", reply.status());
    }
  }

  @Test
  void stopsAReplyThatRunsPastTheTimeout() {
    String sessionId = createSession(createProject());
    try (TestSocket socket = subscribed(Channels.session(sessionId), ADMIN_TOKEN)) {
      socket.send(sendMessage(sessionId, "echo started; sleep 60", "r1"));
      String agentId = awaitCreated(socket, "agent").get("id").getStringValue();
      Reply reply = collectReply(socket, agentId, 0);
      assertEquals("started\n", reply.text());
      assertEquals("timed_out", reply.status());
      JsonNode stored = snapshot(sessionId).get("messages").get(1);
      assertEquals("timed_out", stored.get("status").getStringValue());
    }
  }
}
