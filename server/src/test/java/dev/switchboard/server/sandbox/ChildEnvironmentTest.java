package dev.switchboard.server.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ChildEnvironmentTest {

  @Test
  void passesOnlyTheAllowListAndTheConfiguredVariables() {
    Map<String, String> server =
        Map.of(
            "PATH", "/usr/bin",
            "HOME", "/home/sb",
            "LANG", "C.UTF-8",
            "LC_TIME", "en_GB.UTF-8",
            "SWITCHBOARD_TOKEN", "sb_admin",
            "SWITCHBOARD_REDIS_URL", "redis://:secret@redis:6379",
            "DATASOURCES_DEFAULT_PASSWORD", "pg-secret",
            "AWS_SECRET_ACCESS_KEY", "aws-secret",
            "LD_PRELOAD", "/tmp/evil.so");

    Map<String, String> environment =
        ChildEnvironment.of(server, Map.of("ANTHROPIC_API_KEY", "configured"));

    assertEquals(
        Map.of(
            "PATH", "/usr/bin",
            "HOME", "/home/sb",
            "LANG", "C.UTF-8",
            "LC_TIME", "en_GB.UTF-8",
            "USER", System.getProperty("user.name"),
            "ANTHROPIC_API_KEY", "configured"),
        environment);
  }

  @Test
  void fillsInPathAndHomeWhenTheServerHasNone() {
    Map<String, String> environment = ChildEnvironment.of(Map.of(), Map.of("TERM", "xterm"));

    assertEquals("/usr/local/bin:/usr/bin:/bin", environment.get("PATH"));
    assertEquals(System.getProperty("user.home"), environment.get("HOME"));
    assertEquals("xterm", environment.get("TERM"));
  }
}
