package dev.switchboard.server.session.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.contract.Channels;
import dev.switchboard.server.config.DataDirectory;
import dev.switchboard.server.sandbox.Bubblewrap;
import dev.switchboard.server.sandbox.Sandbox;
import dev.switchboard.server.testing.TestSocket;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A scoped token without the shell permission, attacking through {@code send_message} on the
 * default agent ({@code sh -c}): each attack of the sandbox's threat model, asserted on what the
 * command printed. Without the sandbox every one of them succeeded.
 */
@MicronautTest(transactional = false)
@Property(name = "switchboard.token", value = AgentRunContract.ADMIN_TOKEN)
class ScopedTokenSandboxIT extends AgentRunTestSupport {

  @Inject Sandbox sandbox;
  @Inject DataDirectory dataDirectory;

  private String scopedToken;
  private String sessionId;

  @BeforeEach
  void scopedTokenOnOneProject() {
    Bubblewrap.assumeInstalled();
    assertTrue(sandbox.enforced(), "auto mode must use a working bubblewrap");
    String projectId = createProject();
    sessionId = createSession(projectId);
    HttpResponse<String> created =
        api.send(
            "POST",
            "/api/tokens",
            "{\"name\":\"attacker\",\"projectIds\":[\"" + projectId + "\"],\"shell\":false}",
            ADMIN_TOKEN);
    assertEquals(201, created.statusCode(), created.body());
    scopedToken = api.json(created).get("token").getStringValue();
  }

  @Test
  void cannotReadTheServersEnvironmentOrSeeItsProcess() {
    long serverPid = ProcessHandle.current().pid();
    String output =
        reply(
            "tr '\\0' '\\n' </proc/$PPID/environ; env; echo processes=$(ls /proc | grep -c '^[0-9]');"
                + " test -e /proc/"
                + serverPid
                + "/environ && echo server-visible || echo server-hidden;"
                + " grep -l "
                + ADMIN_TOKEN
                + " /proc/*/cmdline /proc/*/environ 2>/dev/null; echo done");

    assertTrue(System.getenv().keySet().stream().anyMatch(name -> name.startsWith("SWITCHBOARD_")));
    assertFalse(output.contains("SWITCHBOARD_"), output);
    assertFalse(output.contains(ADMIN_TOKEN), output);
    assertTrue(output.contains("server-hidden"), output);
    long processes =
        Long.parseLong(
            output
                .lines()
                .filter(l -> l.startsWith("processes="))
                .findFirst()
                .orElseThrow()
                .substring(10));
    assertTrue(processes <= 5, "the sandbox sees only its own processes: " + output);
    assertTrue(output.contains("done"), output);
  }

  @Test
  void cannotReadTheDataDirectoryTheCookieSecretOrTheDatabase() throws Exception {
    Path dataDir = dataDirectory.path();
    assertTrue(Files.exists(dataDir.resolve("cookie-secret")), "the server's cookie key exists");
    long onHost;
    try (Stream<Path> entries = Files.list(dataDir)) {
      onHost = entries.count();
    }
    String output =
        reply(
            "cat "
                + dataDir.resolve("cookie-secret")
                + " "
                + dataDir.resolve("admin-token")
                + " 2>&1; ls "
                + dataDir.resolve("switchboard.mv.db")
                + " 2>&1; echo entries=$(ls -A "
                + dataDir
                + " | wc -l); echo home=$(ls -A ~ | wc -l)");

    assertTrue(onHost > 0);
    assertTrue(output.contains("entries=0"), output);
    assertTrue(output.contains("home=0"), "the server user's home is hidden: " + output);
    assertEquals(3, output.lines().filter(l -> l.contains("No such file")).count(), output);
  }

  @Test
  void writesTheProjectButNotTheSystemAndCannotUndoTheMounts() {
    String output =
        reply(
            "echo data > written && echo project-writable; touch /etc/sb-escape 2>&1;"
                + " mount -o remount,rw / 2>&1; umount "
                + dataDirectory.path()
                + " 2>&1; touch /etc/sb-escape 2>&1 || echo still-read-only");

    assertTrue(output.contains("project-writable"), output);
    assertTrue(Files.exists(projectDir.resolve("written")));
    assertTrue(output.contains("Read-only file system"), output);
    assertTrue(output.contains("still-read-only"), output);
    assertFalse(Files.exists(Path.of("/etc/sb-escape")), "the sandbox wrote to the host's /etc");
  }

  /** Runs {@code script} as the scoped token's message and returns all it printed. */
  private String reply(String script) {
    try (TestSocket socket = subscribed(Channels.session(sessionId), scopedToken)) {
      socket.send(sendMessage(sessionId, script, "r1"));
      String agentId = awaitCreated(socket, "agent").get("id").getStringValue();
      return collectReply(socket, agentId, 0).text();
    }
  }
}
