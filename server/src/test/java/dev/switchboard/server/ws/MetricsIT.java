package dev.switchboard.server.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.contract.Channels;
import dev.switchboard.contract.project.SessionDeletedData;
import dev.switchboard.contract.project.SessionDeletedEvent;
import dev.switchboard.server.testing.Frames;
import dev.switchboard.server.testing.TestSocket;
import dev.switchboard.server.wire.ChannelPublisher;
import io.micronaut.context.annotation.Property;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

@MicronautTest
@Property(name = "switchboard.token", value = MetricsIT.ADMIN_TOKEN)
class MetricsIT {

  static final String ADMIN_TOKEN = "sb_metrics-it-admin-token";

  @Inject EmbeddedServer server;
  @Inject JsonMapper mapper;
  @Inject ChannelPublisher publisher;

  @Test
  void exportsConnectionSubscriptionFrameErrorAndPublishMetrics() throws Exception {
    try (TestSocket socket = TestSocket.connect(server.getPort(), ADMIN_TOKEN, mapper)) {
      socket.awaitType("connected");
      socket.send(Frames.subscribe("project:metrics", "s"));
      socket.awaitType("subscription_success");
      socket.send("{nope");
      socket.awaitType("error");
      publisher.publish(
          new SessionDeletedEvent(
              Channels.project("metrics"), new SessionDeletedData("s1", "metrics")));
      socket.awaitType("session_deleted");

      String metrics =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create("http://127.0.0.1:" + server.getPort() + "/prometheus"))
                      .header("Authorization", "Bearer " + ADMIN_TOKEN)
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      assertTrue(value(metrics, "switchboard_ws_connections") >= 1, metrics);
      assertTrue(value(metrics, "switchboard_ws_subscriptions") >= 1);
      assertTrue(value(metrics, "switchboard_ws_frames_in_total") >= 2);
      assertTrue(value(metrics, "switchboard_ws_frames_out_total") >= 4);
      assertTrue(value(metrics, "switchboard_ws_errors_total\\{code=\"bad_request\"") >= 1);
      assertTrue(value(metrics, "switchboard_channel_publish_seconds_count") >= 1);
      assertEquals(0, value(metrics, "switchboard_ws_errors_total\\{code=\"conflict\""));
    }
  }

  private static double value(String metrics, String name) {
    Matcher matcher = Pattern.compile("(?m)^" + name + "[^ ]* ([0-9.eE+-]+)$").matcher(metrics);
    assertTrue(matcher.find(), name + " missing");
    return Double.parseDouble(matcher.group(1));
  }
}
