package dev.switchboard.server.ws.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.contract.ProtocolConstants;
import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebSocketConfigurationTest {

  @Test
  void defaultsAreTheProtocolsConstantsWhereTheProtocolAnnouncesThem() {
    try (ApplicationContext context = ApplicationContext.run(Map.of(), "ws-config-test")) {
      WebSocketConfiguration ws = context.getBean(WebSocketConfiguration.class);
      assertEquals(ProtocolConstants.MAX_SUBSCRIPTIONS, ws.maxSubscriptions());
      assertEquals(
          Duration.ofMillis(ProtocolConstants.HEARTBEAT_INTERVAL_MS), ws.heartbeatInterval());
      assertEquals(Duration.ofMillis(ProtocolConstants.PONG_TIMEOUT_MS), ws.pongTimeout());
      assertEquals(Duration.ofMillis(ProtocolConstants.IDLE_TIMEOUT_MS), ws.idleTimeout());
      assertEquals(ProtocolConstants.MAX_MESSAGE_BYTES, ws.maxMessageBytes());
      assertEquals(ProtocolConstants.MAX_COMMANDS_PER_SECOND, ws.maxCommandsPerSecond());
      assertEquals(ProtocolConstants.OUTBOUND_QUEUE_MAX_BYTES, ws.maxPendingBytes());
      assertEquals(8L * 1024 * 1024, ws.maxPendingBytesHard());
      assertEquals(Duration.ofSeconds(2), ws.slowConsumerGrace());
      assertEquals(50, ws.maxConnectionsPerToken());
      assertEquals(20, ws.maxProtocolErrorsPerMinute());
      assertEquals(50, ws.maxRateLimitedPerMinute());
      assertEquals(false, ws.compression());
      assertEquals(List.of(), ws.allowedOrigins());
      assertEquals(Duration.ofSeconds(5), ws.idleCheckInterval());
    }
  }

  @Test
  void bindsEveryDocumentedPropertyName() {
    Map<String, Object> properties =
        Map.ofEntries(
            Map.entry("switchboard.ws.max-subscriptions", "7"),
            Map.entry("switchboard.ws.heartbeat-interval", "11s"),
            Map.entry("switchboard.ws.pong-timeout", "3s"),
            Map.entry("switchboard.ws.idle-timeout", "40s"),
            Map.entry("switchboard.ws.max-message-bytes", "4096"),
            Map.entry("switchboard.ws.max-commands-per-second", "9"),
            Map.entry("switchboard.ws.max-pending-bytes", "8192"),
            Map.entry("switchboard.ws.max-pending-bytes-hard", "16384"),
            Map.entry("switchboard.ws.slow-consumer-grace", "1s"),
            Map.entry("switchboard.ws.max-rate-limited-per-minute", "5"),
            Map.entry("switchboard.ws.max-protocol-errors-per-minute", "4"),
            Map.entry("switchboard.ws.max-connections-per-token", "3"),
            Map.entry("switchboard.ws.compression", "true"),
            Map.entry("switchboard.ws.allowed-origins", List.of("https://app.example.com")),
            Map.entry("switchboard.ws.idle-check-interval", "250ms"));
    try (ApplicationContext context = ApplicationContext.run(properties, "ws-config-test")) {
      WebSocketConfiguration ws = context.getBean(WebSocketConfiguration.class);
      assertEquals(
          new WebSocketConfiguration(
              7,
              Duration.ofSeconds(11),
              Duration.ofSeconds(3),
              Duration.ofSeconds(40),
              4096,
              9,
              8192,
              5,
              4,
              16384,
              Duration.ofSeconds(1),
              3,
              true,
              List.of("https://app.example.com"),
              Duration.ofMillis(250)),
          ws);
    }
  }

  @Test
  void refusesALimitBelowOneNamingTheSetting() {
    IllegalArgumentException refused =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new WebSocketConfiguration(
                    0,
                    Duration.ofSeconds(30),
                    Duration.ofSeconds(5),
                    Duration.ofSeconds(75),
                    65_536,
                    100,
                    1_048_576,
                    50,
                    20,
                    8_388_608,
                    Duration.ofSeconds(2),
                    50,
                    false,
                    null,
                    Duration.ofSeconds(5)));
    assertTrue(refused.getMessage().contains("switchboard.ws.max-subscriptions"));
  }
}
