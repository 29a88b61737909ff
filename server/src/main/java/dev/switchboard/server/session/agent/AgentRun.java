package dev.switchboard.server.session.agent;

import dev.switchboard.contract.Channels;
import dev.switchboard.contract.error.ErrorCode;
import dev.switchboard.contract.project.SessionSummary;
import dev.switchboard.contract.project.SessionUpdatedEvent;
import dev.switchboard.contract.session.MessageCompleteData;
import dev.switchboard.contract.session.MessageCompleteEvent;
import dev.switchboard.contract.session.MessageCreatedData;
import dev.switchboard.contract.session.MessageCreatedEvent;
import dev.switchboard.contract.session.MessageStatus;
import dev.switchboard.contract.session.OutputStreamName;
import dev.switchboard.server.wire.CommandReplies;
import io.micronaut.core.annotation.Nullable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * AgentRun is one agent reply: it stores the user's message and the reply, runs the agent command
 * in the project directory (in the {@link dev.switchboard.server.sandbox.Sandbox}), streams its
 * output as {@code stream_output} chunks, stores the output in batches, and ends with {@code
 * message_complete}.
 *
 * <p>Threads: a supervisor (this {@link Runnable}) drains partial chunks every {@value #TICK_MS} ms
 * (the coalescing window), flushes output, enforces the timeout and stops the process tree; the
 * {@link AgentProcess}'s readers emit full chunks. None is a Netty event loop. Every event is
 * published with the state it changes under the session's {@link SessionMutex}, so snapshots match
 * the stream exactly.
 *
 * <p>Memory per run is bounded: each stream buffers less than one chunk, and unflushed output is at
 * most {@code flush-chars} plus one chunk (or, while the database is unreachable, {@code
 * max-stored-chars}). Output past {@code max-stored-chars} is streamed but not stored. The output's
 * chunking, numbering and storage are {@link ReplyOutput}'s.
 */
final class AgentRun implements Runnable {

  /** How long output may wait to be coalesced into one chunk. */
  static final long TICK_MS = 10;

  /** The largest chunk, in chars. */
  static final int MAX_CHUNK_CHARS = 16_384;

  private static final Logger LOG = LoggerFactory.getLogger(AgentRun.class);

  /** How long output pipes may stay open after the command exited, held by its children. */
  private static final long DRAIN_AFTER_EXIT_NANOS = Duration.ofSeconds(1).toNanos();

  private final RunContext context;
  private final AgentConfiguration configuration;
  private final String sessionId;
  private final String channel;
  private final String text;
  private final String clientMessageId;
  private final String userId;
  private final String agentId;
  private final String tokenId;
  private final CommandReplies origin;
  @Nullable private final String ref;

  private final AtomicReference<MessageStatus> stopRequest = new AtomicReference<>();
  private final CountDownLatch ended = new CountDownLatch(1);

  // Guarded by the session mutex.
  private final ReplyOutput output;
  private volatile boolean finished;
  private boolean begun;
  private Path directory;

  AgentRun(
      RunContext context,
      String sessionId,
      String text,
      String clientMessageId,
      String userId,
      String agentId,
      CommandReplies origin,
      @Nullable String ref) {
    this.context = context;
    this.configuration = context.configuration();
    this.sessionId = sessionId;
    this.channel = Channels.session(sessionId);
    this.text = text;
    this.clientMessageId = clientMessageId;
    this.userId = userId;
    this.agentId = agentId;
    this.tokenId = origin.caller().tokenId();
    this.origin = origin;
    this.ref = ref;
    this.output = new ReplyOutput(context, channel, agentId);
  }

  String sessionId() {
    return sessionId;
  }

  String agentId() {
    return agentId;
  }

  /** The id of the token whose {@code send_message} started the reply. */
  String tokenId() {
    return tokenId;
  }

  /** Whether {@code messageId} names this reply or the user message that started it. */
  boolean isFor(String messageId) {
    return agentId.equals(messageId) || userId.equals(messageId);
  }

  /**
   * Asks the run to stop its process tree and end with {@code reason}; the first reason wins.
   * Returns false when the reply has already ended.
   */
  boolean requestStop(MessageStatus reason) {
    stopRequest.compareAndSet(null, reason);
    return !finished;
  }

  /** Waits until the reply has ended (its {@code message_complete} is published). */
  boolean awaitEnd(Duration timeout) throws InterruptedException {
    return ended.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** Output published but not yet stored, if the reply {@code messageId} is this one and runs. */
  Optional<String> unflushedOutput(String messageId) {
    return finished || !agentId.equals(messageId)
        ? Optional.empty()
        : Optional.of(output.unflushed());
  }

  @Override
  public void run() {
    long startNanos = System.nanoTime();
    AgentProcess process = null;
    try {
      if (!begin()) {
        return;
      }
      try {
        process =
            AgentProcess.start(context, sessionId, agentId, text, directory, this::appendOutput);
      } catch (IOException | RuntimeException e) {
        LOG.warn("Reply {}: the agent command did not start: {}", agentId, e.toString());
        appendOutput(
            OutputStreamName.STDERR,
            "Could not start the agent command "
                + configuration.command().get(0)
                + " in "
                + directory
                + ": "
                + e.getMessage()
                + "\n");
        finish(MessageStatus.FAILED, null, startNanos);
        return;
      }
      supervise(process, startNanos);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      if (process != null) {
        process.stopAfterFailure(configuration.killGrace());
      }
      finish(MessageStatus.INTERRUPTED, null, startNanos);
    } catch (RuntimeException | Error e) {
      LOG.error("Reply {} failed", agentId, e);
      if (process != null) {
        process.stopAfterFailure(configuration.killGrace());
      }
      if (!begun) {
        context.replyError(
            origin,
            channel,
            ErrorCode.INTERNAL,
            "The message could not be stored; the server log has the details under reply "
                + agentId
                + ".",
            null,
            ref);
      }
      finish(MessageStatus.FAILED, null, startNanos);
    } finally {
      if (process != null) {
        process.forget(context);
      }
      context.runLock().release(sessionId, agentId);
      context.active().remove(this);
      ended.countDown();
    }
  }

  /** Stores and announces the user's message and the reply; false when the session is gone. */
  private boolean begin() {
    Optional<ReplyStore.Started> started =
        context
            .mutex()
            .call(
                sessionId,
                () -> {
                  Optional<ReplyStore.Started> stored =
                      context.store().start(sessionId, userId, agentId, text, clientMessageId);
                  stored.ifPresent(this::publishStart);
                  return stored;
                });
    if (started.isEmpty()) {
      context.replyError(
          origin,
          channel,
          ErrorCode.NOT_FOUND,
          "The session was deleted before the message could be stored.",
          null,
          ref);
      return false;
    }
    return true;
  }

  private void publishStart(ReplyStore.Started started) {
    begun = true;
    directory = started.directory();
    context
        .publisher()
        .publish(
            new MessageCreatedEvent(channel, new MessageCreatedData(started.user().toMessage())));
    output.publishedAt(
        context
            .publisher()
            .publish(
                new MessageCreatedEvent(
                    channel, new MessageCreatedData(started.agent().toMessage()))));
    context.store().started(agentId, output.published());
    publishSession(started.session());
  }

  /**
   * Waits for the process and its output, ticking every {@value #TICK_MS} ms: drains partial
   * chunks, flushes output, and stops the process tree on cancel or timeout (SIGTERM, then SIGKILL
   * after the grace period). Children that keep the output pipes open after the command exited are
   * stopped the same way; readers still blocked a second after SIGKILL are abandoned.
   */
  private void supervise(AgentProcess agent, long startNanos) throws InterruptedException {
    Process process = agent.process();
    long timeoutAt = startNanos + configuration.timeout().toNanos();
    long graceNanos = configuration.killGrace().toNanos();
    ProcessTree known = agent.tree();
    long nextSample = System.nanoTime() + configuration.flushInterval().toNanos();
    ProcessTree stopping = null;
    MessageStatus stoppedAs = null;
    long killAt = 0;
    boolean killed = false;
    long exitedAt = 0;
    boolean exited = false;
    while (true) {
      long now = System.nanoTime();
      if (!exited && !process.isAlive()) {
        exited = true;
        exitedAt = now;
      }
      boolean drained = agent.outputDrained();
      if (exited && drained) {
        break;
      }
      if (now - timeoutAt >= 0) {
        requestStop(MessageStatus.TIMED_OUT);
      }
      MessageStatus stop = stopRequest.get();
      if (stopping == null && stop != null) {
        stopping = (exited ? known : agent.tree()).terminate();
        stoppedAs = exited ? null : stop;
        killAt = now + graceNanos;
        LOG.info("Reply {}: {}, sent SIGTERM to pids {}", agentId, stop, stopping.pids());
      } else if (stopping == null && exited && now - exitedAt >= DRAIN_AFTER_EXIT_NANOS) {
        stopping = known.terminate();
        killAt = now + graceNanos;
        LOG.info("Reply {}: exited, stopping children holding its output", agentId);
      }
      if (stopping != null && !killed && now - killAt >= 0) {
        stopping.kill();
        killed = true;
      }
      if (killed && exited && now - killAt >= DRAIN_AFTER_EXIT_NANOS) {
        LOG.warn("Reply {}: output pipes still open after SIGKILL; no longer reading", agentId);
        break;
      }
      if (!exited && now - nextSample >= 0) {
        known = agent.tree();
        nextSample = now + configuration.flushInterval().toNanos();
      }
      tick();
      if (exited) {
        agent.awaitOutput(TICK_MS);
      } else {
        process.waitFor(TICK_MS, TimeUnit.MILLISECONDS);
      }
    }
    Integer exitCode = process.exitValue();
    MessageStatus status =
        stoppedAs != null
            ? stoppedAs
            : exitCode == 0 ? MessageStatus.COMPLETED : MessageStatus.FAILED;
    finish(status, exitCode, startNanos);
    if (stopping != null && !killed && stopping.anyAlive()) {
      // The reply is over; children that ignore SIGTERM still get SIGKILL after the grace period.
      TimeUnit.NANOSECONDS.sleep(Math.max(0, killAt - System.nanoTime()));
      stopping.kill();
    }
  }

  private void tick() {
    context
        .mutex()
        .run(
            sessionId,
            () -> {
              if (!output.tick()) {
                stopForDeletedSession();
              }
            });
  }

  /** Buffers decoded output, publishing the chunks it fills (reader threads). */
  private void appendOutput(OutputStreamName name, String decoded) {
    context
        .mutex()
        .run(
            sessionId,
            () -> {
              if (!finished && !output.append(name, decoded)) {
                stopForDeletedSession();
              }
            });
  }

  private void stopForDeletedSession() {
    LOG.info("Reply {}: its session was deleted; stopping the agent", agentId);
    requestStop(MessageStatus.CANCELLED);
  }

  /** Publishes the last chunks, stores the end of the reply and announces it. */
  private void finish(MessageStatus status, @Nullable Integer exitCode, long startNanos) {
    context
        .mutex()
        .run(
            sessionId,
            () -> {
              if (finished || !begun) {
                return;
              }
              output.drain();
              finished = true;
              long durationMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
              Optional<SessionSummary> session = Optional.empty();
              try {
                session =
                    context
                        .store()
                        .finish(
                            sessionId,
                            agentId,
                            output.takeRemainder(),
                            status,
                            exitCode,
                            durationMs,
                            output.seq(),
                            output.truncated(),
                            output.published());
              } catch (RuntimeException e) {
                LOG.error("Reply {}: storing its end failed", agentId, e);
              }
              context.runLock().release(sessionId, agentId);
              context
                  .publisher()
                  .publish(
                      new MessageCompleteEvent(
                          channel,
                          new MessageCompleteData(
                              agentId, status, exitCode, durationMs, output.seq(), true)));
              session.ifPresent(this::publishSession);
              LOG.info(
                  "Reply {} in session {}: {} (exit {}) after {} ms, {} chunks",
                  agentId,
                  sessionId,
                  status,
                  exitCode,
                  durationMs,
                  output.seq());
            });
  }

  private void publishSession(SessionSummary session) {
    context
        .publisher()
        .publish(new SessionUpdatedEvent(Channels.project(session.projectId()), session));
  }
}
