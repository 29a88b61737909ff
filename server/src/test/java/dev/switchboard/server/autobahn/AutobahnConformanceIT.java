package dev.switchboard.server.autobahn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.server.ws.ConformanceEcho;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The Autobahn fuzzing suite against the code that serves {@code /ws} (issue 4, item 5), run only
 * by the {@code autobahn} Maven profile ({@code ./mvnw -Pautobahn -pl server -am verify}, which
 * {@code .ci/run} runs after the ordinary build; it takes several minutes).
 *
 * <p>The server runs with {@link ConformanceEcho} in {@code ChannelSocket}'s place, so the suite
 * goes through {@code /ws}'s own upgrade (origin, credentials, slots, handshake), its frame guard,
 * its fragment joining and ping answers, and its outbound path, and gets each text message back.
 * {@link AutobahnCredentials} supplies the admin token the client cannot send.
 *
 * <p>The suite is the one bundled in {@code autobahntestsuite-maven-plugin} 0.1.5 (Jython, no
 * Docker), driven through the plugin's {@code AutobahnTestSuite} class rather than its goal: the
 * goal fails on the binary-message cases the server refuses by policy, ignores {@code
 * behaviorClose}, and connects to {@code InetAddress.getLocalHost()} at path {@code /}, where this
 * test connects to 127.0.0.1 at {@code /ws}. The reports go to {@code
 * target/autobahntestsuite-reports}; {@link AutobahnGate} judges them.
 *
 * <p>The message and outbound limits are raised for the run, since section 9 echoes messages of up
 * to 16 MiB; everything else (frame rules, UTF-8, close handshake, compression off) is the guard as
 * deployed. The 64 KiB limit itself is tested in {@code FrameRulesIT}.
 */
@EnabledIfSystemProperty(named = "switchboard.autobahn", matches = "true")
class AutobahnConformanceIT {

  static final List<String> CASES =
      List.of("1.*", "2.*", "3.*", "4.*", "5.*", "6.*", "7.*", "9.*", "10.*");
  static final Path REPORTS = Path.of("target", "autobahntestsuite-reports");
  static final String POLICY = "/autobahn/refused-by-policy.txt";

  /** Autobahn's largest messages (section 9) are 16 MiB. */
  static final int MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

  @Test
  void passesSectionsOneToSevenNineAndTenOnBehaviorAndBehaviorClose() throws Exception {
    long limit = MAX_MESSAGE_BYTES;
    Map<String, Object> properties =
        Map.of(
            "micronaut.server.port",
            -1,
            "micronaut.server.host",
            "127.0.0.1",
            "switchboard.token",
            "sb_autobahn-conformance-token",
            "switchboard.data-dir",
            Files.createTempDirectory("switchboard-autobahn").toString(),
            ConformanceEcho.PROPERTY,
            true,
            "switchboard.ws.max-message-bytes",
            limit,
            "switchboard.ws.max-pending-bytes",
            2 * limit,
            "switchboard.ws.max-pending-bytes-hard",
            4 * limit);
    // Never judge a report left over from an earlier run.
    Files.deleteIfExists(REPORTS.resolve("index.json"));
    try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties)) {
      String url = "ws://127.0.0.1:" + server.getPort() + "/ws";
      JsonMapper mapper = server.getApplicationContext().getBean(JsonMapper.class);
      Set<String> refusedByPolicy = refusedByPolicy();
      Map<String, JsonNode> results = run(url, CASES, mapper);
      List<String> failed = AutobahnGate.failedCases(results, refusedByPolicy);
      if (!failed.isEmpty()) {
        // Some cases give the server 0.5 s to answer, which a loaded machine can miss: run the
        // failed ones once more, alone; the gate judges that second run.
        System.out.println("Running the failed Autobahn cases once more: " + failed);
        results.putAll(run(url, failed, mapper));
      }
      List<String> problems = AutobahnGate.problems(results, refusedByPolicy);
      assertEquals(
          List.of(),
          problems,
          "Autobahn cases failed (reports in "
              + REPORTS.toAbsolutePath()
              + "):\n"
              + String.join("\n", problems));
    }
  }

  static Map<String, JsonNode> run(String url, List<String> cases, JsonMapper mapper)
      throws Exception {
    runFuzzingClient(url, cases);
    return AutobahnGate.results(
        mapper.readValue(Files.readAllBytes(REPORTS.resolve("index.json")), JsonNode.class));
  }

  static Set<String> refusedByPolicy() throws Exception {
    try (InputStream in =
        Objects.requireNonNull(AutobahnConformanceIT.class.getResourceAsStream(POLICY), POLICY)) {
      return AutobahnGate.parsePolicy(
          new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList());
    }
  }

  /**
   * Runs the bundled fuzzing client; the class is on the test classpath only in the {@code
   * autobahn} profile, hence the reflection (the default build compiles without it).
   */
  static void runFuzzingClient(String url, List<String> cases) throws Exception {
    // With Micronaut started, Jython resolves the suite's "from io import BytesIO" (in Twisted) to
    // the Java package io (io.micronaut, io.netty). Importing Python's io first puts it in
    // sys.modules, which Jython's interpreters share.
    Class<?> interpreter = Class.forName("org.python.util.PythonInterpreter");
    Object python = interpreter.getConstructor().newInstance();
    interpreter.getMethod("exec", String.class).invoke(python, "from io import BytesIO");
    Class<?> suite = Class.forName("me.normanmaurer.maven.autobahntestsuite.AutobahnTestSuite");
    Method run =
        suite.getMethod(
            "runFuzzingClient", String.class, String.class, Map.class, List.class, List.class);
    run.invoke(null, "switchboard", url, Map.of(), cases, List.of());
  }
}
