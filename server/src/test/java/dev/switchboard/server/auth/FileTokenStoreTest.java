package dev.switchboard.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FileTokenStoreTest {

  private final Path dataDir = AuthTestSupport.createTempDataDir("file-token-store-test");
  private final Path file = dataDir.resolve(FileTokenStore.FILE_NAME);
  private final JsonMapper json = JsonMapper.createDefault();

  @AfterEach
  void deleteDataDir() {
    AuthTestSupport.deleteRecursively(dataDir);
  }

  @Test
  void createdTokenAuthenticatesAsItsScope() {
    FileTokenStore store = new FileTokenStore(file, json);

    IssuedToken issued = store.create("ci", List.of("web", "api"), true);

    assertTrue(issued.token().startsWith("sbt_" + issued.id() + "_"), "unexpected format");
    Caller caller = store.authenticate(issued.token()).orElseThrow();
    assertEquals(new Caller(issued.id(), false, Set.of("web", "api"), true), caller);
  }

  @Test
  void listsTokensWithoutSecretsAndSortsProjectIds() {
    FileTokenStore store = new FileTokenStore(file, json);
    IssuedToken first = store.create("first", List.of("b", "a", "b"), false);
    IssuedToken second = store.create("second", List.of(), true);

    List<TokenInfo> listed = store.list();

    assertEquals(List.of(first.info(), second.info()), listed);
    assertEquals(List.of("a", "b"), listed.get(0).projectIds());
  }

  @Test
  void storesOnlyAHashInAnOwnerOnlyFile() throws IOException {
    FileTokenStore store = new FileTokenStore(file, json);
    IssuedToken issued = store.create("ci", List.of("web"), false);

    String content = Files.readString(file);
    String secret = issued.token().substring(issued.token().lastIndexOf('_') + 1);

    assertFalse(content.contains(secret), "the secret is on disk");
    assertTrue(content.contains(ScopedToken.parse(issued.token()).orElseThrow().hash()));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
  }

  @Test
  void leavesNoTemporaryFilesBehind() throws IOException {
    FileTokenStore store = new FileTokenStore(file, json);
    store.create("ci", List.of("web"), false);
    store.create("cd", List.of("web"), false);

    try (Stream<Path> files = Files.list(dataDir)) {
      assertEquals(List.of(file), files.toList());
    }
  }

  @Test
  void tokensSurviveARestart() {
    IssuedToken issued = new FileTokenStore(file, json).create("ci", List.of("web"), false);

    FileTokenStore reopened = new FileTokenStore(file, json);

    assertEquals(List.of(issued.info()), reopened.list());
    assertTrue(reopened.authenticate(issued.token()).isPresent());
  }

  @Test
  void revokedTokenNoLongerAuthenticatesEvenAfterARestart() {
    FileTokenStore store = new FileTokenStore(file, json);
    IssuedToken kept = store.create("kept", List.of("web"), false);
    IssuedToken revoked = store.create("revoked", List.of("web"), false);

    assertTrue(store.revoke(revoked.id()));

    assertEquals(Optional.empty(), store.authenticate(revoked.token()));
    assertEquals(Optional.empty(), store.find(revoked.id()));
    FileTokenStore reopened = new FileTokenStore(file, json);
    assertEquals(Optional.empty(), reopened.authenticate(revoked.token()));
    assertTrue(reopened.authenticate(kept.token()).isPresent());
  }

  @Test
  void revokingAnUnknownIdReturnsFalse() {
    assertFalse(new FileTokenStore(file, json).revoke("0123456789abcdef"));
  }

  @Test
  void rejectsAWrongSecretForAKnownId() {
    FileTokenStore store = new FileTokenStore(file, json);
    IssuedToken issued = store.create("ci", List.of("web"), false);
    String forged = "sbt_" + issued.id() + "_" + "A".repeat(43);

    assertEquals(Optional.empty(), store.authenticate(forged));
  }

  @Test
  void rejectsMalformedTokens() {
    FileTokenStore store = new FileTokenStore(file, json);
    store.create("ci", List.of("web"), false);

    for (String raw :
        new String[] {
          null, "", "sbt_", "sbt__", "sb_abc", "sbt_0123456789abcdef", "Bearer x", "sbt_zz_zz"
        }) {
      assertEquals(Optional.empty(), store.authenticate(raw), String.valueOf(raw));
    }
  }

  @Test
  void refusesToStartOnACorruptFileAndSaysHowToRecover() throws IOException {
    Files.writeString(file, "{not json");

    ConfigurationException e =
        assertThrows(ConfigurationException.class, () -> new FileTokenStore(file, json));

    assertTrue(e.getMessage().contains("delete it to revoke every scoped token"), e.getMessage());
  }

  @Test
  void issuedTokenNeverShowsItsSecretInToString() {
    IssuedToken issued = new FileTokenStore(file, json).create("ci", List.of("web"), false);

    assertFalse(issued.toString().contains(issued.token()), issued.toString());
  }
}
