package dev.switchboard.server.ws;

import dev.switchboard.contract.session.OutputStreamName;
import dev.switchboard.contract.session.StreamOutputData;
import dev.switchboard.contract.session.StreamOutputEvent;
import dev.switchboard.server.testing.TestSocket;
import dev.switchboard.server.wire.ChannelPublisher;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;

/** Servers of one deployment on a shared Redis, as the scale-out tests start and drive them. */
final class ScaleOutNodes {

  private ScaleOutNodes() {}

  /**
   * Starts a node on a random port with its own data directory and the Redis broker, plus {@code
   * more} settings (the Redis URL and key prefix at least).
   */
  static EmbeddedServer start(String name, String adminToken, Map<String, String> more)
      throws IOException {
    Map<String, Object> settings = new HashMap<>();
    settings.put("micronaut.server.port", "-1");
    settings.put("spec.name", AnySessionOwnership.SPEC);
    settings.put("switchboard.token", adminToken);
    settings.put(
        "switchboard.data-dir", Files.createTempDirectory("switchboard-node-" + name).toString());
    settings.put("switchboard.broker", "redis");
    settings.putAll(more);
    return ApplicationContext.run(EmbeddedServer.class, settings);
  }

  /** Publishes output line {@code seq} on {@code channel} through the node's publisher. */
  static void publish(EmbeddedServer node, String channel, long seq) {
    node.getApplicationContext()
        .getBean(ChannelPublisher.class)
        .publish(
            new StreamOutputEvent(
                channel,
                new StreamOutputData("m-1", seq, "line " + seq + "\n", OutputStreamName.STDOUT)));
  }

  /** A socket on the node, past its {@code connected}. */
  static TestSocket connect(EmbeddedServer node, String adminToken) {
    TestSocket socket =
        TestSocket.connect(
            node.getPort(), adminToken, node.getApplicationContext().getBean(JsonMapper.class));
    socket.awaitType("connected");
    return socket;
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
