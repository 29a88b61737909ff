package dev.switchboard.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ChannelNameTest {

  @ParameterizedTest
  @CsvSource({
    "global, GLOBAL, ",
    "project:p-1, PROJECT, p-1",
    "session:42, SESSION, 42",
    "session:A_b-9, SESSION, A_b-9",
    "shell:x, SHELL, x",
    "session:0123456789012345678901234567890123456789012345678901234567890123, SESSION,"
        + " 0123456789012345678901234567890123456789012345678901234567890123",
  })
  void acceptsNamesInTheGrammar(String name, ChannelKind kind, String id) {
    ChannelName parsed = ChannelName.parse(name);
    assertEquals(kind, parsed.kind());
    assertEquals(id, parsed.id());
    assertEquals(name, parsed.toString());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "global:1",
        "global:",
        "Global",
        "session",
        "session:",
        "session:a:b",
        "session:a b",
        "session: 1",
        "session:ä",
        "session:a/b",
        "session:a.b",
        "session:\u0000",
        "sessions:1",
        ":1",
        "room:1",
        "session:01234567890123456789012345678901234567890123456789012345678901234",
      })
  void rejectsNamesOutsideTheGrammar(String name) {
    InvalidChannelException e =
        assertThrows(InvalidChannelException.class, () -> ChannelName.parse(name));
    assertTrue(e.getMessage().contains("for example \"session:42\""), e.getMessage());
  }

  @Test
  void rejectsNull() {
    assertThrows(InvalidChannelException.class, () -> ChannelName.parse(null));
  }

  @Test
  void explainsWhatIsWrong() {
    assertEquals(
        "Invalid channel \"room:1\": unknown kind \"room\". Use \"global\" or \"<kind>:<id>\" with"
            + " kind one of project, session, shell and an id of 1-64 characters from"
            + " [A-Za-z0-9_-], for example \"session:42\".",
        assertThrows(InvalidChannelException.class, () -> ChannelName.parse("room:1"))
            .getMessage());
  }

  @Test
  void buildersProduceParsableNamesAndRejectBadIds() {
    assertEquals("global", Channels.global());
    assertEquals("project:p1", Channels.project("p1"));
    assertEquals("session:42", Channels.session("42"));
    assertEquals("shell:s_1", Channels.shell("s_1"));
    assertThrows(InvalidChannelException.class, () -> Channels.session("a:b"));
    assertThrows(InvalidChannelException.class, () -> Channels.project(""));
    assertThrows(InvalidChannelException.class, () -> new ChannelName(ChannelKind.GLOBAL, "x"));
  }

  @Test
  void onlySessionAndProjectChannelsAreRecoverable() {
    assertTrue(ChannelKind.SESSION.recoverable());
    assertTrue(ChannelKind.PROJECT.recoverable());
    assertTrue(!ChannelKind.SHELL.recoverable());
    assertTrue(!ChannelKind.GLOBAL.recoverable());
  }
}
