package dev.switchboard.server.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ScrollbackTest {

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  static String text(Scrollback scrollback) {
    return new String(scrollback.snapshot(), StandardCharsets.UTF_8);
  }

  @Test
  void keepsEverythingUntilFull() {
    Scrollback scrollback = new Scrollback(10);
    scrollback.append(utf8("abc"));
    scrollback.append(utf8("defg"));
    assertEquals("abcdefg", text(scrollback));
  }

  @Test
  void keepsTheNewestBytesOnceWrapped() {
    Scrollback scrollback = new Scrollback(8);
    scrollback.append(utf8("0123456"));
    scrollback.append(utf8("789"));
    assertEquals("23456789", text(scrollback));
    scrollback.append(utf8("abcdefghijklmnop"));
    assertEquals("ijklmnop", text(scrollback));
  }

  @Test
  void exactlyFullIsWrappedAtTheStart() {
    Scrollback scrollback = new Scrollback(4);
    scrollback.append(utf8("abcd"));
    assertEquals("abcd", text(scrollback));
    scrollback.append(utf8("e"));
    assertEquals("bcde", text(scrollback));
  }

  @Test
  void dropsASequenceCutAtTheStart() {
    Scrollback scrollback = new Scrollback(6);
    scrollback.append(utf8("€€")); // 3 bytes each
    scrollback.append(utf8("ab")); // cuts the first € to its last byte
    assertEquals("€ab", text(scrollback));
  }
}
