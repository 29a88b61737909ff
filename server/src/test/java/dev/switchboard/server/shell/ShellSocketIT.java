package dev.switchboard.server.shell;

import static dev.switchboard.server.shell.ShellFixture.awaitOutput;
import static dev.switchboard.server.shell.ShellFixture.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.contract.error.CloseCode;
import dev.switchboard.server.auth.TokenStore;
import dev.switchboard.server.testing.TestSocket;
import dev.switchboard.server.ws.guard.RawWebSocket;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Property;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real shell on a real PTY over {@code /ws/shell/<id>} (issue 6). */
@MicronautTest(transactional = false)
@Property(name = "switchboard.token", value = ShellSocketIT.ADMIN_TOKEN)
// The machine's login profile is not the test's business (and may be slow): a plain bash.
@Property(name = "switchboard.shell.command", value = ShellFixture.PLAIN_BASH)
@Property(name = "switchboard.shell.grace-period", value = "30s")
@Property(name = "switchboard.shell.kill-after", value = "1s")
@Property(name = "switchboard.shell.max-per-token", value = "3")
class ShellSocketIT {

  static final String ADMIN_TOKEN = "sb_shell-socket-it-admin-token";

  @Inject EmbeddedServer server;
  @Inject JsonMapper mapper;
  @Inject ShellRegistry registry;
  @Inject ShellConfiguration config;
  @Inject MeterRegistry meters;
  @Inject TokenStore tokens;

  @TempDir Path directory;
  ShellFixture fixture;
  String projectId;

  @BeforeEach
  void project() {
    fixture = new ShellFixture(server.getPort(), mapper);
    projectId = fixture.createProject(directory, ADMIN_TOKEN);
  }

  @AfterEach
  void endShells() {
    registry.shells().forEach(shell -> shell.terminate("test over"));
  }

  String newShell() {
    JsonNode created = fixture.createShell(projectId, ADMIN_TOKEN);
    String id = created.get("id").getStringValue();
    assertEquals("/ws/shell/" + id, created.get("socketPath").getStringValue());
    assertEquals(projectId, created.get("projectId").getStringValue());
    return id;
  }

  @Test
  void runsCommandsInTheProjectDirectory() throws Exception {
    String id = newShell();
    try (TestSocket socket = fixture.attach(id, ADMIN_TOKEN)) {
      fixture.type(socket, id, "echo $((6*7))");
      awaitOutput(socket, "42\r\n");
      fixture.type(socket, id, "pwd; echo $TERM");
      awaitOutput(socket, directory.toRealPath() + "\r\nxterm-256color");
    }
  }

  @Test
  void appliesAResizeToThePty() throws Exception {
    String id = newShell();
    try (TestSocket socket = fixture.attach(id, ADMIN_TOKEN)) {
      socket.send(frame(id, "resize", "{\"cols\":100,\"rows\":40}"));
      fixture.type(socket, id, "stty size");
      awaitOutput(socket, "40 100\r\n");
    }
  }

  @Test
  void refusesAnOutOfRangeResizeAndStaysUsable() throws Exception {
    String id = newShell();
    try (TestSocket socket = fixture.attach(id, ADMIN_TOKEN)) {
      socket.send(frame(id, "resize", "{\"cols\":501,\"rows\":40}"));
      JsonNode error = socket.awaitType("error");
      assertEquals("bad_request", error.get("data").get("code").getStringValue());
      socket.send(frame(id, "resize", "{\"cols\":80,\"rows\":201}"));
      assertEquals(
          "bad_request", socket.awaitType("error").get("data").get("code").getStringValue());
      socket.send(frame(id, "resize", "{\"cols\":0,\"rows\":0}"));
      assertEquals(
          "bad_request", socket.awaitType("error").get("data").get("code").getStringValue());
      socket.send(frame(id, "bogus", "{}"));
      assertEquals(
          "unknown_type", socket.awaitType("error").get("data").get("code").getStringValue());
      socket.send("not json");
      assertEquals(
          "bad_request", socket.awaitType("error").get("data").get("code").getStringValue());
      fixture.type(socket, id, "stty size");
      awaitOutput(socket, "24 80\r\n");
    }
  }

  @Test
  void refusesInputBeforeInit() throws Exception {
    String id = newShell();
    try (TestSocket socket =
        TestSocket.connect(server.getPort(), "/ws/shell/" + id, ADMIN_TOKEN, mapper)) {
      socket.send(frame(id, "input", "{\"data\":\"ls\\r\"}"));
      assertEquals(
          "bad_request", socket.awaitType("error").get("data").get("code").getStringValue());
      socket.send(frame("other", "init", "{\"cols\":80,\"rows\":24}"));
      assertEquals(
          "invalid_channel", socket.awaitType("error").get("data").get("code").getStringValue());
    }
  }

  @Test
  void reportsTheExitCodeThenClosesNormally() throws Exception {
    String id = newShell();
    try (TestSocket socket = fixture.attach(id, ADMIN_TOKEN)) {
      fixture.type(socket, id, "exit 3");
      JsonNode exit = socket.awaitType("exit");
      assertEquals(3, exit.get("data").get("exitCode").getIntValue());
      assertEquals(CloseCode.NORMAL.code(), socket.closed().get(10, TimeUnit.SECONDS));
    }
    Awaitility.await().until(() -> registry.find(id).isEmpty());
  }

  @Test
  void reattachingReplaysEarlierOutputAndKeepsTyping() throws Exception {
    String id = newShell();
    try (TestSocket first = fixture.attach(id, ADMIN_TOKEN)) {
      fixture.type(first, id, "echo before-$((40+2))");
      awaitOutput(first, "before-42\r\n");
      first.abort();
    }
    Awaitility.await().until(() -> !registry.find(id).orElseThrow().attached());
    try (TestSocket second = fixture.attach(id, ADMIN_TOKEN)) {
      awaitOutput(second, "before-42\r\n");
      fixture.type(second, id, "echo after-$((50+5))");
      awaitOutput(second, "after-55\r\n");
    }
  }

  @Test
  void aSecondSocketTakesTheShellOver() throws Exception {
    String id = newShell();
    try (TestSocket first = fixture.attach(id, ADMIN_TOKEN);
        TestSocket second = fixture.attach(id, ADMIN_TOKEN)) {
      assertEquals(CloseCode.SHELL_REPLACED.code(), first.closed().get(10, TimeUnit.SECONDS));
      fixture.type(second, id, "echo still-$((1+1))");
      awaitOutput(second, "still-2\r\n");
      assertTrue(registry.find(id).orElseThrow().attached());
    }
  }

  @Test
  void floodingOutputStaysBoundedAndCtrlCStillWorks() throws Exception {
    String id = newShell();
    Shell shell = registry.find(id).orElseThrow();
    double pausesBefore = meters.counter("switchboard.shell.pauses").count();
    // A client that reads slowly, with a small receive buffer, so unsent output piles up
    // server-side.
    try (RawWebSocket socket =
        RawWebSocket.open(
            server.getPort(),
            "/ws/shell/" + id,
            Map.of("Authorization", "Bearer " + ADMIN_TOKEN),
            16 * 1024)) {
      assertEquals(101, socket.status());
      socket.sendText(frame(id, "init", "{\"cols\":80,\"rows\":24}"));
      socket.sendText(frame(id, "input", "{\"data\":\"yes\\r\"}"));
      long received = 0;
      long floodEnd = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      while (System.nanoTime() < floodEnd) {
        received += socket.read().payload().length;
        Thread.sleep(10);
      }
      double pauses = meters.counter("switchboard.shell.pauses").count() - pausesBefore;
      System.out.printf(
          "yes for 5 s to a slow reader: %d KiB received, peak unsent %d KiB, %.0f pauses%n",
          received / 1024, shell.peakUnsentBytes() / 1024, pauses);
      long bound = config.highWaterBytes() + 64 * 1024;
      assertTrue(
          shell.peakUnsentBytes() <= bound,
          "peak unsent " + shell.peakUnsentBytes() + " B over " + bound + " B");
      assertTrue(pauses > 0, "the shell never paused reading its PTY");
      socket.sendText(frame(id, "input", "{\"data\":\"\\u0003\"}"));
      socket.sendText(frame(id, "input", "{\"data\":\"echo done-$((1+2))\\r\"}"));
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      boolean done = false;
      while (!done && System.nanoTime() < deadline) {
        done = socket.read().text().contains("done-3\\r\\n");
      }
      assertTrue(done, "no done-3 after Ctrl-C");
    }
  }

  @Test
  void deleteEndsTheShellWithSighup() throws Exception {
    String id = newShell();
    long pid = registry.find(id).orElseThrow().pid();
    try (TestSocket socket = fixture.attach(id, ADMIN_TOKEN)) {
      assertEquals(
          204, fixture.api().send("DELETE", "/api/shells/" + id, null, ADMIN_TOKEN).statusCode());
      JsonNode exit = socket.awaitType("exit").get("data");
      assertEquals(128 + ProcessTree.SIGHUP, exit.get("exitCode").getIntValue());
      assertEquals("SIGHUP", exit.get("signal").getStringValue());
      assertEquals(CloseCode.NORMAL.code(), socket.closed().get(10, TimeUnit.SECONDS));
    }
    Awaitility.await().until(() -> registry.find(id).isEmpty());
    assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
    assertEquals(
        404, fixture.api().send("GET", "/api/shells/" + id, null, ADMIN_TOKEN).statusCode());
  }

  @Test
  void aTokenWithoutTheShellPermissionIsRefused() throws Exception {
    String id = newShell();
    String noShell = tokens.create("no-shell", List.of(projectId), false).token();
    String otherShell = tokens.create("other", List.of(projectId), true).token();
    assertEquals(
        403,
        fixture
            .api()
            .send("POST", "/api/projects/" + projectId + "/shells", null, noShell)
            .statusCode());
    assertEquals(403, upgradeStatus(id, noShell, null));
    assertEquals(403, upgradeStatus(id, otherShell, null));
    assertEquals(
        403, fixture.api().send("GET", "/api/shells/" + id, null, otherShell).statusCode());
    assertEquals(404, upgradeStatus("no-such-shell", ADMIN_TOKEN, null));
    JsonNode own = fixture.createShell(projectId, otherShell);
    assertEquals(101, upgradeStatus(own.get("id").getStringValue(), otherShell, null));
  }

  @Test
  void refusesAForeignOriginOnTheShellSocket() throws Exception {
    String id = newShell();
    assertEquals(403, upgradeStatus(id, ADMIN_TOKEN, "https://evil.example"));
    assertEquals(101, upgradeStatus(id, ADMIN_TOKEN, "http://127.0.0.1:" + server.getPort()));
  }

  @Test
  void limitsShellsPerToken() {
    String token = tokens.create("greedy", List.of(projectId), true).token();
    for (int i = 0; i < config.maxPerToken(); i++) {
      fixture.createShell(projectId, token);
    }
    var refused = fixture.api().send("POST", "/api/projects/" + projectId + "/shells", null, token);
    assertEquals(409, refused.statusCode());
    assertEquals("conflict", fixture.api().json(refused).get("code").getStringValue());
  }

  int upgradeStatus(String shellId, String token, String origin) throws Exception {
    Map<String, String> headers = new java.util.HashMap<>();
    headers.put("Authorization", "Bearer " + token);
    if (origin != null) {
      headers.put("Origin", origin);
    }
    try (RawWebSocket socket =
        RawWebSocket.open(server.getPort(), "/ws/shell/" + shellId, headers)) {
      return socket.status();
    }
  }
}
