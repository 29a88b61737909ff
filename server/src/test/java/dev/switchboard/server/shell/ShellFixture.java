package dev.switchboard.server.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.switchboard.contract.Channels;
import dev.switchboard.server.api.ApiClient;
import dev.switchboard.server.testing.TestSocket;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

/**
 * ShellFixture creates projects and shells over REST and drives a shell socket: it sends commands
 * and waits for text in the shell's output, however the PTY split it into frames.
 */
final class ShellFixture {

  /** An interactive bash that reads no profile or rc file, as a comma-separated property value. */
  static final String PLAIN_BASH = "/bin/bash,--noprofile,--norc";

  private final int port;
  private final JsonMapper mapper;
  private final ApiClient api;

  ShellFixture(int port, JsonMapper mapper) {
    this.port = port;
    this.mapper = mapper;
    this.api = new ApiClient(port, mapper);
  }

  ApiClient api() {
    return api;
  }

  String createProject(Path directory, String adminToken) {
    HttpResponse<String> response =
        api.send(
            "POST",
            "/api/projects",
            "{\"name\":\"shells\",\"path\":" + api.quote(directory.toString()) + "}",
            adminToken);
    assertEquals(201, response.statusCode(), response.body());
    return api.json(response).get("id").getStringValue();
  }

  /** Creates a shell and returns the response body. */
  JsonNode createShell(String projectId, String token) {
    HttpResponse<String> response =
        api.send("POST", "/api/projects/" + projectId + "/shells", "{}", token);
    assertEquals(201, response.statusCode(), response.body());
    return api.json(response);
  }

  /** Opens the shell's socket and attaches at 80x24, returning once {@code init} arrived. */
  TestSocket attach(String shellId, String token) {
    TestSocket socket = TestSocket.connect(port, "/ws/shell/" + shellId, token, mapper);
    socket.send(frame(shellId, "init", "{\"cols\":80,\"rows\":24}"));
    JsonNode init = socket.awaitType("init");
    assertEquals(shellId, init.get("data").get("shellId").getStringValue());
    return socket;
  }

  /** Types a line into the shell (with the Enter key a terminal sends, CR). */
  void type(TestSocket socket, String shellId, String line) {
    socket.send(frame(shellId, "input", "{\"data\":" + api.quote(line + "\r") + "}"));
  }

  static String frame(String shellId, String type, String data) {
    return "{\"channel\":\""
        + Channels.shell(shellId)
        + "\",\"type\":\""
        + type
        + "\",\"data\":"
        + data
        + "}";
  }

  /**
   * Reads {@code output} frames until their text contains {@code needle}; fails on {@code exit} or
   * after the timeout, showing the output's tail.
   */
  static String awaitOutput(TestSocket socket, String needle) throws InterruptedException {
    StringBuilder output = new StringBuilder();
    long deadline = System.nanoTime() + TestSocket.TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode frame = socket.poll(Duration.ofMillis(200));
      if (frame == null) {
        continue;
      }
      String type = frame.get("type").getStringValue();
      if (type.equals("output")) {
        output.append(frame.get("data").get("data").getStringValue());
        if (output.indexOf(needle) >= 0) {
          return output.toString();
        }
      } else if (type.equals("exit")) {
        fail("The shell exited while waiting for " + needle + "; output: " + tail(output));
      }
    }
    return fail("No " + needle + " in the shell's output; its tail: " + tail(output));
  }

  private static String tail(StringBuilder output) {
    return output.substring(Math.max(0, output.length() - 400));
  }
}
