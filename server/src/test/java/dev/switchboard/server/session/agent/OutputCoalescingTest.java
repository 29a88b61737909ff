package dev.switchboard.server.session.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The output path from bytes to chunks: {@link Utf8Decoder} keeps characters whole across reads and
 * replaces invalid bytes, {@link ChunkBuffer} cuts bounded chunks without splitting a surrogate
 * pair.
 */
class OutputCoalescingTest {

  private static final String TEXT = "héllo wörld € 𝄞 日本語 😀 ok\n".repeat(50);

  @Test
  void decodesCharactersWhoseBytesArriveOneReadAtATime() {
    byte[] bytes = TEXT.getBytes(StandardCharsets.UTF_8);
    Utf8Decoder decoder = new Utf8Decoder();
    StringBuilder decoded = new StringBuilder();
    for (byte b : bytes) {
      String piece = decoder.decode(new byte[] {b}, 0, 1);
      assertWellFormed(piece);
      decoded.append(piece);
    }
    decoded.append(decoder.finish());
    assertEquals(TEXT, decoded.toString());
  }

  @Test
  void decodesTheSameTextWhateverTheReadSizes() {
    byte[] bytes = TEXT.getBytes(StandardCharsets.UTF_8);
    Random random = new Random(42);
    for (int round = 0; round < 50; round++) {
      Utf8Decoder decoder = new Utf8Decoder();
      StringBuilder decoded = new StringBuilder();
      int offset = 0;
      while (offset < bytes.length) {
        int length = Math.min(bytes.length - offset, 1 + random.nextInt(7));
        decoded.append(decoder.decode(bytes, offset, length));
        offset += length;
      }
      decoded.append(decoder.finish());
      assertEquals(TEXT, decoded.toString());
    }
  }

  @Test
  void replacesInvalidBytesWithoutCorruptingTheTextAfterThem() {
    Utf8Decoder decoder = new Utf8Decoder();
    byte[] invalid = {(byte) 0xff, (byte) 0xfe, ' ', 'o', 'k', '\n'};
    assertEquals("\uFFFD\uFFFD ok\n", decoder.decode(invalid, 0, invalid.length));
    byte[] cutShort = {(byte) 0xe2, (byte) 0x82, 'A', (byte) 0xc3, (byte) 0xa9};
    assertEquals("\uFFFDAé", decoder.decode(cutShort, 0, cutShort.length) + decoder.finish());
  }

  @Test
  void turnsACharacterCutOffAtTheEndIntoOneReplacement() {
    Utf8Decoder decoder = new Utf8Decoder();
    byte[] euroStart = {'x', (byte) 0xe2, (byte) 0x82};
    assertEquals("x", decoder.decode(euroStart, 0, euroStart.length));
    assertEquals("\uFFFD", decoder.finish());
  }

  @Test
  void cutsFullChunksAndKeepsTheRestForTheNextTick() {
    ChunkBuffer buffer = new ChunkBuffer(4);
    assertEquals(List.of(), buffer.append("abc"));
    assertEquals(List.of("abcd", "efgh"), buffer.append("defghij"));
    assertFalse(buffer.isEmpty());
    assertEquals("ij", buffer.drain());
    assertTrue(buffer.isEmpty());
    assertEquals("", buffer.drain());
  }

  @Test
  void neverCutsBetweenTheHalvesOfASurrogatePair() {
    ChunkBuffer buffer = new ChunkBuffer(4);
    List<String> chunks = buffer.append("abc𝄞d𝄞𝄞");
    assertEquals(List.of("abc", "𝄞d", "𝄞𝄞"), chunks);
    chunks.forEach(OutputCoalescingTest::assertWellFormed);
  }

  @Test
  void bytesFedOneByOneComeOutAsWellFormedBoundedChunksOfTheSameText() {
    ByteArrayOutputStream stream = new ByteArrayOutputStream();
    byte[] text = TEXT.getBytes(StandardCharsets.UTF_8);
    stream.writeBytes(text);
    stream.writeBytes(new byte[] {(byte) 0xff});
    stream.writeBytes(text);
    byte[] bytes = stream.toByteArray();
    Utf8Decoder decoder = new Utf8Decoder();
    ChunkBuffer buffer = new ChunkBuffer(7);
    List<String> chunks = new ArrayList<>();
    for (int i = 0; i < bytes.length; i++) {
      chunks.addAll(buffer.append(decoder.decode(bytes, i, 1)));
      if (i % 13 == 0) {
        chunks.add(buffer.drain());
      }
    }
    chunks.addAll(buffer.append(decoder.finish()));
    chunks.add(buffer.drain());
    for (String chunk : chunks) {
      assertWellFormed(chunk);
      assertTrue(chunk.length() <= 7, chunk);
    }
    assertEquals(TEXT + "\uFFFD" + TEXT, String.join("", chunks));
  }

  private static void assertWellFormed(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)) {
        assertTrue(
            i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1)),
            "lone high surrogate in " + text);
        i++;
      } else {
        assertFalse(Character.isLowSurrogate(c), "lone low surrogate in " + text);
      }
    }
  }
}
