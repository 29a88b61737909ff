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
import dev.switchboard.server.channel.SessionOwnership;
import dev.switchboard.server.project.Project;
import dev.switchboard.server.project.ProjectStore;
import dev.switchboard.server.session.MessageRepository;
import dev.switchboard.server.session.SessionSnapshot;
import dev.switchboard.server.session.SessionStore;
import dev.switchboard.server.session.StoredMessage;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
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

  @Test
  void storesAndReadsBackAProject() {
    Project created = projects.create("web", "/tmp");
    assertTrue(ChannelName.isValidId(created.id()), created.id());
    assertEquals(Optional.of(created), projects.find(created.id()));
    assertTrue(projects.list().contains(created));
    assertEquals(Optional.empty(), projects.find("missing"));
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
            now);
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
            null);
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
            null);
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
            null);
    messages.save(message);

    assertEquals(project.id(), sessions.delete(session.id()).orElseThrow().projectId());
    assertFalse(messages.existsById(message.id()));
    assertTrue(projects.find(project.id()).isPresent());
    assertEquals(Optional.empty(), sessions.delete(session.id()));
  }
}
