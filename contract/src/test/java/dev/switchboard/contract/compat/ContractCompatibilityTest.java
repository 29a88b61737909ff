package dev.switchboard.contract.compat;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.contract.CommittedFiles;
import dev.switchboard.contract.ContractFamily;
import dev.switchboard.contract.GeneratedArtifactsTest;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The contract's schema is generated from the records, committed beside the generated TypeScript,
 * and compared with the last released contract (the baseline): a change the version does not allow
 * fails the build with the list of changes and the one command that accepts them.
 */
class ContractCompatibilityTest {

  static final Path COMPAT_DIR = Path.of(System.getProperty("contract.compat.dir"));
  static final Path BASELINE = COMPAT_DIR.resolve("baseline.json");
  static final Path CHANGELOG = Path.of(System.getProperty("contract.changelog"));
  static final Path IDENTITY =
      Path.of(System.getProperty("contract.resources.dir"))
          .resolve("dev/switchboard/contract/contract.properties");
  static final List<Path> PACKAGES =
      Stream.of(System.getProperty("contract.packages").split(","))
          .map(String::trim)
          .map(Path::of)
          .toList();
  static final Path ROOT = Path.of(System.getProperty("contract.root.dir"));
  static final Path ASYNCAPI = Path.of(System.getProperty("contract.asyncapi.doc"));
  static final boolean ACCEPT = Boolean.getBoolean("contract.accept");
  static final String ACCEPT_COMMAND = System.getProperty("contract.accept.command");

  /** The schema of the real contract: every family the server and clients exchange. */
  static ObjectNode currentSchema() {
    Map<String, Class<?>> families = new LinkedHashMap<>();
    ContractFamily.ALL.forEach(family -> families.put(family.name(), family.base()));
    return ContractSchema.generate(families);
  }

  @Test
  void changesSinceTheBaselineAreAllowedByTheVersion() throws Exception {
    ObjectNode current = currentSchema();
    ContractBaseline baseline = ContractBaseline.read(BASELINE);
    List<SchemaChange> changes = SchemaComparator.compare(baseline.schema(), current);
    Level level = SchemaComparator.required(changes);
    if (ACCEPT && level != Level.COMPATIBLE) {
      baseline = baseline.accept(current, changes, BASELINE, CHANGELOG, PACKAGES);
    } else if (level != Level.COMPATIBLE) {
      fail(report(baseline.version(), changes));
    }
    CommittedFiles.checkOrUpdate(
        CommittedFiles.GENERATED_DIR.resolve("contract.schema.json"),
        ContractSchema.pretty(current));
    String hash = ContractSchema.hash(current);
    CommittedFiles.checkOrUpdate(
        CommittedFiles.GENERATED_DIR.resolve("contract-version.ts"),
        GeneratedArtifactsTest.HEADER
            + "/** The contract these types were generated from: its version and schema hash. */\n"
            + "export const contractVersion = {\n  version: \""
            + baseline.version()
            + "\",\n  hash: \""
            + hash
            + "\",\n} as const;\n");
    CommittedFiles.checkOrUpdate(
        IDENTITY,
        "# Generated from contract/compat/baseline.json and the records; do not edit.\n"
            + "version="
            + baseline.version()
            + "\nhash="
            + hash
            + "\n");
    CommittedFiles.checkOrUpdate(ASYNCAPI, AsyncApiDocument.render(current, baseline.version()));
  }

  /** The build failure: every change with its class, what the set needs, and the fix. */
  static String report(ContractVersion version, List<SchemaChange> changes) {
    Level level = SchemaComparator.required(changes);
    StringBuilder report =
        new StringBuilder("The contract changed in ways version ")
            .append(version)
            .append(" does not allow (compared with ")
            .append(ROOT.relativize(BASELINE))
            .append("):\n\n");
    for (SchemaChange change : changes) {
      report.append("  ").append(change.line()).append('\n');
    }
    report
        .append("\nTogether they need ")
        .append(level.needs())
        .append(" (")
        .append(version)
        .append(" → ")
        .append(version.bumpedFor(level))
        .append("). If that is intended, accept them with:\n\n  ")
        .append(ACCEPT_COMMAND)
        .append("\n\nIt moves the baseline to ")
        .append(version.bumpedFor(level))
        .append(", regenerates the contract files and adds an entry to ")
        .append(ROOT.relativize(CHANGELOG))
        .append(
            " to describe, and moves the npm packages to that version (then run `npm install --ignore-scripts")
        .append(
            " --package-lock-only` in web-client). Otherwise change the records back. The rules: docs/protocol.md,")
        .append(" \"Evolving the protocol\".");
    return report.toString();
  }
}
