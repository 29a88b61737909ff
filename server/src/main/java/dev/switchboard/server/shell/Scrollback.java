package dev.switchboard.server.shell;

/**
 * Scrollback keeps the last bytes of a shell's output in a fixed ring, for replay when a socket
 * attaches. It is fed whole UTF-8 sequences only; when the ring has wrapped, a sequence cut at the
 * start is dropped from the snapshot. Not thread-safe: the shell guards it with its lock.
 */
final class Scrollback {

  private final byte[] ring;
  private int end;
  private boolean wrapped;

  Scrollback(int capacityBytes) {
    this.ring = new byte[capacityBytes];
  }

  /** Appends bytes, overwriting the oldest ones once the ring is full. */
  void append(byte[] bytes) {
    int offset = Math.max(0, bytes.length - ring.length);
    int length = bytes.length - offset;
    if (length == 0) {
      return;
    }
    int first = Math.min(length, ring.length - end);
    System.arraycopy(bytes, offset, ring, end, first);
    System.arraycopy(bytes, offset + first, ring, 0, length - first);
    if (end + length >= ring.length) {
      wrapped = true;
    }
    end = (end + length) % ring.length;
  }

  /** The kept bytes, oldest first, starting at a UTF-8 sequence boundary. */
  byte[] snapshot() {
    if (!wrapped) {
      return java.util.Arrays.copyOf(ring, end);
    }
    byte[] copy = new byte[ring.length];
    System.arraycopy(ring, end, copy, 0, ring.length - end);
    System.arraycopy(ring, 0, copy, ring.length - end, end);
    int start = 0;
    while (start < copy.length && (copy[start] & 0xC0) == 0x80) {
      start++;
    }
    return start == 0 ? copy : java.util.Arrays.copyOfRange(copy, start, copy.length);
  }
}
