package dev.switchboard.contract.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.contract.ContractFamily;
import dev.switchboard.contract.compat.fixture.SessionEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Each kind of contract change, applied to a copy of the real schema, gets the class the rules in
 * {@code docs/protocol.md} ("Evolving the protocol") give it.
 */
class SchemaComparatorTest {

  private static final ObjectNode REAL = ContractCompatibilityTest.currentSchema();

  @Test
  void anUnchangedContractHasNoChanges() {
    assertEquals(List.of(), SchemaComparator.compare(REAL, REAL.deepCopy()));
  }

  @Test
  void aNewOptionalFieldInAnEventIsCompatible() {
    assertOnlyChange(
        edit(s -> properties(s, "StreamOutputData").putObject("encoding").put("type", "string")),
        Level.COMPATIBLE,
        Direction.EVENT,
        "SessionEvent.stream_output.data.encoding",
        "new optional field");
  }

  @Test
  void aNewOptionalFieldInACommandIsCompatible() {
    assertOnlyChange(
        edit(s -> properties(s, "SendMessageData").putObject("model").put("type", "string")),
        Level.COMPATIBLE,
        Direction.COMMAND,
        "SessionCommand.send_message.data.model",
        "new optional field");
  }

  @Test
  void aNewCommandTypeIsCompatible() {
    assertOnlyChange(
        edit(s -> addVariant(s, "SessionCommand", "retry")),
        Level.COMPATIBLE,
        Direction.COMMAND,
        "SessionCommand.retry",
        "new command type");
  }

  @Test
  void aNewEventTypeBreaksExhaustiveClients() {
    assertOnlyChange(
        edit(s -> addVariant(s, "SessionEvent", "session_renamed")),
        Level.MINOR,
        Direction.EVENT,
        "SessionEvent.session_renamed",
        "new event type: exhaustive clients must handle it");
  }

  @Test
  void aNewEnumValueInAnEventBreaksExhaustiveClients() {
    List<SchemaChange> changes =
        SchemaComparator.compare(
            REAL, edit(s -> ((ArrayNode) def(s, "OutputStreamName").get("enum")).add("stdin")));
    assertEquals(Level.MINOR, SchemaComparator.required(changes));
    assertTrue(
        changes.contains(
            new SchemaChange(
                Level.MINOR,
                Direction.EVENT,
                "SessionEvent.stream_output.data.stream",
                "new enum value \"stdin\": exhaustive clients must handle it")),
        changes.toString());
  }

  @Test
  void aRemovedEventTypeIsBreaking() {
    assertOnlyChange(
        edit(s -> removeVariant(s, "SessionEvent", "StreamOutputEvent")),
        Level.MAJOR,
        Direction.EVENT,
        "SessionEvent.stream_output",
        "event type removed (or renamed)");
  }

  @Test
  void aRemovedCommandTypeIsBreaking() {
    assertOnlyChange(
        edit(s -> removeVariant(s, "SessionCommand", "CancelCommand")),
        Level.MAJOR,
        Direction.COMMAND,
        "SessionCommand.cancel",
        "command type removed (or renamed)");
  }

  @Test
  void aRenamedFieldIsBreaking() {
    List<SchemaChange> changes =
        SchemaComparator.compare(
            REAL,
            edit(
                s -> {
                  ObjectNode data = def(s, "StreamOutputData");
                  properties(s, "StreamOutputData")
                      .set("text", properties(s, "StreamOutputData").remove("chunk"));
                  ArrayNode required = (ArrayNode) data.get("required");
                  for (int i = 0; i < required.size(); i++) {
                    if (required.get(i).asText().equals("chunk")) {
                      required.set(i, required.textNode("text"));
                    }
                  }
                }));
    assertEquals(Level.MAJOR, SchemaComparator.required(changes));
    assertTrue(
        changes.contains(
            new SchemaChange(
                Level.MAJOR,
                Direction.EVENT,
                "SessionEvent.stream_output.data.chunk",
                "field removed (or renamed)")),
        changes.toString());
  }

  @Test
  void aChangedTypeIsBreaking() {
    assertOnlyChange(
        edit(s -> properties(s, "StreamOutputData").putObject("seq").put("type", "string")),
        Level.MAJOR,
        Direction.EVENT,
        "SessionEvent.stream_output.data.seq",
        "type changed from integer(int64) to string");
  }

  @Test
  void aFieldMadeRequiredIsBreaking() {
    List<SchemaChange> changes =
        SchemaComparator.compare(
            REAL, edit(s -> ((ArrayNode) def(s, "SubscribeData").get("required")).add("since")));
    assertTrue(
        changes.contains(
            new SchemaChange(
                Level.MAJOR,
                Direction.COMMAND,
                "GlobalCommand.subscribe.data.since",
                "field made required")),
        changes.toString());
  }

  @Test
  void aNewRequiredCommandFieldIsBreakingButANewEventFieldIsNot() {
    assertOnlyChange(
        edit(
            s -> {
              properties(s, "CancelData").putObject("reason").put("type", "string");
              ((ArrayNode) def(s, "CancelData").get("required")).add("reason");
            }),
        Level.MAJOR,
        Direction.COMMAND,
        "SessionCommand.cancel.data.reason",
        "new required field: older clients omit it");
    assertOnlyChange(
        edit(
            s -> {
              properties(s, "ShellExitData").putObject("reason").put("type", "string");
              ((ArrayNode) def(s, "ShellExitData").get("required")).add("reason");
            }),
        Level.COMPATIBLE,
        Direction.EVENT,
        "ShellEvent.exit.data.reason",
        "new field");
  }

  @Test
  void aRemovedEnumValueIsBreaking() {
    List<SchemaChange> changes =
        SchemaComparator.compare(
            REAL, edit(s -> ((ArrayNode) def(s, "OutputStreamName").get("enum")).remove(1)));
    assertEquals(Level.MAJOR, SchemaComparator.required(changes));
    assertTrue(
        changes.contains(
            new SchemaChange(
                Level.MAJOR,
                Direction.EVENT,
                "SessionEvent.stream_output.data.stream",
                "enum value \"stderr\" removed (or renamed)")),
        changes.toString());
  }

  @Test
  void anEventFieldThatMayBeNullIsBreakingAndACommandThatAcceptsNullIsNot() {
    assertOnlyChange(
        edit(
            s ->
                properties(s, "ShellExitData")
                    .putObject("exitCode")
                    .put("format", "int32")
                    .putArray("type")
                    .add("integer")
                    .add("null")),
        Level.MAJOR,
        Direction.EVENT,
        "ShellEvent.exit.data.exitCode",
        "may now be null: older clients expect a value");
    assertOnlyChange(
        edit(
            s ->
                properties(s, "CancelData")
                    .putObject("messageId")
                    .putArray("type")
                    .add("string")
                    .add("null")),
        Level.COMPATIBLE,
        Direction.COMMAND,
        "SessionCommand.cancel.data.messageId",
        "now accepts null");
  }

  @Test
  void aRecordChangeFailsTheBuildWithEveryChangeAndTheCommandThatAcceptsIt() {
    Map<String, Class<?>> families = new LinkedHashMap<>();
    for (ContractFamily family : ContractFamily.ALL) {
      families.put(
          family.name(), family.name().equals("SessionEvent") ? SessionEvent.class : family.base());
    }
    ObjectNode changed = ContractSchema.generate(families);

    List<SchemaChange> changes = SchemaComparator.compare(REAL, changed);
    ContractVersion version = new ContractVersion(4, 2);
    String report = ContractCompatibilityTest.report(version, changes);

    assertEquals(Level.MAJOR, SchemaComparator.required(changes));
    assertTrue(
        report.contains(
            "breaking                         server → client  SessionEvent.stream_output.data.seq:"
                + " type changed from integer(int64) to string"),
        report);
    assertTrue(
        report.contains(
            "breaking for exhaustive clients  server → client  SessionEvent.session_renamed: new"
                + " event type: exhaustive clients must handle it"),
        report);
    assertTrue(report.contains("need a major version bump (4.2 → 5.0)"), report);
    assertTrue(report.contains("./mvnw -pl contract test -Dcontract.accept"), report);
  }

  @Test
  void aSchemaHashChangesWithTheWireShapeOnly() {
    ObjectNode reordered = ContractSchema.parse(ContractSchema.pretty(REAL));
    assertEquals(ContractSchema.hash(REAL), ContractSchema.hash(reordered));
    ObjectNode changed =
        edit(s -> properties(s, "StreamOutputData").putObject("encoding").put("type", "string"));
    assertTrue(!ContractSchema.hash(REAL).equals(ContractSchema.hash(changed)));
  }

  @Test
  void versionsParseStrictlyAndBumpByLevel() {
    assertEquals("2.0", ContractVersion.parse("1.3").bumpedFor(Level.MAJOR).toString());
    assertEquals("1.4", ContractVersion.parse("1.3").bumpedFor(Level.MINOR).toString());
    assertEquals("1.3", ContractVersion.parse("1.3").bumpedFor(Level.COMPATIBLE).toString());
    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> ContractVersion.parse("1"));
    assertEquals("contract version \"1\" is not MAJOR.MINOR (for example 2.1)", error.getMessage());
  }

  private static void assertOnlyChange(
      ObjectNode current, Level level, Direction direction, String path, String description) {
    assertEquals(
        List.of(new SchemaChange(level, direction, path, description)),
        SchemaComparator.compare(REAL, current));
  }

  private static ObjectNode edit(Consumer<ObjectNode> change) {
    ObjectNode copy = REAL.deepCopy();
    change.accept(copy);
    return copy;
  }

  private static ObjectNode def(ObjectNode schema, String name) {
    return (ObjectNode) schema.get("$defs").get(name);
  }

  private static ObjectNode properties(ObjectNode schema, String name) {
    return (ObjectNode) def(schema, name).get("properties");
  }

  private static void addVariant(ObjectNode schema, String family, String type) {
    ObjectNode variant = ((ObjectNode) schema.get("$defs")).putObject("Fixture_" + type);
    variant.put("type", "object");
    ObjectNode properties = variant.putObject("properties");
    properties.putObject("channel").put("type", "string");
    properties.putObject("type").put("const", type);
    variant.putArray("required").add("channel").add("type");
    ((ArrayNode) def(schema, family).get("oneOf"))
        .addObject()
        .put("$ref", "#/$defs/Fixture_" + type);
  }

  private static void removeVariant(ObjectNode schema, String family, String definition) {
    ArrayNode oneOf = (ArrayNode) def(schema, family).get("oneOf");
    for (int i = 0; i < oneOf.size(); i++) {
      if (oneOf.get(i).get("$ref").asText().endsWith("/" + definition)) {
        oneOf.remove(i);
        return;
      }
    }
    throw new IllegalArgumentException(family + " has no variant " + definition);
  }
}
