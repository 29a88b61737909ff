package dev.switchboard.server.auth;

import dev.switchboard.server.config.DataDirectory;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * FileTokenStore is the default {@link TokenStore}: {@code <data-dir>/tokens.json}, owner-only
 * (0600), rewritten atomically on every change and holding only SHA-256 hashes.
 *
 * <p>All access goes through this instance's lock, so one server per data directory.
 */
@Singleton
public class FileTokenStore implements TokenStore {

  static final String FILE_NAME = "tokens.json";
  private static final int FORMAT_VERSION = 1;

  private final Path file;
  private final JsonMapper json;
  private final Map<String, StoredToken> tokens = new LinkedHashMap<>();

  /** Opens {@code tokens.json} in the data directory, which may not exist yet. */
  @Inject
  public FileTokenStore(DataDirectory dataDirectory, JsonMapper json) {
    this(dataDirectory.path().resolve(FILE_NAME), json);
  }

  FileTokenStore(Path file, JsonMapper json) {
    this.file = file;
    this.json = json;
    load().forEach(token -> tokens.put(token.id(), token));
  }

  @Override
  public synchronized IssuedToken create(
      String name, Collection<String> projectIds, boolean shell) {
    ScopedToken token = ScopedToken.generate();
    while (tokens.containsKey(token.id())) {
      token = ScopedToken.generate();
    }
    StoredToken stored =
        new StoredToken(
            token.id(),
            name,
            List.copyOf(new TreeSet<>(projectIds)),
            shell,
            Instant.now().truncatedTo(ChronoUnit.SECONDS),
            token.hash());
    tokens.put(stored.id(), stored);
    try {
      save();
    } catch (UncheckedIOException e) {
      tokens.remove(stored.id());
      throw e;
    }
    return IssuedToken.of(stored.info(), token);
  }

  @Override
  public synchronized List<TokenInfo> list() {
    return tokens.values().stream().map(StoredToken::info).toList();
  }

  @Override
  public synchronized Optional<TokenInfo> find(String id) {
    return Optional.ofNullable(tokens.get(id)).map(StoredToken::info);
  }

  @Override
  public synchronized boolean revoke(String id) {
    StoredToken removed = tokens.remove(id);
    if (removed == null) {
      return false;
    }
    try {
      save();
    } catch (UncheckedIOException e) {
      tokens.put(id, removed);
      throw e;
    }
    return true;
  }

  @Override
  public Optional<Caller> authenticate(String rawToken) {
    Optional<ScopedToken> token = ScopedToken.parse(rawToken);
    if (token.isEmpty()) {
      return Optional.empty();
    }
    StoredToken stored;
    synchronized (this) {
      stored = tokens.get(token.get().id());
    }
    if (stored == null || !token.get().matchesHash(stored.sha256())) {
      return Optional.empty();
    }
    return Optional.of(stored.info().caller());
  }

  private List<StoredToken> load() {
    if (!Files.exists(file)) {
      return List.of();
    }
    try {
      TokenFile content = json.readValue(SecretFiles.readBytes(file), Argument.of(TokenFile.class));
      if (content == null || content.tokens() == null) {
        throw new IOException("no \"tokens\" array");
      }
      return content.tokens();
    } catch (IOException | RuntimeException e) {
      throw new ConfigurationException(
          "Cannot read the token file "
              + file
              + " ("
              + e.getMessage()
              + "): restore it from a backup, or delete it to revoke every scoped token",
          e);
    }
  }

  private void save() {
    try {
      TokenFile content = new TokenFile(FORMAT_VERSION, new ArrayList<>(tokens.values()));
      SecretFiles.writeAtomically(file, json.writeValueAsBytes(content));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot write " + file + ": check the data directory's permissions and free space", e);
    }
  }

  /** The layout of {@code tokens.json}; {@code version} allows a later migration. */
  @Serdeable
  record TokenFile(int version, List<StoredToken> tokens) {}

  /** One token as stored: {@code sha256} is the base64url hash of the whole raw token. */
  @Serdeable
  record StoredToken(
      String id,
      String name,
      List<String> projectIds,
      boolean shell,
      Instant createdAt,
      String sha256) {

    TokenInfo info() {
      return new TokenInfo(id, name, projectIds == null ? List.of() : projectIds, shell, createdAt);
    }
  }
}
