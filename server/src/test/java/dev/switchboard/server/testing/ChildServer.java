package dev.switchboard.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * ChildServer runs the server in a JVM of its own (the test's class path, {@code Application}'s
 * main) so a test can kill it with SIGKILL, as a crash or power loss would, and inspect what it
 * left behind. Its output goes to {@code server.log} in its data directory.
 */
public final class ChildServer implements AutoCloseable {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final Process process;
  private final int port;
  private final Path log;

  private ChildServer(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /** Starts a server with these properties (as system properties) and waits until it is healthy. */
  public static ChildServer start(Path dataDir, Map<String, String> properties) throws Exception {
    return start(dataDir, properties, List.of("-Xmx256m"));
  }

  /** Starts a server with these JVM options (e.g. {@code -Xmx256m}) as well. */
  public static ChildServer start(
      Path dataDir, Map<String, String> properties, List<String> jvmOptions) throws Exception {
    int port = freePort();
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(jvmOptions);
    command.add("-Dmicronaut.env.deduction=false");
    command.add("-Dmicronaut.server.port=" + port);
    command.add("-Dswitchboard.data-dir=" + dataDir);
    properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("dev.switchboard.server.Application");
    Path log = dataDir.resolve("server.log");
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    ChildServer server = new ChildServer(process, port, log);
    server.awaitHealthy(Duration.ofSeconds(120));
    return server;
  }

  public int port() {
    return port;
  }

  /** What the server printed so far. */
  public String log() throws IOException {
    return Files.readString(log);
  }

  /** Whether the JVM is still running. */
  public boolean isAlive() {
    return process.isAlive();
  }

  /** The server's processes below its JVM (agent commands it runs). */
  public List<ProcessHandle> descendants() {
    return process.descendants().toList();
  }

  /** Sends the JVM SIGTERM, as a service manager stopping it does; returns its exit. */
  public CompletableFuture<Process> terminate() {
    process.destroy();
    return process.onExit();
  }

  /** Kills the JVM with SIGKILL: no shutdown hook, no last flush. */
  public void crash() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new AssertionError("the server JVM survived SIGKILL");
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      crash();
    }
  }

  private void awaitHealthy(Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    HttpRequest health =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
            .timeout(Duration.ofSeconds(2))
            .build();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError("the server exited at start-up:\n" + Files.readString(log));
      }
      try {
        if (HTTP.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // Not listening yet.
      }
      Thread.sleep(200);
    }
    throw new AssertionError(
        "the server was not healthy within " + timeout + ":\n" + Files.readString(log));
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
