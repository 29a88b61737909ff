package dev.switchboard.server.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ChannelStreamsConfigurationTest {

  @Test
  void defaultsToTheProtocolsHistoryBounds() {
    try (ApplicationContext context = contextWith(Map.of())) {
      ChannelStreamsConfiguration configuration =
          context.getBean(ChannelStreamsConfiguration.class);

      assertEquals(1000, configuration.historyMaxEvents());
      assertEquals(Duration.ofMinutes(10), configuration.historyMaxAge());
      assertEquals(4 * 1024 * 1024, configuration.historyMaxBytes());
      assertEquals(64 * 1024 * 1024, configuration.nodeHistoryMaxBytes());
      assertEquals(65_536, configuration.maxPublishBytes());
      assertEquals(ChannelStreamsConfiguration.defaults(), configuration);
    }
  }

  @Test
  void bindsConfiguredBounds() {
    try (ApplicationContext context =
        contextWith(
            Map.of(
                "switchboard.channels.history-max-events", "50",
                "switchboard.channels.history-max-age", "30s",
                "switchboard.channels.history-max-bytes", "1000",
                "switchboard.channels.node-history-max-bytes", "5000",
                "switchboard.channels.max-publish-bytes", "300"))) {
      ChannelStreamsConfiguration configuration =
          context.getBean(ChannelStreamsConfiguration.class);

      assertEquals(50, configuration.historyMaxEvents());
      assertEquals(Duration.ofSeconds(30), configuration.historyMaxAge());
      assertEquals(1000, configuration.historyMaxBytes());
      assertEquals(5000, configuration.nodeHistoryMaxBytes());
      assertEquals(300, configuration.maxPublishBytes());
    }
  }

  @Test
  void rejectsBoundsThatKeepNoHistoryNamingTheProperty() {
    IllegalArgumentException events =
        assertThrows(
            IllegalArgumentException.class,
            () -> ChannelStreamsConfiguration.withHistory(0, Duration.ofMinutes(1)));
    IllegalArgumentException age =
        assertThrows(
            IllegalArgumentException.class,
            () -> ChannelStreamsConfiguration.withHistory(10, Duration.ZERO));

    assertTrue(events.getMessage().contains("switchboard.channels.history-max-events"));
    assertTrue(age.getMessage().contains("switchboard.channels.history-max-age"));
    IllegalArgumentException bytes =
        assertThrows(
            IllegalArgumentException.class,
            () -> new ChannelStreamsConfiguration(10, Duration.ofMinutes(1), 0, 1, 1));
    assertTrue(bytes.getMessage().contains("switchboard.channels.history-max-bytes"));
  }

  private static ApplicationContext contextWith(Map<String, Object> properties) {
    // Without the test environment the data directory would be ~/.switchboard: keep the
    // context's database (which Flyway migrates at start-up) in memory instead.
    Map<String, Object> isolated = new HashMap<>(properties);
    isolated.put(
        "switchboard.db.url",
        "jdbc:h2:mem:channel-streams-"
            + UUID.randomUUID()
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
    try {
      isolated.put(
          "switchboard.data-dir", Files.createTempDirectory("channel-streams-test").toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ApplicationContext context =
        ApplicationContext.builder()
            .deduceEnvironment(false)
            .environmentPropertySource(false)
            .properties(isolated)
            .build();
    context.getEnvironment().start();
    context.start();
    return context;
  }
}
