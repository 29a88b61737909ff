package dev.switchboard.server.session.agent;

import dev.switchboard.contract.session.MessageStatus;
import dev.switchboard.server.session.StoredMessage;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * ReplyRepository writes an agent reply as it runs: output appended in batches, then the final
 * status with its exit code, duration and chunk count (the columns of migration V2).
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface ReplyRepository extends GenericRepository<StoredMessage, String> {

  /** Appends output; returns how many rows changed (0 when the message was deleted). */
  @Query(
      "UPDATE messages SET content = content || :output, chunk_count = :chunkCount,"
          + " output_truncated = :truncated WHERE id = :id")
  long appendOutput(String id, String output, long chunkCount, boolean truncated);

  /** Records where the stored output ends in the session's stream (migration V4). */
  @Query("UPDATE messages SET stream_epoch = :epoch, stream_offset = :offset WHERE id = :id")
  long recordStreamPosition(String id, String epoch, long offset);

  /** The stored content and the stream position it is complete up to, in one read. */
  @Query("SELECT content, stream_epoch, stream_offset FROM messages WHERE id = :id")
  Optional<StoredOutput> findStoredOutput(String id);

  /** Appends the last output and ends the reply; returns how many rows changed. */
  @Query(
      "UPDATE messages SET content = content || :output, status = :status, exit_code = :exitCode,"
          + " completed_at = :completedAt, duration_ms = :durationMs, chunk_count = :chunkCount,"
          + " output_truncated = output_truncated OR :truncated WHERE id = :id")
  long finish(
      String id,
      String output,
      String status,
      @Nullable Integer exitCode,
      Instant completedAt,
      long durationMs,
      long chunkCount,
      boolean truncated);

  /** Flags the stored output as possibly missing its end (migration V5). */
  @Query("UPDATE messages SET output_complete = FALSE WHERE id = :id")
  long markOutputIncomplete(String id);

  /** The number of chunks recorded for the message (0 when it does not exist). */
  @Query("SELECT COALESCE(MAX(chunk_count), 0) FROM messages WHERE id = :id")
  long chunkCount(String id);

  /** Messages in this status, for start-up recovery. */
  List<StoredMessage> findByStatus(MessageStatus status);
}
