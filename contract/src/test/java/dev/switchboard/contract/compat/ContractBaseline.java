package dev.switchboard.contract.compat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * ContractBaseline is the schema of the last released contract version, committed in {@code
 * contract/compat/baseline.json} as {@code {"version": "MAJOR.MINOR", "schema": {…}}}. It moves
 * only together with a version bump ({@link #accept}), so the version a build advertises is always
 * the baseline's.
 */
public record ContractBaseline(ContractVersion version, ObjectNode schema) {

  /** Reads the committed baseline, naming the file when it is not one. */
  public static ContractBaseline read(Path file) throws IOException {
    if (!Files.exists(file)) {
      throw new IllegalStateException(
          file + " is missing: it holds the last released contract and must be committed");
    }
    ObjectNode document = ContractSchema.parse(Files.readString(file));
    if (!document.path("schema").isObject()) {
      throw new IllegalStateException(file + " has no \"schema\" object");
    }
    return new ContractBaseline(
        ContractVersion.parse(document.path("version").asText(null)),
        (ObjectNode) document.get("schema"));
  }

  /** The baseline as committed. */
  public String toJson() {
    ObjectNode document = JsonNodeFactory.instance.objectNode();
    document.put("version", version.toString());
    document.set("schema", schema);
    return ContractSchema.pretty(document);
  }

  /**
   * Moves the baseline to {@code current} under the version the changes need, writes it, and adds
   * an entry listing the changes to the top of the protocol changelog; returns the new baseline.
   */
  public ContractBaseline accept(
      ObjectNode current,
      List<SchemaChange> changes,
      Path file,
      Path changelog,
      List<Path> packageManifests)
      throws IOException {
    Level level = SchemaComparator.required(changes);
    ContractBaseline next = new ContractBaseline(version.bumpedFor(level), current);
    Files.writeString(file, next.toJson(), StandardCharsets.UTF_8);
    addChangelogEntry(changelog, next.version, level, changes);
    for (Path manifest : packageManifests) {
      setPackageVersion(manifest, next.version.packageVersion());
    }
    return next;
  }

  /**
   * Moves a manifest to the contract's version: a {@code @switchboard/} package's own version, and
   * any manifest's dependency ranges on the packages (the app's too), to {@code ^version}.
   */
  private static void setPackageVersion(Path manifest, String version) throws IOException {
    String json = Files.readString(manifest);
    if (json.contains("\"name\": \"@switchboard/")) {
      json =
          json.replaceFirst("(?m)^  \"version\": \"[^\"]*\"", "  \"version\": \"" + version + "\"");
    }
    json =
        json.replaceAll(
            "\"(@switchboard/(?:contract|client))\": \"\\^[^\"]*\"",
            "\"$1\": \"^" + version + "\"");
    Files.writeString(manifest, json, StandardCharsets.UTF_8);
  }

  private static void addChangelogEntry(
      Path changelog, ContractVersion version, Level level, List<SchemaChange> changes)
      throws IOException {
    StringBuilder entry = new StringBuilder();
    entry
        .append("## ")
        .append(version.packageVersion())
        .append("\n\nContract ")
        .append(version)
        .append(", ")
        .append(LocalDate.now(ZoneOffset.UTC))
        .append(". ")
        .append(
            level == Level.MAJOR
                ? "Breaking: clients built from an older major version stop sending and offer a"
                    + " reload.\n\n"
                : "Exhaustive clients built from an older minor version show the difference in"
                    + " their dev tools.\n\n")
        .append("<!-- Describe the change for the people who use the protocol. -->\n\n");
    for (SchemaChange change : changes) {
      entry
          .append("- ")
          .append(change.level().label())
          .append(" (")
          .append(change.direction().label())
          .append(") `")
          .append(change.path())
          .append("`: ")
          .append(change.description())
          .append('\n');
    }
    String existing =
        Files.exists(changelog)
            ? Files.readString(changelog)
            : "# Protocol changelog\n\nEach contract version, newest first.\n";
    int firstEntry = existing.indexOf("\n## ");
    String updated =
        firstEntry < 0
            ? existing.stripTrailing() + "\n\n" + entry
            : existing.substring(0, firstEntry + 1)
                + entry
                + "\n"
                + existing.substring(firstEntry + 1);
    Files.writeString(changelog, updated, StandardCharsets.UTF_8);
  }
}
