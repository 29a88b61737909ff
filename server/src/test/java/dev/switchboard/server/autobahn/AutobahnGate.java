package dev.switchboard.server.autobahn;

import io.micronaut.json.tree.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * AutobahnGate judges the Autobahn fuzzing client's {@code index.json}: every case of sections 1–7,
 * 9 and 10 must have both {@code behavior} and {@code behaviorClose} in OK, NON-STRICT or
 * INFORMATIONAL (the suite's own verdict looks at {@code behavior} only), except the cases refused
 * by policy (binary messages), which must instead have been closed by the server with 1003.
 */
final class AutobahnGate {

  /** The sections the gate requires; 12 and 13 (compression) are off by default. */
  static final Set<String> SECTIONS = Set.of("1", "2", "3", "4", "5", "6", "7", "9", "10");

  static final Set<String> PASSING = Set.of("OK", "NON-STRICT", "INFORMATIONAL");

  static final int UNSUPPORTED_DATA = 1003;

  private AutobahnGate() {}

  /**
   * The results in a parsed {@code index.json} (agent name → case id → result), by case id.
   *
   * @throws IllegalArgumentException unless the report holds exactly one server's results
   */
  static Map<String, JsonNode> results(JsonNode index) {
    Map<String, JsonNode> results = new TreeMap<>();
    int agents = 0;
    for (Map.Entry<String, JsonNode> agent : index.entries()) {
      agents++;
      for (Map.Entry<String, JsonNode> entry : agent.getValue().entries()) {
        results.put(entry.getKey(), entry.getValue());
      }
    }
    if (agents != 1) {
      throw new IllegalArgumentException(
          "expected the results of exactly one server in the report, found " + agents);
    }
    return results;
  }

  /**
   * The cases, not refused by policy, whose behavior or behaviorClose is not acceptable: worth one
   * more run, since the suite gives the server as little as 0.5 s to answer.
   */
  static List<String> failedCases(Map<String, JsonNode> results, Set<String> refusedByPolicy) {
    List<String> failed = new ArrayList<>();
    results.forEach(
        (id, result) -> {
          if (SECTIONS.contains(sectionOf(id))
              && !refusedByPolicy.contains(id)
              && !(PASSING.contains(text(result, "behavior"))
                  && PASSING.contains(text(result, "behaviorClose")))) {
            failed.add(id);
          }
        });
    return failed;
  }

  /**
   * The problems found in the results, empty when the gate passes.
   *
   * @param results case id → result, from {@link #results}
   * @param refusedByPolicy the ids of the cases the server must refuse with 1003
   */
  static List<String> problems(Map<String, JsonNode> results, Set<String> refusedByPolicy) {
    List<String> problems = new ArrayList<>();
    Set<String> seenSections = new TreeSet<>();
    Set<String> seenRefused = new TreeSet<>();
    for (Map.Entry<String, JsonNode> entry : results.entrySet()) {
      String id = entry.getKey();
      String section = sectionOf(id);
      if (!SECTIONS.contains(section)) {
        continue;
      }
      seenSections.add(section);
      JsonNode result = entry.getValue();
      String behavior = text(result, "behavior");
      String behaviorClose = text(result, "behaviorClose");
      String closeCode = closeCode(result);
      if (refusedByPolicy.contains(id)) {
        seenRefused.add(id);
        if (!String.valueOf(UNSUPPORTED_DATA).equals(closeCode)) {
          problems.add(
              id
                  + ": refused by policy, so the server must close it with 1003, but its close"
                  + " code was "
                  + closeCode
                  + " (behavior "
                  + behavior
                  + ")");
        }
      } else if (!PASSING.contains(behavior) || !PASSING.contains(behaviorClose)) {
        problems.add(
            id
                + ": behavior "
                + behavior
                + ", behaviorClose "
                + behaviorClose
                + ", close code "
                + closeCode);
      }
    }
    for (String section : new TreeSet<>(SECTIONS)) {
      if (!seenSections.contains(section)) {
        problems.add("section " + section + " did not run");
      }
    }
    for (String id : new TreeSet<>(refusedByPolicy)) {
      if (!seenRefused.contains(id)) {
        problems.add(id + " is listed as refused by policy but is not in the report");
      }
    }
    return problems;
  }

  /**
   * Reads the committed list of cases refused by policy: one case id per line, {@code #} starts a
   * comment.
   */
  static Set<String> parsePolicy(List<String> lines) {
    Set<String> ids = new TreeSet<>();
    for (String line : lines) {
      int hash = line.indexOf('#');
      String id = (hash < 0 ? line : line.substring(0, hash)).trim();
      if (!id.isEmpty()) {
        ids.add(id);
      }
    }
    return ids;
  }

  private static String sectionOf(String id) {
    return id.substring(0, id.indexOf('.'));
  }

  private static String closeCode(JsonNode result) {
    JsonNode code = result.get("remoteCloseCode");
    return code == null || !code.isNumber() ? "none" : String.valueOf(code.getIntValue());
  }

  private static String text(JsonNode result, String field) {
    JsonNode value = result.get(field);
    return value == null || !value.isString() ? "missing" : value.getStringValue();
  }
}
