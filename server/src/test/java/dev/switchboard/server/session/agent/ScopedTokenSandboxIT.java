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

  @Test
  void cannotChangeKernelSettingsEvenAsRootNorFillMemoryThroughTmp() throws Exception {
    String before = Files.readString(Path.of("/proc/sys/kernel/core_pattern"));
    String output =
        reply(
            "echo '|/bin/sh -c id' | tee /proc/sys/kernel/core_pattern 2>&1;"
                + " echo sb | tee /proc/sys/kernel/hostname 2>&1;"
                + " head -c 100000000 /dev/zero 2>&1 > /tmp/fill; echo fill=$?");

    assertEquals(before, Files.readString(Path.of("/proc/sys/kernel/core_pattern")));
    assertEquals(
        2, output.lines().filter(l -> l.contains("Read-only file system")).count(), output);
    assertTrue(output.contains("No space left on device"), output);
    assertFalse(output.contains("fill=0"), output);
  }

  @Test
  void cannotReadAnotherProject() throws Exception {
    // Outside /tmp, which every sandbox replaces anyway.
    Path other = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "other-project");
    try {
      Files.writeString(other.resolve(".env"), "DB_PASSWORD=other-project-secret");
      HttpResponse<String> created =
          api.send(
              "POST",
              "/api/projects",
              "{\"name\":\"other\",\"path\":" + api.quote(other.toString()) + "}",
              ADMIN_TOKEN);
      assertEquals(201, created.statusCode(), created.body());

      String output = reply("cat " + other.resolve(".env") + " 2>&1; ls -A " + other + " | wc -l");

      assertFalse(output.contains("other-project-secret"), output);
      assertTrue(output.contains("No such file"), output);
    } finally {
      Files.deleteIfExists(other.resolve(".env"));
      Files.deleteIfExists(other);
    }
  }

  @Test
  void aProjectDirectorySwappedForASymbolicLinkIsNotBound() throws Exception {
    Path parent = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "swap");
    Path directory = Files.createDirectory(parent.resolve("project"));
    try {
      HttpResponse<String> created =
          api.send(
              "POST",
              "/api/projects",
              "{\"name\":\"swap\",\"path\":" + api.quote(directory.toString()) + "}",
              ADMIN_TOKEN);
      assertEquals(201, created.statusCode(), created.body());
      String swapped = createSession(api.json(created).get("id").getStringValue());
      // Whoever can write the parent (another project's agent, before nesting was refused).
      Files.delete(directory);
      Files.createSymbolicLink(directory, Path.of("/"));

      String output = reply(swapped, ADMIN_TOKEN, "touch /etc/sb-swap-escape && echo ESCAPED");

      assertFalse(output.contains("ESCAPED"), output);
      assertTrue(output.contains("now resolves to /"), output);
      assertFalse(Files.exists(Path.of("/etc/sb-swap-escape")));
    } finally {
      Files.deleteIfExists(directory);
      Files.deleteIfExists(parent);
    }
  }

  @Test
  void refusesProjectsAtTheRootTheHomeTheDataDirOrNestedInAnother() throws Exception {
    Path nested = Files.createDirectories(projectDir.resolve("nested"));
    for (String path :
        new String[] {
          "/",
          "/etc",
          System.getProperty("user.home"),
          dataDirectory.path().toString(),
          nested.toString()
        }) {
      HttpResponse<String> refused =
          api.send(
              "POST",
              "/api/projects",
              "{\"name\":\"x\",\"path\":" + api.quote(path) + "}",
              ADMIN_TOKEN);
      assertEquals(400, refused.statusCode(), path + ": " + refused.body());
      assertTrue(refused.body().contains("choose a directory of its own"), refused.body());
    }
  }

  /** Runs {@code script} as the scoped token's message and returns all it printed. */
  private String reply(String script) {
    return reply(sessionId, scopedToken, script);
  }

  /** Runs {@code script} as {@code token}'s message in the session; returns all it printed. */
  private String reply(String session, String token, String script) {
    try (TestSocket socket = subscribed(Channels.session(session), token)) {
      socket.send(sendMessage(session, script, "r1"));
      String agentId = awaitCreated(socket, "agent").get("id").getStringValue();
      return collectReply(socket, agentId, 0).text();
    }
  }
}
