package dev.switchboard.server.auth;

import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;

/**
 * TokenFileImport reads {@code <data-dir>/tokens.json}, where servers before the {@code tokens}
 * table kept scoped tokens (hashes only, format version 1), so that upgrading keeps every token.
 *
 * <p>{@link DatabaseTokenStore} imports the file once and renames it to {@code
 * tokens.json.imported}; a corrupt file stops the start-up with the way out in the message rather
 * than silently dropping tokens.
 */
final class TokenFileImport {

  static final String FILE_NAME = "tokens.json";
  static final String IMPORTED_SUFFIX = ".imported";

  private TokenFileImport() {}

  /** The file's tokens as rows; empty when there is no file. */
  static List<TokenRow> read(Path file, JsonMapper json) {
    if (!Files.exists(file)) {
      return List.of();
    }
    try {
      TokenFile content = json.readValue(SecretFiles.readBytes(file), Argument.of(TokenFile.class));
      if (content == null || content.tokens() == null) {
        throw new IOException("no \"tokens\" array");
      }
      return content.tokens().stream().map(FileToken::row).toList();
    } catch (IOException | RuntimeException e) {
      throw new ConfigurationException(
          "Cannot read the token file "
              + file
              + " ("
              + e.getMessage()
              + "): restore it from a backup, or delete it to revoke every scoped token it holds",
          e);
    }
  }

  /** Renames the file once its tokens are in the database, so it is not imported again. */
  static Path markImported(Path file) {
    Path imported = file.resolveSibling(file.getFileName() + IMPORTED_SUFFIX);
    try {
      return Files.move(file, imported, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Imported the tokens of " + file + " but cannot rename it: delete it by hand", e);
    }
  }

  /** The layout of {@code tokens.json}. */
  @Serdeable
  record TokenFile(int version, List<FileToken> tokens) {}

  /** One token as the file stored it: {@code sha256} is the base64url hash of the raw token. */
  @Serdeable
  record FileToken(
      String id,
      String name,
      List<String> projectIds,
      boolean shell,
      Instant createdAt,
      String sha256) {

    TokenRow row() {
      return TokenRow.of(
          id, name, projectIds == null ? List.of() : projectIds, shell, createdAt, sha256);
    }
  }
}
