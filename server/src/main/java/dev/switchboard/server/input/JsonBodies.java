package dev.switchboard.server.input;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;
import java.io.IOException;

/**
 * JsonBodies binds request bodies taken as strings to request records, strictly: the body must be a
 * JSON object, every field the record knows must have the JSON type it needs ({@link JsonShape}),
 * and the record's own checks (its compact constructor) must pass. A body that fails gets a 400
 * saying what was wrong and which field, instead of Micronaut's generic binding error or a value
 * silently coerced into another.
 */
@Singleton
public final class JsonBodies {

  private final JsonMapper json;

  JsonBodies(JsonMapper json) {
    this.json = json;
  }

  /**
   * A bound body, or why it could not be bound: {@code problem} names the field when one was at
   * fault, and is null when the body is missing or not a JSON object at all (the caller then shows
   * the JSON it expects).
   */
  public record Parsed<T>(@Nullable T value, @Nullable String problem) {

    /** Whether the body was bound. */
    public boolean ok() {
      return value != null;
    }

    /** The problem, or {@code fallback} when the body was not a JSON object at all. */
    public String problemOr(String fallback) {
      return problem == null ? fallback : problem + ". " + fallback;
    }
  }

  /** The body bound to {@code type}. */
  public <T extends Record> Parsed<T> parse(@Nullable String body, Class<T> type) {
    if (body == null || body.isBlank()) {
      return new Parsed<>(null, null);
    }
    JsonNode tree;
    try {
      tree = json.readValue(body, JsonNode.class);
    } catch (IOException | RuntimeException e) {
      return new Parsed<>(null, null);
    }
    if (tree == null || !tree.isObject()) {
      return new Parsed<>(null, null);
    }
    String problem = JsonShape.problem(type, tree);
    if (problem != null) {
      return new Parsed<>(null, problem);
    }
    try {
      return new Parsed<>(json.readValueFromTree(tree, Argument.of(type)), null);
    } catch (IOException | RuntimeException e) {
      return new Parsed<>(null, rootMessage(e));
    }
  }

  private static @Nullable String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root instanceof IllegalArgumentException ? root.getMessage() : null;
  }
}
