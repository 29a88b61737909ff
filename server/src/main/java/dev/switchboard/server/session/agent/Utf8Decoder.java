package dev.switchboard.server.session.agent;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Utf8Decoder turns a byte stream, read in arbitrary pieces, into text: a character whose bytes
 * arrive in two reads is decoded whole once its last byte arrives, and invalid bytes become U+FFFD
 * without disturbing the text after them. Not thread-safe: one decoder per stream.
 */
final class Utf8Decoder {

  private final CharsetDecoder decoder =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPLACE)
          .onUnmappableCharacter(CodingErrorAction.REPLACE);

  /** Bytes of a character still incomplete after the last read (at most 3), then room to read. */
  private ByteBuffer pending = ByteBuffer.allocate(0);

  /** Decodes {@code length} bytes of {@code bytes}; returns the whole characters now complete. */
  String decode(byte[] bytes, int offset, int length) {
    ByteBuffer input;
    if (pending.hasRemaining()) {
      input = ByteBuffer.allocate(pending.remaining() + length);
      input.put(pending).put(bytes, offset, length).flip();
    } else {
      input = ByteBuffer.wrap(bytes, offset, length);
    }
    CharBuffer output = CharBuffer.allocate(input.remaining() + 1);
    CoderResult result = decoder.decode(input, output, false);
    if (result.isOverflow()) {
      throw new IllegalStateException("UTF-8 never decodes to more chars than bytes");
    }
    pending = copyOf(input);
    return output.flip().toString();
  }

  /** Ends the stream: an incomplete last character becomes U+FFFD. */
  String finish() {
    CharBuffer output = CharBuffer.allocate(pending.remaining() + 2);
    decoder.decode(pending, output, true);
    decoder.flush(output);
    pending = ByteBuffer.allocate(0);
    decoder.reset();
    return output.flip().toString();
  }

  private static ByteBuffer copyOf(ByteBuffer remaining) {
    ByteBuffer copy = ByteBuffer.allocate(remaining.remaining());
    copy.put(remaining).flip();
    return copy;
  }
}
