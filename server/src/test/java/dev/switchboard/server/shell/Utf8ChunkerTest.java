package dev.switchboard.server.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class Utf8ChunkerTest {

  @Test
  void keepsASequenceSplitAcrossReadsWhole() {
    byte[] bytes = "a€😀b".getBytes(StandardCharsets.UTF_8);
    Utf8Chunker chunker = new Utf8Chunker();
    StringBuilder text = new StringBuilder();
    for (byte b : bytes) {
      text.append(chunker.decode(new byte[] {b}, 1));
    }
    text.append(chunker.flush());
    assertEquals("a€😀b", text.toString());
  }

  @Test
  void holdsBackOnlyTheIncompleteTail() {
    byte[] bytes = "x€".getBytes(StandardCharsets.UTF_8);
    Utf8Chunker chunker = new Utf8Chunker();
    assertEquals("x", chunker.decode(Arrays.copyOf(bytes, 2), 2));
    assertEquals("€", chunker.decode(Arrays.copyOfRange(bytes, 2, 4), 2));
  }

  @Test
  void replacesInvalidBytes() {
    Utf8Chunker chunker = new Utf8Chunker();
    assertEquals("a\uFFFDb", chunker.decode(new byte[] {'a', (byte) 0xFF, 'b'}, 3));
    assertEquals("", chunker.decode(new byte[] {(byte) 0xE2}, 1));
    assertEquals("\uFFFD", chunker.flush());
  }
}
