package dev.switchboard.server.session.agent;

import java.util.ArrayList;
import java.util.List;

/**
 * ChunkBuffer coalesces the text of one output stream into chunks of at most {@code maxChunkChars}:
 * full chunks are taken as soon as they fill, the rest when the runner's coalescing tick drains it.
 * A cut never falls between the two halves of a surrogate pair, so every chunk is valid text. Not
 * thread-safe: the run guards it.
 */
final class ChunkBuffer {

  private final int maxChunkChars;
  private final StringBuilder buffered = new StringBuilder();

  ChunkBuffer(int maxChunkChars) {
    if (maxChunkChars < 2) {
      throw new IllegalArgumentException("a chunk must hold at least a surrogate pair");
    }
    this.maxChunkChars = maxChunkChars;
  }

  /** Adds text; returns the chunks that are now full, in order (often none). */
  List<String> append(CharSequence text) {
    buffered.append(text);
    if (buffered.length() < maxChunkChars) {
      return List.of();
    }
    List<String> full = new ArrayList<>();
    int start = 0;
    while (buffered.length() - start >= maxChunkChars) {
      int end = start + maxChunkChars;
      if (Character.isHighSurrogate(buffered.charAt(end - 1))) {
        end--;
      }
      full.add(buffered.substring(start, end));
      start = end;
    }
    buffered.delete(0, start);
    return full;
  }

  /** Takes everything buffered as one chunk; empty when nothing is buffered. */
  String drain() {
    String chunk = buffered.toString();
    buffered.setLength(0);
    return chunk;
  }

  /** Whether text is waiting. */
  boolean isEmpty() {
    return buffered.length() == 0;
  }
}
