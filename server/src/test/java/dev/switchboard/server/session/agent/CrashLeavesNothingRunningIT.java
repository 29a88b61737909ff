package dev.switchboard.server.session.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.contract.Channels;
import dev.switchboard.server.api.ApiClient;
import dev.switchboard.server.sandbox.Bubblewrap;
import dev.switchboard.server.sandbox.ProcessSessions;
import dev.switchboard.server.testing.ChildServer;
import dev.switchboard.server.testing.Frames;
import dev.switchboard.server.testing.HostProcesses;
import dev.switchboard.server.testing.TestSocket;
import io.micronaut.context.annotation.Property;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of a server running a reply and a shell: nothing of theirs may outlive it. In the
 * sandbox they die with the server; without one, the next start-up stops them from the ledger
 * before it marks the reply {@code interrupted}. Before either, both were reparented to init and
 * ran on (a reply's {@code sleep 77; echo finished > marker} wrote its marker 77 s later).
 */
@MicronautTest(transactional = false)
@Property(name = "switchboard.token", value = AgentRunContract.ADMIN_TOKEN)
class CrashLeavesNothingRunningIT extends AgentRunTestSupport {

  private static final String REPLY_MARKER = "7701";
  private static final String SHELL_MARKER = "7702";

  @TempDir Path dataDir;

  @AfterEach
  void killWhatSurvived() {
    HostProcesses.running("sleep", REPLY_MARKER).forEach(ProcessHandle::destroyForcibly);
    HostProcesses.running("sleep", SHELL_MARKER).forEach(ProcessHandle::destroyForcibly);
  }

  @Test
  void inTheSandboxEverythingDiesWithTheServer() throws Exception {
    Bubblewrap.assumeInstalled();
    Map<String, String> properties = properties("bwrap");
    String[] reply = crashWhileRunning(properties);

    Awaitility.await()
        .atMost(5, TimeUnit.SECONDS)
        .until(() -> running(REPLY_MARKER).isEmpty() && running(SHELL_MARKER).isEmpty());
    assertInterruptedAfterRestart(properties, reply);
  }

  @Test
  void withoutASandboxTheNextStartStopsWhatTheCrashLeft() throws Exception {
    Map<String, String> properties = properties("off");
    String[] reply = crashWhileRunning(properties);

    // What the ledger is for: unconfined, the reply was reparented to init and runs on. (The
    // shell's PTY hangs up with the server; what survives that is stopped the same way.)
    assertFalse(running(REPLY_MARKER).isEmpty(), "unconfined, the reply outlives the crash");
    assertInterruptedAfterRestart(properties, reply);
  }

  private Map<String, String> properties(String sandboxMode) {
    return Map.of(
        "switchboard.token",
        ADMIN_TOKEN,
        "switchboard.db.url",
        "",
        "switchboard.sandbox.mode",
        sandboxMode,
        "switchboard.shell.command",
        "sh,-c,sleep " + SHELL_MARKER + "; echo never");
  }

  /** Starts a reply and a shell on a child server, kills it; returns {session id, reply id}. */
  private String[] crashWhileRunning(Map<String, String> properties) throws Exception {
    try (ChildServer server = ChildServer.start(dataDir, properties)) {
      ApiClient child = new ApiClient(server.port(), mapper);
      String projectId = createProject(child);
      String sessionId = createSession(child, projectId);
      HttpResponse<String> shell =
          child.send(
              "POST",
              "/api/projects/" + projectId + "/shells",
              "{\"cols\":80,\"rows\":24}",
              ADMIN_TOKEN);
      assertEquals(201, shell.statusCode(), shell.body());
      try (TestSocket socket = TestSocket.connect(server.port(), ADMIN_TOKEN, mapper)) {
        socket.send(Frames.subscribe(Channels.session(sessionId), "sub"));
        socket.awaitType("subscription_success");
        socket.send(
            sendMessage(sessionId, "sleep " + REPLY_MARKER + "; echo finished > marker", "crash"));
        String agentId = awaitCreated(socket, "agent").get("id").getStringValue();
        HostProcesses.await("sleep", REPLY_MARKER, 1);
        HostProcesses.await("sleep", SHELL_MARKER, 1);
        server.crash();
        return new String[] {sessionId, agentId};
      }
    }
  }

  private void assertInterruptedAfterRestart(Map<String, String> properties, String[] reply)
      throws Exception {
    try (ChildServer restarted = ChildServer.start(dataDir, properties)) {
      assertTrue(running(REPLY_MARKER).isEmpty(), "the reply's process survived the restart");
      assertTrue(running(SHELL_MARKER).isEmpty(), "the shell's process survived the restart");
      ApiClient child = new ApiClient(restarted.port(), mapper);
      Awaitility.await()
          .atMost(10, TimeUnit.SECONDS)
          .until(() -> "interrupted".equals(status(snapshot(child, reply[0]), reply[1])));
    }
    assertFalse(Files.exists(projectDir.resolve("marker")));
    try (var leftovers = Files.list(dataDir.resolve("processes"))) {
      assertEquals(List.of(), leftovers.toList(), "every record was handled");
    }
  }

  /** The {@code sleep} of the reply or of the shell, unless it is gone or a zombie. */
  private static List<ProcessHandle> running(String marker) {
    return HostProcesses.running("sleep", marker).stream()
        .filter(ProcessSessions::isRunning)
        .toList();
  }

  private static String status(JsonNode snapshot, String messageId) {
    for (JsonNode message : snapshot.get("messages").values()) {
      if (messageId.equals(message.get("id").getStringValue())) {
        return message.get("status").getStringValue();
      }
    }
    return null;
  }
}
