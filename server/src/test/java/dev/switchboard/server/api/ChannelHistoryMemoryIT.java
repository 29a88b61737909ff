package dev.switchboard.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.server.testing.ChildServer;
import io.micronaut.json.JsonMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ChannelHistoryMemoryIT publishes forty 9 MB events to a server JVM with a 256 MiB heap: refused
 * with 413 at the default publish limit, and, with the limit raised, accepted and evicted from
 * history by bytes (per channel and per node), so the heap survives. Without the byte bounds the
 * heap ran out after about ten such events.
 */
class ChannelHistoryMemoryIT {

  private static final String ADMIN_TOKEN = "sb_channel-history-memory-admin";
  private static final int PUBLISHES = 40;
  private static final String BIG_EVENT =
      "{\"type\":\"stream_output\",\"data\":{\"messageId\":\"m-1\",\"seq\":0,\"chunk\":\""
          + "x".repeat(9_000_000)
          + "\",\"stream\":\"stdout\"}}";

  private final JsonMapper mapper = JsonMapper.createDefault();

  @Test
  void refusesEveryOversizedPublishAndStaysHealthy(@TempDir Path dataDir) throws Exception {
    try (ChildServer server = ChildServer.start(dataDir, properties(Map.of()), heap())) {
      ApiClient api = new ApiClient(server.port(), mapper);
      for (int i = 0; i < PUBLISHES; i++) {
        HttpResponse<String> refused = publish(api, "session:big", BIG_EVENT);
        assertEquals(413, refused.statusCode(), "publish " + i + ": " + refused.body());
        assertTrue(refused.body().contains("65536"), refused.body());
      }
      assertHealthy(server, api);
    }
  }

  @Test
  void evictsHistoryByBytesSoTheHeapSurvivesLargeEvents(@TempDir Path dataDir) throws Exception {
    Map<String, String> raised =
        Map.of(
            "switchboard.channels.max-publish-bytes", "16777216",
            "switchboard.channels.history-max-bytes", "33554432",
            "switchboard.channels.node-history-max-bytes", "33554432");
    try (ChildServer server = ChildServer.start(dataDir, properties(raised), heap())) {
      ApiClient api = new ApiClient(server.port(), mapper);
      for (int i = 0; i < PUBLISHES; i++) {
        // Half on one channel (its own bound), half spread out (the node's bound).
        String channel = i % 2 == 0 ? "session:big" : "session:big-" + i;
        HttpResponse<String> accepted = publish(api, channel, BIG_EVENT);
        assertEquals(200, accepted.statusCode(), "publish " + i + ": " + accepted.body());
      }
      assertHealthy(server, api);
    }
  }

  private static Map<String, String> properties(Map<String, String> extra) {
    Map<String, String> properties = new java.util.HashMap<>(extra);
    properties.put("switchboard.token", ADMIN_TOKEN);
    properties.put("switchboard.db.url", "");
    return properties;
  }

  private static List<String> heap() {
    return List.of("-Xmx256m", "-XX:+ExitOnOutOfMemoryError");
  }

  private static HttpResponse<String> publish(ApiClient api, String channel, String body) {
    return api.send("POST", "/api/channels/" + channel + "/events", body, ADMIN_TOKEN);
  }

  private static void assertHealthy(ChildServer server, ApiClient api) throws Exception {
    HttpResponse<String> small =
        publish(
            api,
            "session:small",
            "{\"type\":\"stream_output\",\"data\":{\"messageId\":\"m-1\",\"seq\":0,"
                + "\"chunk\":\"ok\",\"stream\":\"stdout\"}}");
    assertEquals(200, small.statusCode(), small.body());
    assertTrue(server.isAlive());
    assertFalse(server.log().contains("OutOfMemoryError"), "the server ran out of heap");
  }
}
