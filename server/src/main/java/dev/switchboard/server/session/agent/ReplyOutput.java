package dev.switchboard.server.session.agent;

import dev.switchboard.contract.StreamPosition;
import dev.switchboard.contract.session.OutputStreamName;
import dev.switchboard.contract.session.StreamOutputData;
import dev.switchboard.contract.session.StreamOutputEvent;
import dev.switchboard.server.channel.StreamEvent;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ReplyOutput is what one agent reply has printed: it coalesces each stream's decoded text into
 * chunks of at most {@link AgentRun#MAX_CHUNK_CHARS}, publishes every chunk as {@code
 * stream_output} with the next {@code seq}, and stores the output in batches (every {@code
 * flush-chars} or {@code flush-interval}), up to {@code max-stored-chars}: past that it is streamed
 * but not stored, and the stored output ends with a note saying so.
 *
 * <p>Not thread-safe: its {@link AgentRun} calls it with the session's {@link SessionMutex} held,
 * so that every chunk is published together with the state it changes.
 */
final class ReplyOutput {

  private static final Logger LOG = LoggerFactory.getLogger(ReplyOutput.class);

  /**
   * How often a reply with nothing new to store still touches its row: a reply that prints nothing
   * learns this way that its session was deleted (on any node) and stops.
   */
  private static final long LIVENESS_CHECK_NANOS = 1_000_000_000L;

  private final RunContext context;
  private final AgentConfiguration configuration;
  private final String channel;
  private final String agentId;
  private final ChunkBuffer stdout = new ChunkBuffer(AgentRun.MAX_CHUNK_CHARS);
  private final ChunkBuffer stderr = new ChunkBuffer(AgentRun.MAX_CHUNK_CHARS);
  private final StringBuilder unflushed = new StringBuilder();
  private long seq;
  private long flushedSeq;
  private long storedChars;
  private long totalChars;
  private boolean truncated;
  private long lastFlushNanos = System.nanoTime();
  private long lastStoreNanos = System.nanoTime();
  // The position of the last event the reply published on the session's channel: what its
  // output, once stored, is complete up to.
  private StreamPosition published;

  ReplyOutput(RunContext context, String channel, String agentId) {
    this.context = context;
    this.configuration = context.configuration();
    this.channel = channel;
    this.agentId = agentId;
  }

  /** Records the position of an event the reply published besides its output (its start). */
  void publishedAt(StreamEvent event) {
    published = positionOf(event);
  }

  /** The position the stored output will be complete up to. */
  StreamPosition published() {
    return published;
  }

  /** How many chunks have been published. */
  long seq() {
    return seq;
  }

  /** Output published but not yet stored. */
  String unflushed() {
    return unflushed.toString();
  }

  /**
   * Buffers decoded output, publishing the chunks it fills and storing when enough is waiting.
   * Returns false when the reply is gone from the database (its session was deleted).
   */
  boolean append(OutputStreamName name, String decoded) {
    ChunkBuffer buffer = name == OutputStreamName.STDOUT ? stdout : stderr;
    List<String> full = buffer.append(decoded);
    full.forEach(chunk -> emit(name, chunk));
    return unflushed.length() < configuration.flushChars() || flush();
  }

  /**
   * Publishes what each stream has buffered (the end of the coalescing window) and stores the
   * output when the flush interval has passed; false when the reply is gone from the database.
   */
  boolean tick() {
    drain();
    return System.nanoTime() - lastFlushNanos < configuration.flushInterval().toNanos() || flush();
  }

  /** Publishes what each stream has buffered. */
  void drain() {
    if (!stdout.isEmpty()) {
      emit(OutputStreamName.STDOUT, stdout.drain());
    }
    if (!stderr.isEmpty()) {
      emit(OutputStreamName.STDERR, stderr.drain());
    }
  }

  /**
   * The output still to be stored when the reply ends, with the truncation note if output was cut
   * at {@code max-stored-chars}; the caller stores it with the end of the reply.
   */
  String takeRemainder() {
    String remainder = unflushed + truncationNote();
    unflushed.setLength(0);
    return remainder;
  }

  /** Whether output past {@code max-stored-chars} was left out of storage. */
  boolean truncated() {
    return truncated;
  }

  /** Publishes one chunk and keeps what fits under the storage cap for the next flush. */
  private void emit(OutputStreamName name, String chunk) {
    published =
        positionOf(
            context
                .publisher()
                .publish(
                    new StreamOutputEvent(
                        channel, new StreamOutputData(agentId, seq++, chunk, name))));
    totalChars += chunk.length();
    long room = configuration.maxStoredChars() - storedChars;
    if (chunk.length() <= room) {
      unflushed.append(chunk);
      storedChars += chunk.length();
      return;
    }
    int kept = (int) Math.max(0, room);
    if (kept > 0 && Character.isHighSurrogate(chunk.charAt(kept - 1))) {
      kept--;
    }
    unflushed.append(chunk, 0, kept);
    storedChars += kept;
    truncated = true;
  }

  /**
   * Writes unflushed output; false when the reply is gone from the database. A failed write is
   * retried at the next flush.
   */
  private boolean flush() {
    long now = System.nanoTime();
    lastFlushNanos = now;
    if (unflushed.length() == 0
        && flushedSeq == seq
        && now - lastStoreNanos < LIVENESS_CHECK_NANOS) {
      return true;
    }
    lastStoreNanos = now;
    try {
      boolean stored =
          context.store().append(agentId, unflushed.toString(), seq, truncated, published);
      unflushed.setLength(0);
      flushedSeq = seq;
      return stored;
    } catch (RuntimeException e) {
      LOG.warn("Reply {}: storing output failed, will retry: {}", agentId, e.toString());
      return true;
    }
  }

  /** Ends stored output that was cut at {@code max-stored-chars}, so readers know. */
  private String truncationNote() {
    return truncated
        ? "\n[output truncated: the first "
            + storedChars
            + " of "
            + totalChars
            + " characters were stored; switchboard.agent.max-stored-chars sets the limit]\n"
        : "";
  }

  private static StreamPosition positionOf(StreamEvent event) {
    return new StreamPosition(event.epoch(), event.offset());
  }
}
