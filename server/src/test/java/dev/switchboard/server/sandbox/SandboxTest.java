package dev.switchboard.server.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.server.config.DataDirectory;
import dev.switchboard.server.config.SwitchboardConfiguration;
import io.micronaut.context.exceptions.ConfigurationException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Commands launched as the sandbox says, run for real: what they can see and change. */
class SandboxTest {

  @TempDir Path dataDir;
  @TempDir Path project;

  /** Outside /tmp, which every sandbox replaces with its own. */
  private Path outside;

  @BeforeEach
  void outsideTmp() throws IOException {
    outside = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "sandbox-test");
  }

  @AfterEach
  void removeOutside() throws IOException {
    try (Stream<Path> all = Files.walk(outside)) {
      all.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }

  @Test
  void hidesConfiguredPathsAndBindsBackWhatIsConfiguredInsideThem() throws Exception {
    Bubblewrap.assumeInstalled();
    Path secrets = Files.createDirectories(outside.resolve("secrets"));
    Files.writeString(secrets.resolve("key"), "private-key");
    Path tools = Files.createDirectories(secrets.resolve("tools"));
    Files.writeString(tools.resolve("config"), "tool-config");
    Path cache = Files.createDirectories(secrets.resolve("cache"));
    Sandbox unhidden = sandbox(SandboxMode.BWRAP, true, List.of(), List.of(), List.of());
    Assumptions.assumeTrue(
        run(unhidden, "cat " + secrets.resolve("key")).contains("private-key"),
        "the test directory lies in a path every sandbox hides (the home?): nothing to show");
    Sandbox sandbox =
        sandbox(SandboxMode.BWRAP, true, List.of(secrets), List.of(tools), List.of(cache));

    String output =
        run(
            sandbox,
            "cat "
                + secrets.resolve("key")
                + " 2>&1; cat "
                + tools.resolve("config")
                + "; echo; touch "
                + tools.resolve("x")
                + " 2>&1; touch "
                + cache.resolve("y")
                + " && echo cache-writable");

    assertTrue(output.contains("No such file"), output);
    assertFalse(output.contains("private-key"), output);
    assertTrue(output.contains("tool-config"), output);
    assertTrue(output.contains("Read-only file system"), output);
    assertTrue(output.contains("cache-writable"), output);
    assertTrue(Files.exists(cache.resolve("y")));
  }

  @Test
  void withTheNetworkOffOnlyLoopbackIsLeft() throws Exception {
    Bubblewrap.assumeInstalled();
    String on = run(sandbox(SandboxMode.BWRAP, true, List.of(), List.of(), List.of()), NETS);
    String off = run(sandbox(SandboxMode.BWRAP, false, List.of(), List.of(), List.of()), NETS);

    assertEquals("lo", off.strip());
    assertTrue(on.strip().lines().count() > 1, on);
    String runOff =
        run(
            sandbox(SandboxMode.BWRAP, false, List.of(), List.of(), List.of()),
            "ls -A /run | wc -l");
    assertEquals("0", runOff.strip(), "without network, /run's Unix sockets are hidden too");
  }

  @Test
  void bwrapModeRefusesToStartWithoutAWorkingBubblewrap() {
    ConfigurationException refused =
        assertThrows(
            ConfigurationException.class, () -> sandbox(SandboxMode.BWRAP, "/nonexistent/bwrap"));

    assertTrue(refused.getMessage().contains("apt-get install bubblewrap"), refused.getMessage());
    assertTrue(refused.getMessage().contains("/nonexistent/bwrap"), refused.getMessage());
  }

  @Test
  void autoModeFallsBackToNoSandboxAndSaysSo() throws Exception {
    Sandbox sandbox = sandbox(SandboxMode.AUTO, "/nonexistent/bwrap");

    assertFalse(sandbox.enforced());
    assertEquals(Sandbox.UNCONFINED_WARNING, sandbox.status().warning());
    Launch launch = sandbox.agent(List.of("sh", "-c", "echo hi"), project, Map.of());
    assertFalse(launch.command().contains("/nonexistent/bwrap"));
    assertEquals(0, launch.wrapperDepth());
    assertEquals("hi", run(launch).strip());
  }

  @Test
  void offModeRunsUnconfinedButStillWithTheAllowList() throws Exception {
    Sandbox sandbox = sandbox(SandboxMode.OFF, "bwrap");

    assertFalse(sandbox.status().enforced());
    Launch launch = sandbox.agent(List.of("env"), project, Map.of("EXTRA", "1"));
    assertTrue(launch.environment().keySet().stream().noneMatch(n -> n.startsWith("SWITCHBOARD")));
    assertEquals("1", launch.environment().get("EXTRA"));
  }

  @Test
  void aWorkingSandboxHasNoWarning() {
    Bubblewrap.assumeInstalled();
    Sandbox sandbox = sandbox(SandboxMode.AUTO, "bwrap");

    assertTrue(sandbox.enforced());
    assertNull(sandbox.status().warning());
  }

  private static final long SCRATCH_BYTES = 1 << 20;

  private static final String NETS = "tail -n +3 /proc/net/dev | cut -d: -f1 | tr -d ' '";

  private Sandbox sandbox(SandboxMode mode, String bwrap) {
    return new Sandbox(
        new SandboxConfiguration(mode, true, null, null, null, bwrap, SCRATCH_BYTES),
        new DataDirectory(SwitchboardConfiguration.of(dataDir)),
        (Supplier<List<Path>>) List::of);
  }

  private Sandbox sandbox(
      SandboxMode mode,
      boolean network,
      List<Path> hide,
      List<Path> readOnly,
      List<Path> readWrite) {
    return new Sandbox(
        new SandboxConfiguration(mode, network, hide, readOnly, readWrite, "bwrap", SCRATCH_BYTES),
        new DataDirectory(SwitchboardConfiguration.of(dataDir)),
        (Supplier<List<Path>>) List::of);
  }

  private String run(Sandbox sandbox, String script) throws IOException, InterruptedException {
    return run(sandbox.agent(List.of("sh", "-c", script), project, Map.of()));
  }

  private String run(Launch launch) throws IOException, InterruptedException {
    ProcessBuilder builder =
        new ProcessBuilder(launch.command()).directory(project.toFile()).redirectErrorStream(true);
    builder.environment().clear();
    builder.environment().putAll(launch.environment());
    Process process = builder.start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(20, TimeUnit.SECONDS));
    return output;
  }
}
