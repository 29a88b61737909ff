package dev.switchboard.server.autobahn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class AutobahnGateTest {

  final JsonMapper mapper = JsonMapper.createDefault();

  /** An index with one passing case per required section, plus {@code extra} cases. */
  JsonNode index(String extra) throws IOException {
    String passing =
        AutobahnGate.SECTIONS.stream()
            .map(
                section ->
                    "\""
                        + section
                        + ".1.1\":{\"behavior\":\"OK\",\"behaviorClose\":\"OK\","
                        + "\"remoteCloseCode\":1000}")
            .collect(Collectors.joining(","));
    return mapper.readValue(
        "{\"switchboard\":{" + passing + (extra.isEmpty() ? "" : "," + extra) + "}}",
        JsonNode.class);
  }

  @Test
  void passesWhenBehaviorAndBehaviorCloseAreAcceptable() throws IOException {
    JsonNode report =
        index(
            "\"6.4.1\":{\"behavior\":\"NON-STRICT\",\"behaviorClose\":\"OK\"},"
                + "\"7.1.6\":{\"behavior\":\"INFORMATIONAL\",\"behaviorClose\":\"INFORMATIONAL\"},"
                + "\"12.1.1\":{\"behavior\":\"FAILED\",\"behaviorClose\":\"FAILED\"}");
    assertEquals(List.of(), AutobahnGate.problems(AutobahnGate.results(report), Set.of()));
  }

  @Test
  void failsOnABadBehaviorCloseThatTheSuiteItselfWouldAccept() throws IOException {
    JsonNode report =
        index(
            "\"7.3.1\":{\"behavior\":\"OK\",\"behaviorClose\":\"UNCLEAN\",\"remoteCloseCode\":null}");
    List<String> problems = AutobahnGate.problems(AutobahnGate.results(report), Set.of());
    assertEquals(1, problems.size(), problems.toString());
    assertTrue(problems.get(0).startsWith("7.3.1: "), problems.get(0));
  }

  @Test
  void failsOnAFailedBehavior() throws IOException {
    JsonNode report =
        index(
            "\"6.3.1\":{\"behavior\":\"FAILED\",\"behaviorClose\":\"OK\",\"remoteCloseCode\":1000}");
    assertEquals(1, AutobahnGate.problems(AutobahnGate.results(report), Set.of()).size());
  }

  @Test
  void acceptsAPolicyRefusalOnlyWithA1003Close() throws IOException {
    JsonNode refused =
        index(
            "\"1.2.1\":{\"behavior\":\"FAILED\",\"behaviorClose\":\"FAILED\",\"remoteCloseCode\":1003}");
    assertEquals(List.of(), AutobahnGate.problems(AutobahnGate.results(refused), Set.of("1.2.1")));

    JsonNode wrongCode =
        index(
            "\"1.2.1\":{\"behavior\":\"FAILED\",\"behaviorClose\":\"FAILED\",\"remoteCloseCode\":1002}");
    assertEquals(1, AutobahnGate.problems(AutobahnGate.results(wrongCode), Set.of("1.2.1")).size());
  }

  @Test
  void failsWhenAListedCaseOrASectionIsMissing() throws IOException {
    assertEquals(1, AutobahnGate.problems(AutobahnGate.results(index("")), Set.of("1.2.8")).size());

    JsonNode noSectionNine =
        mapper.readValue(
            "{\"switchboard\":{\"1.1.1\":{\"behavior\":\"OK\",\"behaviorClose\":\"OK\"}}}",
            JsonNode.class);
    List<String> problems = AutobahnGate.problems(AutobahnGate.results(noSectionNine), Set.of());
    assertTrue(problems.contains("section 9 did not run"), problems.toString());
  }

  @Test
  void retriesOnlyFailedCasesThatAreNotRefusedByPolicy() throws IOException {
    JsonNode report =
        index(
            "\"6.22.16\":{\"behavior\":\"FAILED\",\"behaviorClose\":\"FAILED\"},"
                + "\"1.2.1\":{\"behavior\":\"FAILED\",\"behaviorClose\":\"FAILED\","
                + "\"remoteCloseCode\":1003}");
    assertEquals(
        List.of("6.22.16"),
        AutobahnGate.failedCases(AutobahnGate.results(report), Set.of("1.2.1")));
  }

  @Test
  void refusesAReportOfSeveralServers() throws IOException {
    JsonNode two = mapper.readValue("{\"a\":{},\"b\":{}}", JsonNode.class);
    assertThrows(IllegalArgumentException.class, () -> AutobahnGate.results(two));
  }

  @Test
  void readsThePolicyFileIgnoringComments() {
    assertEquals(
        Set.of("1.2.1", "1.2.2"),
        AutobahnGate.parsePolicy(List.of("# binary messages", "1.2.1", "  1.2.2  # empty", "")));
  }
}
