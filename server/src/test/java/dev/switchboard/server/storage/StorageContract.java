package dev.switchboard.server.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.contract.ChannelName;
import dev.switchboard.contract.project.SessionStatus;
import dev.switchboard.contract.project.SessionSummary;
import dev.switchboard.contract.session.MessageRole;
import dev.switchboard.contract.session.MessageStatus;
import dev.switchboard.contract.session.SessionMessage;
import dev.switchboard.server.auth.Caller;
import dev.switchboard.server.auth.IssuedToken;
import dev.switchboard.server.auth.ScopedToken;
import dev.switchboard.server.auth.TokenInfo;
import dev.switchboard.server.auth.TokenStore;
import dev.switchboard.server.channel.SessionOwnership;
import dev.switchboard.server.project.Project;
import dev.switchboard.server.project.ProjectStore;
import dev.switchboard.server.session.MessageRepository;
import dev.switchboard.server.session.SessionSnapshot;
import dev.switchboard.server.session.SessionStore;
import dev.switchboard.server.session.StoredMessage;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * StorageContract is what every database must do for projects, sessions and messages; each database
 * runs it through a subclass ({@link H2StorageTest}, {@link PostgresStorageTest}).
 */
abstract class StorageContract {

  @Inject ProjectStore projects;
  @Inject SessionStore sessions;
  @Inject MessageRepository messages;
  @Inject SessionOwnership ownership;
  @Inject TokenStore tokens;
  @Inject DataSource dataSource;

  @Test
  void storesAndReadsBackAProject() {
    Project created = projects.create("web", "/tmp");
    assertTrue(ChannelName.isValidId(created.id()), created.id());
    assertEquals(Optional.of(created), projects.find(created.id()));
    assertTrue(projects.list().contains(created));
    assertEquals(Optional.empty(), projects.find("missing"));
  }

  @Test
  void scopedTokenAuthenticatesAsItsScopeAndListsWithoutSecrets() {
    IssuedToken first = tokens.create("first", List.of("web", "api", "web"), true);
    IssuedToken second = tokens.create("second", List.of(), false);

    assertEquals(
        Optional.of(new Caller(first.id(), false, Set.of("web", "api"), true)),
        tokens.authenticate(first.token()));
    assertEquals(List.of("api", "web"), first.projectIds());
    List<TokenInfo> listed = tokens.list();
    assertTrue(listed.contains(first.info()) && listed.contains(second.info()), listed.toString());
    // Oldest first; tokens created in the same millisecond (these two may be) by id.
    assertEquals(
        listed.stream()
            .sorted(Comparator.comparing(TokenInfo::createdAt).thenComparing(TokenInfo::id))
            .toList(),
        listed);
    assertEquals(Optional.of(second.info()), tokens.find(second.id()));
    assertEquals(List.of(), tokens.find(second.id()).orElseThrow().projectIds());
  }

  @Test
  void storesOnlyTheHashOfAToken() throws SQLException {
    IssuedToken issued = tokens.create("ci", List.of("web"), false);
    // The secret is base64url and may itself hold '_': take it from the parser, not a split.
    String secret = ScopedToken.parse(issued.token()).orElseThrow().secret();

    StringBuilder row = new StringBuilder();
    try (Connection connection = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
        PreparedStatement select =
            connection.prepareStatement("SELECT * FROM tokens WHERE id = ?")) {
      select.setString(1, issued.id());
      try (ResultSet result = select.executeQuery()) {
        assertTrue(result.next());
        for (int column = 1; column <= result.getMetaData().getColumnCount(); column++) {
          row.append(result.getString(column)).append('|');
        }
      }
    }

    assertFalse(row.toString().contains(secret), "the secret is in the database");
    assertTrue(row.toString().contains(ScopedToken.parse(issued.token()).orElseThrow().hash()));
  }

  @Test
  void revokedOrForgedTokensDoNotAuthenticate() {
    IssuedToken kept = tokens.create("kept", List.of("web"), false);
    IssuedToken revoked = tokens.create("revoked", List.of("web"), false);

    assertTrue(tokens.revoke(revoked.id()));

    assertEquals(Optional.empty(), tokens.authenticate(revoked.token()));
    assertEquals(Optional.empty(), tokens.find(revoked.id()));
    assertFalse(tokens.revoke(revoked.id()));
    assertTrue(tokens.authenticate(kept.token()).isPresent());
    assertEquals(Optional.empty(), tokens.authenticate("sbt_" + kept.id() + "_" + "A".repeat(43)));
    for (String raw : new String[] {null, "", "sbt_", "sb_abc", "sbt_" + kept.id(), "Bearer x"}) {
      assertEquals(Optional.empty(), tokens.authenticate(raw), String.valueOf(raw));
    }
  }

  @Test
  void storesSessionsPerProjectOldestFirst() {
    Project project = projects.create("sessions", "/tmp");
    SessionSummary first = sessions.create(project.id(), "first");
    SessionSummary second = sessions.create(project.id(), "second");
    assertEquals(SessionStatus.IDLE, first.status());
    assertEquals(0, first.messageCount());
    assertEquals(
        List.of(first.id(), second.id()),
        sessions.list(project.id()).stream().map(SessionSummary::id).toList());
    assertEquals(Optional.of(project.id()), ownership.projectOf(first.id()));
    assertEquals(Optional.empty(), ownership.projectOf("missing"));
    assertEquals(Optional.empty(), ownership.projectOf("not a valid id"));
  }

  @Test
  void renamesASessionAndMovesItsUpdateTime() throws InterruptedException {
    Project project = projects.create("rename", "/tmp");
    SessionSummary created = sessions.create(project.id(), "before");
    Thread.sleep(5);
    SessionSummary renamed = sessions.rename(created.id(), "after").orElseThrow();
    assertEquals("after", renamed.title());
    assertEquals(created.createdAt(), renamed.createdAt());
    assertTrue(renamed.updatedAt().isAfter(created.updatedAt()));
    assertEquals("after", sessions.find(created.id()).orElseThrow().title());
    assertEquals(Optional.empty(), sessions.rename("missing", "x"));
  }

  @Test
  void keepsEveryMessageFieldIncludingLongUnicodeContent() {
    Project project = projects.create("messages", "/tmp");
    SessionSummary session = sessions.create(project.id(), "chat");
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    String longOutput = "línea ✓ 🚀\n".repeat(100_000);
    StoredMessage user =
        new StoredMessage(
            Ids.newId(),
            session.id(),
            MessageRole.USER,
            "echo hi",
            MessageStatus.COMPLETED,
            "client-1",
            null,
            null,
            now,
            now,
            true);
    StoredMessage reply =
        new StoredMessage(
            Ids.newId(),
            session.id(),
            MessageRole.AGENT,
            longOutput,
            MessageStatus.TIMED_OUT,
            null,
            user.id(),
            137,
            now.plusMillis(1),
            null,
            true);
    messages.save(user);
    messages.save(reply);

    SessionSnapshot snapshot = sessions.snapshot(session.id()).orElseThrow();
    assertEquals(2, snapshot.session().messageCount());
    assertEquals(List.of(user.toMessage(), reply.toMessage()), snapshot.messages());
    SessionMessage stored = snapshot.messages().get(1);
    assertEquals(longOutput, stored.content());
    assertEquals(137, stored.exitCode());
    assertNull(stored.completedAt());
    assertEquals(2, sessions.list(project.id()).get(0).messageCount());
  }

  @Test
  void deletingAProjectDeletesItsSessionsAndMessages() {
    Project project = projects.create("cascade", "/tmp");
    SessionSummary session = sessions.create(project.id(), "doomed");
    StoredMessage message =
        new StoredMessage(
            Ids.newId(),
            session.id(),
            MessageRole.USER,
            "ls",
            MessageStatus.COMPLETED,
            null,
            null,
            null,
            Instant.now().truncatedTo(ChronoUnit.MILLIS),
            null,
            true);
    messages.save(message);

    List<SessionSummary> deleted = projects.delete(project.id()).orElseThrow();

    assertEquals(List.of(session.id()), deleted.stream().map(SessionSummary::id).toList());
    assertFalse(projects.find(project.id()).isPresent());
    assertFalse(sessions.find(session.id()).isPresent());
    assertFalse(messages.existsById(message.id()));
    assertEquals(Optional.empty(), projects.delete(project.id()));
  }

  @Test
  void deletingASessionDeletesItsMessages() {
    Project project = projects.create("session-cascade", "/tmp");
    SessionSummary session = sessions.create(project.id(), "doomed");
    StoredMessage message =
        new StoredMessage(
            Ids.newId(),
            session.id(),
            MessageRole.USER,
            "ls",
            MessageStatus.COMPLETED,
            null,
            null,
            null,
            Instant.now().truncatedTo(ChronoUnit.MILLIS),
            null,
            true);
    messages.save(message);

    assertEquals(project.id(), sessions.delete(session.id()).orElseThrow().projectId());
    assertFalse(messages.existsById(message.id()));
    assertTrue(projects.find(project.id()).isPresent());
    assertEquals(Optional.empty(), sessions.delete(session.id()));
  }
}
