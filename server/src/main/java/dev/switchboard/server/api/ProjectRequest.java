package dev.switchboard.server.api;

import dev.switchboard.contract.TextRules;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * ProjectRequest is the body of {@code POST /api/projects}: {@code {"name": "web", "path":
 * "/home/me/code/web"}}, where the path is an existing directory on the server.
 */
@Serdeable
public record ProjectRequest(@Nullable String name, @Nullable String path) {

  /** Longest accepted project name. */
  public static final int MAX_NAME_LENGTH = 100;

  /** Longest accepted path. */
  public static final int MAX_PATH_LENGTH = 4096;

  static final String EXAMPLE = "{\"name\": \"web\", \"path\": \"/home/me/code/web\"}";

  /** The first thing wrong with the name, phrased as the fix; null when it is valid. */
  @Nullable
  String nameProblem() {
    if (name == null || name.isBlank()) {
      return "name is required: send " + EXAMPLE;
    }
    return TextRules.lineProblem("name", name.strip(), MAX_NAME_LENGTH);
  }

  /**
   * The canonical directory the path names.
   *
   * @throws IllegalArgumentException with the fix, when the path is not an existing directory
   */
  Path directory() {
    if (path == null || path.isBlank()) {
      throw new IllegalArgumentException("path is required: send " + EXAMPLE);
    }
    if (path.length() > MAX_PATH_LENGTH) {
      throw new IllegalArgumentException(
          "path has " + path.length() + " characters: use at most " + MAX_PATH_LENGTH);
    }
    Path given;
    try {
      given = Path.of(path);
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException("path is not a valid path: " + e.getReason());
    }
    if (!given.isAbsolute()) {
      throw new IllegalArgumentException(
          "path \"" + path + "\" is relative: send the absolute path of a directory on the server");
    }
    if (!Files.isDirectory(given)) {
      throw new IllegalArgumentException(
          Files.exists(given)
              ? "path \"" + path + "\" is a file: send the path of a directory"
              : "path \"" + path + "\" does not exist on the server: create it or fix the path");
    }
    try {
      return given.toRealPath();
    } catch (IOException e) {
      throw new IllegalArgumentException("path \"" + path + "\" cannot be resolved: " + e);
    }
  }
}
