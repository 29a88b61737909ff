package dev.switchboard.server.input;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.tree.JsonNode;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;

/**
 * JsonShape checks that a JSON tree has the JSON types a record's components need, before it is
 * bound. Micronaut Serde coerces where it can ({@code {"title": 123}} became the title {@code
 * "123"}, {@code {"shell": "yes"}} became {@code false}); a client that sends the wrong type has a
 * bug, and is told which field instead of having its value changed. Fields the record does not have
 * are left alone; {@code null} is left to the record (a required component refuses it).
 */
public final class JsonShape {

  private JsonShape() {}

  /**
   * The first field of {@code tree} whose JSON type does not fit {@code recordType}, as a message
   * naming it ({@code "title" must be a string, not a number}); null when every field fits.
   */
  public static @Nullable String problem(Class<? extends Record> recordType, JsonNode tree) {
    return problem(recordType, tree, "");
  }

  private static @Nullable String problem(Type type, JsonNode node, String path) {
    if (node.isNull()) {
      return type instanceof Class<?> c && c.isPrimitive()
          ? mismatch(path, expected(type), node)
          : null;
    }
    Class<?> raw = raw(type);
    if (raw == JsonNode.class || raw == Object.class) {
      return null;
    }
    if (raw.isRecord()) {
      if (!node.isObject()) {
        return mismatch(path, "an object", node);
      }
      for (RecordComponent component : raw.getRecordComponents()) {
        JsonNode value = node.get(component.getName());
        if (value != null) {
          String problem =
              problem(component.getGenericType(), value, join(path, component.getName()));
          if (problem != null) {
            return problem;
          }
        }
      }
      return null;
    }
    if (Collection.class.isAssignableFrom(raw)) {
      if (!node.isArray()) {
        return mismatch(path, "an array", node);
      }
      Type element =
          type instanceof ParameterizedType p ? p.getActualTypeArguments()[0] : Object.class;
      int index = 0;
      for (JsonNode value : node.values()) {
        String problem = problem(element, value, path + "[" + index++ + "]");
        if (problem != null) {
          return problem;
        }
      }
      return null;
    }
    boolean fits =
        switch (expected(type)) {
          case "a string" -> node.isString();
          case "a boolean" -> node.isBoolean();
          case "an integer" -> node.isNumber() && isIntegral(node.getNumberValue());
          case "a number" -> node.isNumber();
          case "an object" -> node.isObject();
          default -> true;
        };
    return fits ? null : mismatch(path, expected(type), node);
  }

  private static String expected(Type type) {
    Class<?> raw = raw(type);
    if (raw == String.class || raw == Instant.class || raw.isEnum()) {
      return "a string";
    }
    if (raw == boolean.class || raw == Boolean.class) {
      return "a boolean";
    }
    if (raw == int.class
        || raw == Integer.class
        || raw == long.class
        || raw == Long.class
        || raw == short.class
        || raw == Short.class
        || raw == BigInteger.class) {
      return "an integer";
    }
    if (Number.class.isAssignableFrom(raw) || raw == double.class || raw == float.class) {
      return "a number";
    }
    if (Map.class.isAssignableFrom(raw)) {
      return "an object";
    }
    return "anything";
  }

  private static boolean isIntegral(Number number) {
    if (number instanceof BigDecimal decimal) {
      return decimal.stripTrailingZeros().scale() <= 0;
    }
    return !(number instanceof Double || number instanceof Float);
  }

  private static Class<?> raw(Type type) {
    if (type instanceof Class<?> c) {
      return c;
    }
    if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c) {
      return c;
    }
    return Object.class;
  }

  private static String mismatch(String path, String expected, JsonNode node) {
    String subject = path.isEmpty() ? "The body" : "\"" + path + "\"";
    return subject + " must be " + expected + ", not " + kind(node);
  }

  private static String kind(JsonNode node) {
    if (node.isNull()) {
      return "null";
    }
    if (node.isString()) {
      return "a string";
    }
    if (node.isBoolean()) {
      return "a boolean";
    }
    if (node.isNumber()) {
      return "the number " + node.getNumberValue();
    }
    return node.isArray() ? "an array" : "an object";
  }

  private static String join(String path, String field) {
    return path.isEmpty() ? field : path + "." + field;
  }
}
