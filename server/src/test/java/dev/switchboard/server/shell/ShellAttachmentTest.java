package dev.switchboard.server.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ShellAttachmentTest {

  @Test
  void countsUtf8Bytes() {
    for (String text : new String[] {"", "abc", "é", "€", "😀", "a€😀é\u001b[0m"}) {
      assertEquals(
          text.getBytes(StandardCharsets.UTF_8).length, ShellAttachment.utf8Length(text), text);
    }
  }
}
