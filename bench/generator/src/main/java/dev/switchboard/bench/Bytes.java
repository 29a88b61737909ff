package dev.switchboard.bench;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * Bytes finds fields in received frames without decoding them to strings: the generator parses
 * hundreds of thousands of frames a second on one core, so an event costs two scans and no
 * allocation.
 */
final class Bytes {

  static final byte[] SEQ = ascii("\"seq\":");
  static final byte[] CHUNK = ascii("\"chunk\":\"");
  static final byte[] OFFSET = ascii("\"offset\":");
  static final byte[] CHANNEL = ascii("\"channel\":\"");

  private Bytes() {}

  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  /** The index of {@code needle} in {@code buf} at or after {@code from}, or -1. */
  static int indexOf(ByteBuf buf, byte[] needle, int from) {
    int end = buf.writerIndex() - needle.length;
    byte first = needle[0];
    outer:
    for (int i = Math.max(from, buf.readerIndex()); i <= end; i++) {
      if (buf.getByte(i) != first) {
        continue;
      }
      for (int j = 1; j < needle.length; j++) {
        if (buf.getByte(i + j) != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  /** The non-negative decimal number starting at {@code at}. */
  static long readLong(ByteBuf buf, int at) {
    long value = 0;
    for (int i = at; i < buf.writerIndex(); i++) {
      byte b = buf.getByte(i);
      if (b < '0' || b > '9') {
        break;
      }
      value = value * 10 + (b - '0');
    }
    return value;
  }

  /** The number after {@code key}, or -1 when the key is absent. */
  static long longAfter(ByteBuf buf, byte[] key, int from) {
    int at = indexOf(buf, key, from);
    return at < 0 ? -1 : readLong(buf, at + key.length);
  }

  /** Whether {@code buf} starts with {@code prefix}. */
  static boolean startsWith(ByteBuf buf, byte[] prefix) {
    if (buf.readableBytes() < prefix.length) {
      return false;
    }
    int base = buf.readerIndex();
    for (int i = 0; i < prefix.length; i++) {
      if (buf.getByte(base + i) != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  /** The JSON string value after {@code key} (no escapes expected), or null. */
  static String stringAfter(ByteBuf buf, byte[] key, int from) {
    int at = indexOf(buf, key, from);
    if (at < 0) {
      return null;
    }
    int start = at + key.length;
    int end = start;
    while (end < buf.writerIndex() && buf.getByte(end) != '"') {
      end++;
    }
    return buf.toString(start, end - start, StandardCharsets.US_ASCII);
  }
}
