package dev.switchboard.server.session.agent;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import io.micronaut.core.convert.format.MapFormat;
import io.micronaut.core.naming.conventions.StringConvention;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * AgentConfiguration holds the {@code switchboard.agent.*} settings: the agent command as an
 * argument template, whether the message goes to its standard input instead, extra environment
 * variables, the timeout, the label clients show for the agent, and how many replies may run at
 * once per token and per node.
 *
 * <p>The default agent runs the message as a shell command line ({@code sh -c {message}}), so the
 * product works offline. A real agent CLI is one setting away, e.g. {@code command: [claude, -p,
 * "{message}"]}.
 */
@ConfigurationProperties("switchboard.agent")
public record AgentConfiguration(
    @Nullable List<String> command,
    @Bindable(defaultValue = "false") boolean stdin,
    @Nullable
        @MapFormat(
            keyFormat = StringConvention.RAW,
            transformation = MapFormat.MapTransformation.FLAT)
        Map<String, String> environment,
    @Bindable(defaultValue = "30m") Duration timeout,
    @Nullable String label,
    @Bindable(defaultValue = "5s") Duration killGrace,
    @Bindable(defaultValue = "250ms") Duration flushInterval,
    @Bindable(defaultValue = "65536") int flushChars,
    @Bindable(defaultValue = "1048576") int maxStoredChars,
    @Bindable(defaultValue = "4") int maxRunsPerToken,
    @Bindable(defaultValue = "32") int maxRunsPerNode) {

  /** Where the message goes in the argument template. */
  public static final String MESSAGE_PLACEHOLDER = "{message}";

  /** The default agent: the message is a shell command line. */
  public static final List<String> SHELL_COMMAND = List.of("sh", "-c", MESSAGE_PLACEHOLDER);

  /** The label of the default agent. */
  public static final String SHELL_LABEL = "Shell command (sh -c)";

  /** Fills in the defaults and rejects settings the runner cannot use, naming the fix. */
  public AgentConfiguration {
    boolean shellDefault = command == null || command.isEmpty();
    command = shellDefault ? SHELL_COMMAND : List.copyOf(command);
    environment = environment == null ? Map.of() : Map.copyOf(environment);
    if (label == null || label.isBlank()) {
      label = shellDefault ? SHELL_LABEL : String.join(" ", command);
    }
    if (!stdin && command.stream().noneMatch(arg -> arg.contains(MESSAGE_PLACEHOLDER))) {
      throw new IllegalArgumentException(
          "switchboard.agent.command "
              + command
              + " has no "
              + MESSAGE_PLACEHOLDER
              + " argument: add one (e.g. [claude, -p, \"{message}\"]) or set"
              + " switchboard.agent.stdin: true to send the message on standard input");
    }
    if (timeout.isNegative() || timeout.isZero() || killGrace.isNegative()) {
      throw new IllegalArgumentException(
          "switchboard.agent.timeout must be positive and kill-grace not negative (e.g. 30m, 5s)");
    }
    if (flushInterval.isNegative() || flushInterval.isZero() || flushChars < 1) {
      throw new IllegalArgumentException(
          "switchboard.agent.flush-interval and flush-chars must be positive (e.g. 250ms, 65536)");
    }
    for (String name : environment.keySet()) {
      if (name.startsWith("SWITCHBOARD_")) {
        throw new IllegalArgumentException(
            "switchboard.agent.environment sets "
                + name
                + ": the server's own SWITCHBOARD_* settings never reach agents; remove it");
      }
    }
    if (maxRunsPerToken < 1 || maxRunsPerNode < 1) {
      throw new IllegalArgumentException(
          "switchboard.agent.max-runs-per-token and max-runs-per-node must be positive (defaults"
              + " 4 and 32)");
    }
    if (maxStoredChars < 0) {
      throw new IllegalArgumentException(
          "switchboard.agent.max-stored-chars must not be negative (default 1048576)");
    }
  }

  /** The command line for one message: the template with the placeholder replaced. */
  public List<String> argv(String message) {
    List<String> argv = new ArrayList<>(command.size());
    for (String arg : command) {
      argv.add(stdin ? arg : arg.replace(MESSAGE_PLACEHOLDER, message));
    }
    return argv;
  }
}
