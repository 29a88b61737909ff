package dev.switchboard.server.shell;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Utf8Chunker turns a PTY's byte reads into text: a multi-byte sequence split across two reads is
 * held back and completed by the next one, and invalid bytes become U+FFFD instead of failing the
 * shell. Not thread-safe: one per shell, used by its reader thread.
 */
final class Utf8Chunker {

  private final CharsetDecoder decoder =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPLACE)
          .onUnmappableCharacter(CodingErrorAction.REPLACE);
  private final ByteBuffer pending = ByteBuffer.allocate(4);

  /** The text of {@code bytes[0..length)} after any bytes held back, minus an incomplete tail. */
  String decode(byte[] bytes, int length) {
    ByteBuffer in;
    if (pending.position() == 0) {
      in = ByteBuffer.wrap(bytes, 0, length);
    } else {
      pending.flip();
      in = ByteBuffer.allocate(pending.remaining() + length);
      in.put(pending).put(bytes, 0, length).flip();
      pending.clear();
    }
    CharBuffer out = CharBuffer.allocate(in.remaining());
    decoder.decode(in, out, false);
    // An incomplete sequence at the end stays in "in" (at most 3 bytes): keep it for next time.
    pending.put(in);
    return out.flip().toString();
  }

  /** The text of bytes still held back (an incomplete sequence at end of stream is U+FFFD). */
  String flush() {
    pending.flip();
    CharBuffer out = CharBuffer.allocate(pending.remaining() + 1);
    decoder.decode(pending, out, true);
    decoder.flush(out);
    decoder.reset();
    pending.clear();
    return out.flip().toString();
  }
}
