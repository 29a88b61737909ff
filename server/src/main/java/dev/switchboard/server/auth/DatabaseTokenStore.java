package dev.switchboard.server.auth;

import dev.switchboard.server.config.DataDirectory;
import dev.switchboard.server.storage.Timestamps;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DatabaseTokenStore keeps scoped tokens in the {@code tokens} table (hashes only), so every node
 * of a deployment that shares the database knows the same tokens.
 *
 * <p>Authentication runs in the HTTP filter, on a Netty event loop, for every request and upgrade:
 * it therefore never touches the database but reads an in-memory copy of the table. That copy is
 * updated at once by this node's {@link #create} and {@link #revoke}, and re-read from the database
 * every {@code switchboard.auth.token-refresh} (5 s) off the event loops, which is how a token
 * created or revoked on another node reaches this one. A token that disappeared from the table in
 * between was revoked elsewhere: the refresh announces it with a {@link TokenRevokedEvent}, so this
 * node closes its sockets and ends its shells too. Listing and lookup by id read the database.
 *
 * <p>On first start after an upgrade it imports {@code <data-dir>/tokens.json} ({@link
 * TokenFileImport}).
 */
@Singleton
final class DatabaseTokenStore implements TokenStore {

  private static final Logger LOG = LoggerFactory.getLogger(DatabaseTokenStore.class);
  private static final Comparator<TokenRow> OLDEST_FIRST =
      Comparator.comparing(TokenRow::createdAt).thenComparing(TokenRow::id);

  private final TokenRepository rows;
  private final ApplicationEventPublisher<TokenRevokedEvent> revocations;
  private volatile Map<String, TokenRow> byId = Map.of();

  DatabaseTokenStore(
      TokenRepository rows,
      DataDirectory dataDirectory,
      JsonMapper json,
      ApplicationEventPublisher<TokenRevokedEvent> revocations) {
    this.rows = rows;
    this.revocations = revocations;
    importFile(dataDirectory.path().resolve(TokenFileImport.FILE_NAME), json);
    refresh();
  }

  @Override
  public IssuedToken create(String name, Collection<String> projectIds, boolean shell) {
    ScopedToken token = ScopedToken.generate();
    while (rows.existsById(token.id())) {
      token = ScopedToken.generate();
    }
    TokenRow row =
        rows.save(
            TokenRow.of(token.id(), name, projectIds, shell, Timestamps.next(), token.hash()));
    update(copy -> copy.put(row.id(), row));
    return IssuedToken.of(row.info(), token);
  }

  @Override
  public List<TokenInfo> list() {
    return sorted(rows.findAll()).stream().map(TokenRow::info).toList();
  }

  @Override
  public Optional<TokenInfo> find(String id) {
    return rows.findById(id).map(TokenRow::info);
  }

  @Override
  public boolean revoke(String id) {
    boolean existed = rows.existsById(id);
    if (existed) {
      rows.deleteById(id);
    }
    update(copy -> copy.remove(id));
    return existed;
  }

  @Override
  public Optional<Caller> authenticate(String rawToken) {
    Optional<ScopedToken> token = ScopedToken.parse(rawToken);
    if (token.isEmpty()) {
      return Optional.empty();
    }
    TokenRow row = byId.get(token.get().id());
    if (row == null || !token.get().matchesHash(row.sha256())) {
      return Optional.empty();
    }
    return Optional.of(row.info().caller());
  }

  /**
   * Re-reads the table; on a database error the previous copy stays in use. The read and the swap
   * hold the same lock as this node's own {@link #create} and {@link #revoke} updates, so a token
   * created here while the table is read is neither lost from the copy nor taken for one revoked
   * elsewhere.
   */
  @Scheduled(
      fixedDelay = "${switchboard.auth.token-refresh:5s}",
      initialDelay = "${switchboard.auth.token-refresh:5s}")
  void refresh() {
    List<String> revokedElsewhere = new ArrayList<>();
    try {
      synchronized (this) {
        Map<String, TokenRow> loaded =
            sorted(rows.findAll()).stream()
                .collect(Collectors.toUnmodifiableMap(TokenRow::id, Function.identity()));
        for (String id : byId.keySet()) {
          if (!loaded.containsKey(id)) {
            revokedElsewhere.add(id);
          }
        }
        byId = loaded;
      }
    } catch (RuntimeException e) {
      LOG.warn("Cannot re-read the tokens table, keeping the tokens known so far", e);
    }
    for (String id : revokedElsewhere) {
      LOG.info("Token {} was revoked on another node; closing its sockets here", id);
      revocations.publishEvent(new TokenRevokedEvent(id));
    }
  }

  private synchronized void update(Consumer<Map<String, TokenRow>> change) {
    Map<String, TokenRow> copy = new HashMap<>(byId);
    change.accept(copy);
    byId = Map.copyOf(copy);
  }

  private void importFile(Path file, JsonMapper json) {
    if (!Files.exists(file)) {
      return;
    }
    int added = 0;
    for (TokenRow row : TokenFileImport.read(file, json)) {
      if (!rows.existsById(row.id())) {
        rows.save(row);
        added++;
      }
    }
    Path renamed = TokenFileImport.markImported(file);
    LOG.info("Imported {} scoped token(s) from {} (now {})", added, file, renamed);
  }

  private static List<TokenRow> sorted(Iterable<TokenRow> all) {
    List<TokenRow> list = new ArrayList<>();
    all.forEach(list::add);
    list.sort(OLDEST_FIRST);
    return list;
  }
}
