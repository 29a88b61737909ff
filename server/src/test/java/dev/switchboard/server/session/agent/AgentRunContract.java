package dev.switchboard.server.session.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.contract.Channels;
import dev.switchboard.contract.project.SessionStatus;
import dev.switchboard.contract.session.MessageRole;
import dev.switchboard.contract.session.MessageStatus;
import dev.switchboard.contract.session.SessionMessage;
import dev.switchboard.server.api.ApiClient;
import dev.switchboard.server.auth.IssuedToken;
import dev.switchboard.server.sandbox.Bubblewrap;
import dev.switchboard.server.sandbox.ProcessSessions;
import dev.switchboard.server.session.MessageRepository;
import dev.switchboard.server.session.SessionSnapshot;
import dev.switchboard.server.session.SessionStore;
import dev.switchboard.server.session.StoredMessage;
import dev.switchboard.server.storage.Ids;
import dev.switchboard.server.testing.ChildServer;
import dev.switchboard.server.testing.Frames;
import dev.switchboard.server.testing.HostProcesses;
import dev.switchboard.server.testing.TestSocket;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent runner end to end, against a real port with real WebSocket clients, on the database
 * each subclass selects: streaming, late joining, cancel, conflict, authorization, awkward output,
 * and a crash in the middle of a reply.
 */
abstract class AgentRunContract extends AgentRunTestSupport {

  @Test
  void streamsFiveHundredLinesInOrderWithAMatchingChunkCount() {
    String projectId = createProject();
    String sessionId = createSession(projectId);
    try (TestSocket socket = subscribed(Channels.session(sessionId), ADMIN_TOKEN);
        TestSocket projectSocket = subscribed(Channels.project(projectId), ADMIN_TOKEN)) {
      socket.send(sendMessage(sessionId, "for i in $(seq 1 500); do echo line $i; done", "r1"));

      JsonNode user = awaitCreated(socket, "user");
      assertEquals("c-r1", user.get("clientMessageId").getStringValue());
      assertEquals("completed", user.get("status").getStringValue());
      JsonNode agent = awaitCreated(socket, "agent");
      assertEquals(user.get("id").getStringValue(), agent.get("replyTo").getStringValue());
      assertEquals("running", agent.get("status").getStringValue());
      Reply reply = collectReply(socket, agent.get("id").getStringValue(), 0);

      assertEquals(lines(1, 500), reply.text());
      assertEquals("completed", reply.status());
      assertEquals(0, reply.complete().get("exitCode").getIntValue());
      assertEquals(reply.chunks().size(), reply.complete().get("chunkCount").getLongValue());
      assertTrue(reply.complete().get("durationMs").getLongValue() >= 0);

      assertEquals(
          "running",
          projectSocket.awaitType("session_updated").get("data").get("status").getStringValue());
      assertEquals(
          "idle",
          projectSocket.awaitType("session_updated").get("data").get("status").getStringValue());
    }
    JsonNode stored = snapshot(sessionId).get("messages").get(1);
    assertEquals(lines(1, 500), stored.get("content").getStringValue());
    assertEquals("completed", stored.get("status").getStringValue());
    assertEquals(0, stored.get("exitCode").getIntValue());
    assertNotNull(stored.get("completedAt"));
  }

  @Test
  void aLateSubscriberGetsTheFirstHalfFromTheSnapshotAndTheRestLive() {
    String sessionId = createSession(createProject());
    try (TestSocket first = subscribed(Channels.session(sessionId), ADMIN_TOKEN)) {
      first.send(
          sendMessage(sessionId, "for i in $(seq 1 60); do echo line $i; sleep 0.03; done", "r1"));
      String agentId = awaitCreated(first, "agent").get("id").getStringValue();
      Reply firstHalf = collectUntil(first, agentId, "line 30\n");

      JsonNode snapshot = snapshot(sessionId);
      JsonNode position = snapshot.get("position");
      JsonNode reply = snapshot.get("messages").get(1);
      assertEquals(agentId, reply.get("id").getStringValue());
      assertEquals("running", reply.get("status").getStringValue());
      String stored = reply.get("content").getStringValue();
      assertTrue(stored.startsWith(firstHalf.text()), stored);
      assertFalse(stored.contains("line 60\n"), "the snapshot was taken half-way");

      try (TestSocket late = TestSocket.connect(server.getPort(), ADMIN_TOKEN, mapper)) {
        late.send(
            Frames.subscribeSince(
                Channels.session(sessionId),
                position.get("epoch").getStringValue(),
                position.get("offset").getLongValue()));
        assertTrue(
            late.awaitType("subscription_success").get("data").get("recovered").getBooleanValue());
        Reply rest = collectReply(late, agentId, -1);

        assertEquals(lines(1, 60), stored + rest.text());
        assertEquals(rest.complete().get("chunkCount").getLongValue(), rest.lastSeq() + 1);
      }
      Reply everything = collectReply(first, agentId, firstHalf.chunks().size());
      assertEquals(lines(1, 60), firstHalf.text() + everything.text());
    }
  }

  @Test
  void cancelStopsTheWholeProcessTreeWithinSixSeconds() throws Exception {
    String sessionId = createSession(createProject());
    try (TestSocket socket = subscribed(Channels.session(sessionId), ADMIN_TOKEN)) {
      // "echo never" keeps sh from replacing itself with the last sleep.
      String marker = "tree-" + Ids.newId();
      socket.send(
          sendMessage(sessionId, ": " + marker + "; sleep 6125 & sleep 6125; echo never", "r1"));
      String agentId = awaitCreated(socket, "agent").get("id").getStringValue();
      List<ProcessHandle> tree = HostProcesses.awaitTree(marker, "sleep", "6125", 2);

      long started = System.nanoTime();
      socket.send(cancel(sessionId, agentId, "r2"));
      JsonNode complete = awaitComplete(socket, agentId);
      long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

      assertEquals("cancelled", complete.get("data").get("status").getStringValue());
      assertTrue(tookMs < 6_000, "cancel took " + tookMs + " ms");
      for (ProcessHandle process : tree) {
        assertFalse(ProcessSessions.isRunning(process), "orphan left running: " + process.pid());
      }
      assertEquals(
          "cancelled", snapshot(sessionId).get("messages").get(1).get("status").getStringValue());
    }
  }

  @Test
  void refusesASecondMessageWhileOneRunsAndKeepsTheConnection() {
    String sessionId = createSession(createProject());
    try (TestSocket socket = subscribed(Channels.session(sessionId), ADMIN_TOKEN)) {
      socket.send(sendMessage(sessionId, "sleep 60", "r1"));
      String agentId = awaitCreated(socket, "agent").get("id").getStringValue();

      socket.send(sendMessage(sessionId, "echo second", "r2"));
      JsonNode error = socket.await(frame -> "r2".equals(ref(frame)));
      assertEquals("error", type(error));
      assertEquals(Channels.session(sessionId), error.get("channel").getStringValue());
      assertEquals("conflict", error.get("data").get("code").getStringValue());
      assertEquals(agentId, error.get("data").get("messageId").getStringValue());

      socket.send(Frames.ping("r3"));
      assertEquals("pong", type(socket.await(frame -> "r3".equals(ref(frame)))));
      socket.send(cancel(sessionId, agentId, "r4"));
      assertEquals(
          "cancelled", awaitComplete(socket, agentId).get("data").get("status").getStringValue());
      socket.send(cancel(sessionId, agentId, "r4b"));
      JsonNode notRunning = socket.await(frame -> "r4b".equals(ref(frame)));
      assertEquals("not_found", notRunning.get("data").get("code").getStringValue());

      socket.send(sendMessage(sessionId, "echo second", "r5"));
      String secondId = awaitCreated(socket, "agent").get("id").getStringValue();
      assertEquals("second\n", collectReply(socket, secondId, 0).text());
    }
    assertEquals(
        4, snapshot(sessionId).get("messages").values().spliterator().getExactSizeIfKnown());
  }

  @Test
  void deletingTheSessionStopsItsReply() throws Exception {
    String sessionId = createSession(createProject());
    try (TestSocket socket = subscribed(Channels.session(sessionId), ADMIN_TOKEN)) {
      String marker = "deleted-" + Ids.newId();
      socket.send(sendMessage(sessionId, ": " + marker + "; sleep 6126; echo never", "r1"));
      String agentId = awaitCreated(socket, "agent").get("id").getStringValue();
      List<ProcessHandle> tree = HostProcesses.awaitTree(marker, "sleep", "6126", 1);

      assertEquals(
          204, api.send("DELETE", "/api/sessions/" + sessionId, null, ADMIN_TOKEN).statusCode());

      JsonNode complete = awaitComplete(socket, agentId);
      assertEquals("cancelled", complete.get("data").get("status").getStringValue());
      for (ProcessHandle process : tree) {
        assertFalse(ProcessSessions.isRunning(process), "the agent outlived its session");
      }
    }
  }

  @Test
  void failsAReplyWhoseProjectDirectoryIsGone() throws Exception {
    Path gone = Files.createDirectory(projectDir.resolve("gone"));
    HttpResponse<String> project =
        api.send(
            "POST",
            "/api/projects",
            "{\"name\":\"gone\",\"path\":" + api.quote(gone.toString()) + "}",
            ADMIN_TOKEN);
    String sessionId = createSession(api.json(project).get("id").getStringValue());
    Files.delete(gone);
    try (TestSocket socket = subscribed(Channels.session(sessionId), ADMIN_TOKEN)) {
      socket.send(sendMessage(sessionId, "echo hi", "r1"));
      String agentId = awaitCreated(socket, "agent").get("id").getStringValue();
      Reply reply = collectReply(socket, agentId, 0);
      assertEquals("failed", reply.status());
      assertEquals("stderr", reply.chunks().get(0).get("stream").getStringValue());
      assertTrue(reply.text().contains("project directory no longer exists"), reply.text());
      assertNull(reply.complete().get("exitCode"));
    }
    assertEquals("idle", snapshot(sessionId).get("session").get("status").getStringValue());
  }

  @Test
  void aTokenWithoutTheProjectCannotSendOrCancel() {
    String sessionId = createSession(createProject());
    String otherProject = createProject();
    IssuedToken scoped = tokens.create("agent-run-it", List.of(otherProject), false);
    try (TestSocket socket = TestSocket.connect(server.getPort(), scoped.token(), mapper)) {
      socket.send(sendMessage(sessionId, "echo should-not-run", "r1"));
      JsonNode refused = socket.await(frame -> "r1".equals(ref(frame)));
      assertEquals("forbidden", refused.get("data").get("code").getStringValue());
      socket.send(cancel(sessionId, "anything", "r2"));
      assertEquals(
          "forbidden",
          socket.await(frame -> "r2".equals(ref(frame))).get("data").get("code").getStringValue());
    }
    assertEquals(0, snapshot(sessionId).get("session").get("messageCount").getIntValue());
  }

  @Test
  void replacesInvalidUtf8WithoutCorruptingTheTextAround() {
    String sessionId = createSession(createProject());
    try (TestSocket socket = subscribed(Channels.session(sessionId), ADMIN_TOKEN)) {
      socket.send(
          sendMessage(
              sessionId,
              "printf '\\377\\376 ok\\n'; printf 'caf\\303\\251 \\360\\237\\230\\200\\n'",
              "r1"));
      String agentId = awaitCreated(socket, "agent").get("id").getStringValue();
      Reply reply = collectReply(socket, agentId, 0);
      assertEquals("\uFFFD\uFFFD ok\ncafé 😀\n", reply.text());
    }
    assertEquals(
        "\uFFFD\uFFFD ok\ncafé 😀\n",
        snapshot(sessionId).get("messages").get(1).get("content").getStringValue());
  }

  @Test
  void streamsTenMegabytesWholeAndStoresTheFirstMegabyte() {
    String sessionId = createSession(createProject());
    int total = 10_000_000;
    try (TestSocket socket = subscribed(Channels.session(sessionId), ADMIN_TOKEN)) {
      socket.send(sendMessage(sessionId, "head -c " + total + " /dev/zero | tr '\\0' a", "r1"));
      String agentId = awaitCreated(socket, "agent").get("id").getStringValue();
      long received = 0;
      long chunks = 0;
      while (true) {
        JsonNode frame = awaitOutputOrComplete(socket, agentId);
        JsonNode data = frame.get("data");
        if ("message_complete".equals(type(frame))) {
          assertEquals("completed", data.get("status").getStringValue());
          assertEquals(chunks, data.get("chunkCount").getLongValue());
          break;
        }
        assertEquals(chunks++, data.get("seq").getLongValue());
        String chunk = data.get("chunk").getStringValue();
        assertTrue(chunk.length() <= AgentRun.MAX_CHUNK_CHARS, "chunk of " + chunk.length());
        assertTrue(chunk.chars().allMatch(c -> c == 'a'));
        received += chunk.length();
      }
      assertEquals(total, received);
    }
    String stored = snapshot(sessionId).get("messages").get(1).get("content").getStringValue();
    assertTrue(
        stored.startsWith("a".repeat(1_048_576) + "\n[output truncated"),
        stored.substring(1_048_500, Math.min(stored.length(), 1_048_700)));
  }

  @Inject AgentRunner runner;
  @Inject SessionRunLock runLock;
  @Inject MessageRepository messages;

  @Test
  void interruptsLeftoverRepliesButNeverOneHoldingItsSessionsLock() {
    String sessionId = createSession(createProject());
    String replyId = Ids.newId();
    messages.save(
        new StoredMessage(
            replyId,
            sessionId,
            MessageRole.AGENT,
            "so far\n",
            MessageStatus.RUNNING,
            null,
            null,
            null,
            Instant.now().truncatedTo(ChronoUnit.MILLIS),
            null,
            true));
    assertTrue(runLock.tryAcquire(sessionId, replyId));
    try {
      runner.interruptLeftovers();
      assertEquals(
          "running", snapshot(sessionId).get("messages").get(0).get("status").getStringValue());
    } finally {
      runLock.release(sessionId, replyId);
    }

    runner.interruptLeftovers();
    JsonNode reply = snapshot(sessionId).get("messages").get(0);
    assertEquals("interrupted", reply.get("status").getStringValue());
    assertEquals("so far\n", reply.get("content").getStringValue());
    assertNotNull(reply.get("completedAt"));
  }

  /** Database properties for a second server, kept apart from this test server's data. */
  abstract Map<String, String> crashDatabase(Path dataDir);

  @Test
  void aCrashMidReplyLeavesItInterruptedWithTheOutputStoredSoFar(@TempDir Path dataDir)
      throws Exception {
    Map<String, String> properties = new HashMap<>(crashDatabase(dataDir));
    properties.put("switchboard.token", ADMIN_TOKEN);
    properties.put("switchboard.agent.flush-interval", "100ms");
    String sessionId;
    List<ProcessHandle> orphans = List.of();
    try (ChildServer crashing = ChildServer.start(dataDir, properties)) {
      ApiClient crashingApi = new ApiClient(crashing.port(), mapper);
      sessionId = createSession(crashingApi, createProject(crashingApi));
      try (TestSocket socket = TestSocket.connect(crashing.port(), ADMIN_TOKEN, mapper)) {
        socket.send(Frames.subscribe(Channels.session(sessionId), "sub"));
        socket.awaitType("subscription_success");
        socket.send(
            sendMessage(sessionId, "for i in 1 2 3; do echo line $i; done; sleep 60", "r1"));
        String agentId = awaitCreated(socket, "agent").get("id").getStringValue();
        collectUntil(socket, agentId, "line 3\n");
        // Ten flush intervals: the batch flush is the only writer of the output before the crash.
        Thread.sleep(1_000);
        orphans = crashing.descendants();
        crashing.crash();
      }
    } finally {
      // A crashed server cannot stop what it ran; the test cleans up after it.
      orphans.forEach(orphan -> ProcessTree.of(orphan).kill());
    }

    Map<String, Object> restart = new HashMap<>(properties);
    restart.put("switchboard.data-dir", dataDir.toString());
    try (ApplicationContext restarted =
        ApplicationContext.run(EmbeddedServer.class, restart, "test").getApplicationContext()) {
      SessionSnapshot snapshot =
          restarted.getBean(SessionStore.class).snapshot(sessionId).orElseThrow();
      SessionMessage reply = snapshot.messages().get(1);
      assertEquals(MessageStatus.INTERRUPTED, reply.status());
      assertEquals("line 1\nline 2\nline 3\n", reply.content());
      assertFalse(reply.outputComplete(), "a crash may have cut the stored output short");
      assertNotNull(reply.completedAt());
      assertEquals(SessionStatus.IDLE, snapshot.session().status());
    }
  }

  @Test
  void describesTheDefaultAgent() {
    JsonNode agent = api.json(api.send("GET", "/api/agent", null, ADMIN_TOKEN));
    assertEquals("Shell command (sh -c)", agent.get("label").getStringValue());
    assertEquals(1_800_000, agent.get("timeoutMs").getLongValue());
    assertEquals(4, agent.get("maxRunsPerToken").getIntValue());
    assertEquals(32, agent.get("maxRunsPerNode").getIntValue());
    assertEquals(1_048_576, agent.get("maxStoredChars").getIntValue());
    JsonNode sandbox = agent.get("sandbox");
    assertEquals("auto", sandbox.get("mode").getStringValue());
    assertEquals(Bubblewrap.works(), sandbox.get("enforced").getBooleanValue());
    assertEquals(Bubblewrap.works(), sandbox.get("warning") == null, sandbox.toString());
  }
}
