package dev.switchboard.server.session.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code switchboard.agent.*} settings: defaults, binding, argument templates, mistakes. */
class AgentConfigurationTest {

  @Test
  void defaultsToTheMessageAsAShellCommandLine() {
    AgentConfiguration agent = configuration(null, false, null);
    assertEquals(List.of("sh", "-c", "ls -la"), agent.argv("ls -la"));
    assertEquals("Shell command (sh -c)", agent.label());
    assertEquals(Map.of(), agent.environment());
  }

  @Test
  void bindsACommandTemplateAndEnvironmentVariablesWithTheirCase() {
    try (ApplicationContext context =
        ApplicationContext.builder()
            .properties(
                Map.of(
                    "switchboard.agent.command", List.of("claude", "-p", "{message}"),
                    "switchboard.agent.environment.ANTHROPIC_API_KEY", "k-1",
                    "switchboard.agent.timeout", "10m",
                    "switchboard.agent.label", "Claude Code"))
            .start()) {
      AgentConfiguration agent = context.getBean(AgentConfiguration.class);
      assertEquals(List.of("claude", "-p", "fix the build"), agent.argv("fix the build"));
      assertEquals(Map.of("ANTHROPIC_API_KEY", "k-1"), agent.environment());
      assertEquals(Duration.ofMinutes(10), agent.timeout());
      assertEquals("Claude Code", agent.label());
      assertEquals(Duration.ofSeconds(5), agent.killGrace());
      assertEquals(1_048_576, agent.maxStoredChars());
    }
  }

  @Test
  void replacesThePlaceholderInsideLongerArgumentsButNotInStdinMode() {
    assertEquals(
        List.of("agent", "--prompt=say hi"),
        configuration(List.of("agent", "--prompt={message}"), false, null).argv("say hi"));
    AgentConfiguration stdin = configuration(List.of("llm", "{message}"), true, null);
    assertEquals(List.of("llm", "{message}"), stdin.argv("say hi"));
    assertEquals("llm {message}", stdin.label());
  }

  @Test
  void refusesATemplateThatWouldDropTheMessage() {
    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class, () -> configuration(List.of("claude"), false, null));
    assertTrue(error.getMessage().contains("stdin: true"), error.getMessage());
  }

  @Test
  void refusesANonPositiveTimeout() {
    assertThrows(IllegalArgumentException.class, () -> configuration(null, false, Duration.ZERO));
  }

  @Test
  void refusesToPassTheServersOwnSettingsToAgents() {
    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class,
            () -> configuration(null, false, null, Map.of("SWITCHBOARD_TOKEN", "x"), 4));
    assertTrue(error.getMessage().contains("SWITCHBOARD_TOKEN"), error.getMessage());
  }

  @Test
  void refusesANonPositiveRunCap() {
    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class, () -> configuration(null, false, null, null, 0));
    assertTrue(error.getMessage().contains("max-runs-per-token"), error.getMessage());
  }

  private static AgentConfiguration configuration(
      List<String> command, boolean stdin, Duration timeout) {
    return configuration(command, stdin, timeout, null, 4);
  }

  private static AgentConfiguration configuration(
      List<String> command,
      boolean stdin,
      Duration timeout,
      Map<String, String> environment,
      int maxRunsPerToken) {
    return new AgentConfiguration(
        command,
        stdin,
        environment,
        timeout == null ? Duration.ofMinutes(30) : timeout,
        null,
        Duration.ofSeconds(5),
        Duration.ofMillis(250),
        65_536,
        1_048_576,
        maxRunsPerToken,
        32);
  }
}
