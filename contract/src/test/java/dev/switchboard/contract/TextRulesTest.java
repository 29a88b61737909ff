package dev.switchboard.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.contract.session.SendMessageData;
import org.junit.jupiter.api.Test;

class TextRulesTest {

  @Test
  void acceptsPlainTextInAnyScript() {
    assertNull(TextRules.lineProblem("title", "Fix the build ✓ — éèê 日本語 עברית 👍", 200));
    assertNull(TextRules.textProblem("text", "for f in *; do\n\techo $f\r\ndone", 100));
  }

  @Test
  void refusesControlCharactersNamingTheFieldAndPosition() {
    assertEquals(
        "title contains a control character (U+0000) at position 3: send one line of plain text",
        TextRules.lineProblem("title", "abc\u0000", 200));
    assertTrue(TextRules.lineProblem("name", "two\nlines", 100).contains("U+000A"));
    assertTrue(TextRules.lineProblem("name", "del\u007f", 100).contains("U+007F"));
    assertTrue(TextRules.lineProblem("name", "c1\u0085", 100).contains("U+0085"));
    assertTrue(TextRules.textProblem("text", "nul\u0000", 100).contains("U+0000"));
  }

  @Test
  void refusesBidirectionalOverridesAndIsolates() {
    for (char c :
        new char[] {'\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2069'}) {
      String problem = TextRules.lineProblem("title", "a" + c + "b", 200);
      assertTrue(problem.contains("bidirectional formatting character"), problem);
    }
    assertTrue(TextRules.textProblem("text", "ls \u202Egnp.exe", 100).contains("U+202E"));
  }

  @Test
  void refusesUnpairedSurrogatesAndOverlongValues() {
    assertTrue(TextRules.lineProblem("name", "x\uD800y", 100).contains("unpaired surrogate"));
    assertEquals(
        "clientMessageId has 200 characters: use at most 128",
        TextRules.lineProblem("clientMessageId", "c".repeat(200), 128));
  }

  @Test
  void sendMessageDataAppliesTheRules() {
    IllegalArgumentException longId =
        assertThrows(
            IllegalArgumentException.class, () -> new SendMessageData("ls", "c".repeat(129)));
    assertEquals("clientMessageId has 129 characters: use at most 128", longId.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new SendMessageData("ls", ""));
    assertThrows(IllegalArgumentException.class, () -> new SendMessageData("ls\u0000", "c-1"));
    assertThrows(
        IllegalArgumentException.class,
        () -> new SendMessageData("x".repeat(ProtocolConstants.MAX_MESSAGE_TEXT_LENGTH + 1), "c"));
  }
}
