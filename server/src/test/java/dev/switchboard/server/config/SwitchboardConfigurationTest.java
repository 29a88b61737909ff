package dev.switchboard.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

class SwitchboardConfigurationTest {

  @Test
  void defaultsToDotSwitchboardInTheHomeDirectory() {
    // No "test" environment, so application-test.yml does not apply; data-dir is only bound.
    try (ApplicationContext context =
        ApplicationContext.builder()
            .deduceEnvironment(false)
            .environmentPropertySource(false)
            .properties(Map.of("user.home", "/home/someone"))
            .build()) {
      context.getEnvironment().start();

      assertEquals(
          Path.of("/home/someone/.switchboard"),
          context.getEnvironment().getProperty("switchboard.data-dir", Path.class).orElseThrow());
    }
  }

  @Test
  @EnabledIfEnvironmentVariable(named = "SWITCHBOARD_DATA_DIR", matches = ".+")
  void environmentVariableOverridesTheDataDir() {
    // Maven's surefire configuration sets SWITCHBOARD_DATA_DIR for every test run.
    try (ApplicationContext context = ApplicationContext.run("test")) {
      assertEquals(
          Path.of(System.getenv("SWITCHBOARD_DATA_DIR")),
          context.getBean(SwitchboardConfiguration.class).dataDir());
    }
  }

  @Test
  void bindsTheAdminTokenAndTheBrokerAndNeverPrintsTheToken() {
    try (ApplicationContext context =
        ApplicationContext.run(
            Map.of(
                "switchboard.data-dir", "/tmp/switchboard-config-test",
                "switchboard.token", "sb_0123456789abcdef",
                "switchboard.broker", "redis"),
            "config-test")) {
      SwitchboardConfiguration configuration = context.getBean(SwitchboardConfiguration.class);
      assertEquals("sb_0123456789abcdef", configuration.token());
      assertEquals(BrokerKind.REDIS, configuration.brokerKind());
      assertFalse(configuration.toString().contains("sb_0123456789abcdef"));
    }
  }

  @Test
  void startUpFailsOnABrokerThatDoesNotExistNamingTheSetting() {
    Exception refused =
        assertThrows(
            Exception.class,
            () ->
                ApplicationContext.run(
                        Map.of(
                            "switchboard.data-dir", "/tmp/switchboard-config-test",
                            "switchboard.broker", "reddis"),
                        "config-test")
                    .close());
    Throwable cause = refused;
    while (cause.getCause() != null) {
      cause = cause.getCause();
    }
    assertTrue(
        cause.getMessage().contains("switchboard.broker") && cause.getMessage().contains("reddis"),
        cause.getMessage());
  }
}
