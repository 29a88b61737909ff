package dev.switchboard.contract.compat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * SchemaComparator lists every difference between two {@link ContractSchema} documents and
 * classifies each by {@link Direction}, following the rules in {@code docs/protocol.md} ("Evolving
 * the protocol"):
 *
 * <ul>
 *   <li>compatible: a new optional field anywhere, a new field in an event, a new command type, a
 *       new enum value or a newly accepted {@code null} in a command;
 *   <li>breaking for exhaustive clients (minor): a new event type, a new enum value in an event, a
 *       new event family;
 *   <li>breaking (major): a removed or renamed family, type, field or enum value, a changed type, a
 *       field made required, a new required field in a command, a field of an event that may now be
 *       absent or {@code null}, a command field that no longer accepts {@code null}.
 * </ul>
 */
public final class SchemaComparator {

  private final ObjectNode baselineDefs;
  private final ObjectNode currentDefs;
  private final List<SchemaChange> changes = new ArrayList<>();
  private final Set<String> compared = new HashSet<>();

  private SchemaComparator(ObjectNode baseline, ObjectNode current) {
    this.baselineDefs = (ObjectNode) baseline.path("$defs");
    this.currentDefs = (ObjectNode) current.path("$defs");
  }

  /** The changes from {@code baseline} to {@code current}, in the order found. */
  public static List<SchemaChange> compare(ObjectNode baseline, ObjectNode current) {
    SchemaComparator comparator = new SchemaComparator(baseline, current);
    comparator.compareFamilies(families(baseline), families(current));
    return List.copyOf(comparator.changes);
  }

  /** The highest level among the changes, or {@link Level#COMPATIBLE} when there are none. */
  public static Level required(List<SchemaChange> changes) {
    return changes.stream().map(SchemaChange::level).max(Enum::compareTo).orElse(Level.COMPATIBLE);
  }

  /** The document's families by name, with their direction ({@code x-families}). */
  static Map<String, Direction> families(ObjectNode document) {
    Map<String, Direction> families = new LinkedHashMap<>();
    document
        .path("x-families")
        .fields()
        .forEachRemaining(
            entry ->
                families.put(
                    entry.getKey(),
                    Direction.valueOf(
                        entry
                            .getValue()
                            .path("direction")
                            .asText()
                            .toUpperCase(java.util.Locale.ROOT))));
    return families;
  }

  private void compareFamilies(Map<String, Direction> baseline, Map<String, Direction> current) {
    baseline.forEach(
        (name, direction) -> {
          if (!current.containsKey(name)) {
            add(Level.MAJOR, direction, name, "family removed");
          }
        });
    current.forEach(
        (name, direction) -> {
          if (!baseline.containsKey(name)) {
            add(
                direction == Direction.EVENT ? Level.MINOR : Level.COMPATIBLE,
                direction,
                name,
                "new family");
          } else {
            compareVariants(name, direction);
          }
        });
  }

  private void compareVariants(String family, Direction direction) {
    Map<String, JsonNode> before = variants(baselineDefs, family);
    Map<String, JsonNode> after = variants(currentDefs, family);
    String kind = direction == Direction.EVENT ? "event" : "command";
    before.forEach(
        (type, schema) -> {
          if (!after.containsKey(type)) {
            add(Level.MAJOR, direction, family + "." + type, kind + " type removed (or renamed)");
          }
        });
    after.forEach(
        (type, schema) -> {
          String path = family + "." + type;
          if (!before.containsKey(type)) {
            if (direction == Direction.EVENT) {
              add(
                  Level.MINOR,
                  direction,
                  path,
                  "new event type: exhaustive clients must handle it");
            } else {
              add(Level.COMPATIBLE, direction, path, "new command type");
            }
          } else {
            compareNodes(path, before.get(type), schema, direction);
          }
        });
  }

  private static Map<String, JsonNode> variants(ObjectNode defs, String family) {
    Map<String, JsonNode> variants = new LinkedHashMap<>();
    for (JsonNode variant : defs.path(family).path("oneOf")) {
      JsonNode resolved = resolve(defs, variant);
      String type = resolved.path("properties").path("type").path("const").asText(null);
      if (type == null) {
        throw new IllegalArgumentException(
            family + " has a variant without a constant type: " + variant);
      }
      variants.put(type, variant);
    }
    return variants;
  }

  private void compareNodes(String path, JsonNode before, JsonNode after, Direction direction) {
    Shape old = Shape.of(baselineDefs, before);
    Shape now = Shape.of(currentDefs, after);
    if (!compared.add(path + "|" + old.node + "|" + now.node)) {
      return;
    }
    if (!old.nullable && now.nullable) {
      if (direction == Direction.EVENT) {
        add(Level.MAJOR, direction, path, "may now be null: older clients expect a value");
      } else {
        add(Level.COMPATIBLE, direction, path, "now accepts null");
      }
    } else if (old.nullable && !now.nullable) {
      if (direction == Direction.COMMAND) {
        add(Level.MAJOR, direction, path, "no longer accepts null: older clients may send it");
      } else {
        add(Level.COMPATIBLE, direction, path, "is never null now");
      }
    }
    if (!old.kind().equals(now.kind())) {
      add(
          Level.MAJOR,
          direction,
          path,
          "type changed from " + old.describe() + " to " + now.describe());
      return;
    }
    switch (old.kind()) {
      case "object" -> compareObjects(path, old.node, now.node, direction);
      case "array" ->
          compareNodes(path + "[]", old.node.path("items"), now.node.path("items"), direction);
      case "enum" -> compareEnums(path, old.node, now.node, direction);
      default -> {
        // Scalars and constants: the kind carries the type, format and constant value.
      }
    }
  }

  private void compareObjects(String path, JsonNode before, JsonNode after, Direction direction) {
    JsonNode oldProperties = before.path("properties");
    JsonNode newProperties = after.path("properties");
    Set<String> oldRequired = strings(before.path("required"));
    Set<String> newRequired = strings(after.path("required"));
    oldProperties
        .fieldNames()
        .forEachRemaining(
            name -> {
              if (!newProperties.has(name)) {
                add(Level.MAJOR, direction, path + "." + name, "field removed (or renamed)");
              }
            });
    newProperties
        .fieldNames()
        .forEachRemaining(
            name -> {
              String field = path + "." + name;
              boolean required = newRequired.contains(name);
              if (!oldProperties.has(name)) {
                if (!required) {
                  add(Level.COMPATIBLE, direction, field, "new optional field");
                } else if (direction == Direction.COMMAND) {
                  add(Level.MAJOR, direction, field, "new required field: older clients omit it");
                } else {
                  add(Level.COMPATIBLE, direction, field, "new field");
                }
                return;
              }
              boolean wasRequired = oldRequired.contains(name);
              if (!wasRequired && required) {
                add(Level.MAJOR, direction, field, "field made required");
              } else if (wasRequired && !required) {
                if (direction == Direction.EVENT) {
                  add(
                      Level.MAJOR,
                      direction,
                      field,
                      "field made optional: older clients expect it");
                } else {
                  add(Level.COMPATIBLE, direction, field, "field made optional");
                }
              }
              compareNodes(field, oldProperties.get(name), newProperties.get(name), direction);
            });
  }

  private void compareEnums(String path, JsonNode before, JsonNode after, Direction direction) {
    Set<String> oldValues = strings(before.path("enum"));
    Set<String> newValues = strings(after.path("enum"));
    for (String value : oldValues) {
      if (!newValues.contains(value)) {
        add(Level.MAJOR, direction, path, "enum value \"" + value + "\" removed (or renamed)");
      }
    }
    for (String value : newValues) {
      if (!oldValues.contains(value)) {
        if (direction == Direction.EVENT) {
          add(
              Level.MINOR,
              direction,
              path,
              "new enum value \"" + value + "\": exhaustive clients must handle it");
        } else {
          add(Level.COMPATIBLE, direction, path, "new enum value \"" + value + "\"");
        }
      }
    }
  }

  private void add(Level level, Direction direction, String path, String description) {
    changes.add(new SchemaChange(level, direction, path, description));
  }

  private static Set<String> strings(JsonNode array) {
    Set<String> values = new LinkedHashSet<>();
    array.forEach(value -> values.add(value.asText()));
    return values;
  }

  static JsonNode resolve(ObjectNode defs, JsonNode node) {
    JsonNode current = node;
    for (int hops = 0; current.has("$ref"); hops++) {
      String ref = current.get("$ref").asText();
      JsonNode target = defs.get(ref.substring(ref.lastIndexOf('/') + 1));
      if (target == null || hops > 32) {
        throw new IllegalArgumentException("unresolvable reference " + ref);
      }
      current = target;
    }
    return current;
  }

  /**
   * Shape is a schema node with references followed and nullability taken apart: {@code type: [x,
   * "null"]} and {@code anyOf: [null, x]} are both a nullable x.
   */
  private record Shape(JsonNode node, boolean nullable) {

    static Shape of(ObjectNode defs, JsonNode schema) {
      JsonNode node = resolve(defs, schema);
      if (node.has("anyOf")) {
        List<JsonNode> others = new ArrayList<>();
        boolean nullable = false;
        for (JsonNode member : node.get("anyOf")) {
          if ("null".equals(member.path("type").asText())) {
            nullable = true;
          } else {
            others.add(member);
          }
        }
        if (nullable && others.size() == 1) {
          return new Shape(resolve(defs, others.get(0)), true);
        }
      }
      JsonNode type = node.path("type");
      if (type.isArray() && strings(type).contains("null")) {
        ObjectNode copy = ((ObjectNode) node).deepCopy();
        List<String> remaining = new ArrayList<>(strings(type));
        remaining.remove("null");
        if (remaining.size() == 1) {
          copy.put("type", remaining.get(0));
        } else {
          copy.set(
              "type", copy.arrayNode().addAll(remaining.stream().map(copy::textNode).toList()));
        }
        return new Shape(copy, true);
      }
      return new Shape(node, false);
    }

    /** The kind the comparison dispatches on; equal kinds mean equal scalar types. */
    String kind() {
      if (node.has("enum")) {
        return "enum";
      }
      if (node.has("const")) {
        return "const " + node.get("const");
      }
      String type = node.path("type").isMissingNode() ? "any" : node.path("type").toString();
      if (type.equals("\"object\"") || node.has("properties")) {
        return "object";
      }
      if (type.equals("\"array\"")) {
        return "array";
      }
      return node.has("format") ? type + "(" + node.get("format").asText() + ")" : type;
    }

    String describe() {
      return kind().replace("\"", "");
    }
  }
}
