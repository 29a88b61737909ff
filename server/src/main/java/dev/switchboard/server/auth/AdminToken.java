package dev.switchboard.server.auth;

import dev.switchboard.server.config.DataDirectory;
import dev.switchboard.server.config.SwitchboardConfiguration;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * AdminToken is the token that acts as {@link Caller#forAdmin()}: {@code SWITCHBOARD_TOKEN} (or
 * {@code switchboard.token}) if set, else the one in {@code <data-dir>/admin-token}, else a new one
 * generated there on first start.
 *
 * <p>A {@link Context} bean, so that a bad token or an unwritable file stops the server before it
 * binds its port.
 */
@Context
final class AdminToken {

  /** Where the admin token came from, which decides whether the start-up URL may show it. */
  enum Source {
    /** {@code SWITCHBOARD_TOKEN} or {@code switchboard.token}: the operator already knows it. */
    CONFIGURED,
    /** Read from {@code <data-dir>/admin-token}. */
    FILE,
    /** Generated on this start and written to {@code <data-dir>/admin-token}. */
    GENERATED
  }

  static final String FILE_NAME = "admin-token";
  static final String PREFIX = "sb_";
  static final int MIN_LENGTH = 16;

  private final String token;
  private final byte[] digest;
  private final Source source;
  private final Path file;

  @Inject
  AdminToken(SwitchboardConfiguration configuration, DataDirectory dataDirectory) {
    this(configuration.token(), dataDirectory.path());
  }

  AdminToken(String configured, Path dataDir) {
    this.file = dataDir.resolve(FILE_NAME);
    if (configured != null && !configured.isBlank()) {
      this.token = checkLength(configured.strip(), "SWITCHBOARD_TOKEN (switchboard.token)");
      this.source = Source.CONFIGURED;
    } else {
      Optional<String> stored = readFile();
      this.token = checkLength(stored.orElseGet(this::generateFile), file.toString());
      this.source = stored.isPresent() ? Source.FILE : Source.GENERATED;
    }
    this.digest = Secrets.sha256(token);
  }

  /** Whether {@code candidate} is the admin token, compared in constant time. */
  boolean matches(String candidate) {
    return candidate != null && Secrets.sameSecret(token, candidate);
  }

  Source source() {
    return source;
  }

  /** The token itself: only for the start-up URL on the console, never for a log. */
  String value() {
    return token;
  }

  /** The token's SHA-256, mixed into session cookie signatures so a new token ends sessions. */
  byte[] digest() {
    return digest.clone();
  }

  Path file() {
    return file;
  }

  @Override
  public String toString() {
    return "AdminToken[source=" + source + ", token=<redacted>]";
  }

  private Optional<String> readFile() {
    try {
      return SecretFiles.read(file);
    } catch (IOException e) {
      throw fileProblem("read", e);
    }
  }

  private String generateFile() {
    try {
      return SecretFiles.readOrCreate(file, () -> PREFIX + Secrets.randomSecret());
    } catch (IOException e) {
      throw fileProblem("create", e);
    }
  }

  private ConfigurationException fileProblem(String action, IOException e) {
    return new ConfigurationException(
        "Cannot "
            + action
            + " the admin token file "
            + file
            + " ("
            + e
            + "): fix the data directory's permissions, or set SWITCHBOARD_TOKEN",
        e);
  }

  private static String checkLength(String token, String origin) {
    if (token.length() < MIN_LENGTH) {
      throw new ConfigurationException(
          "The admin token from "
              + origin
              + " has "
              + token.length()
              + " characters; use at least "
              + MIN_LENGTH
              + " (for example the output of `openssl rand -base64 32`)");
    }
    return token;
  }
}
