package dev.switchboard.server.session.agent;

import dev.switchboard.contract.ChannelName;
import dev.switchboard.contract.Channels;
import dev.switchboard.contract.error.ErrorCode;
import dev.switchboard.contract.project.SessionUpdatedEvent;
import dev.switchboard.contract.session.CancelCommand;
import dev.switchboard.contract.session.MessageCompleteData;
import dev.switchboard.contract.session.MessageCompleteEvent;
import dev.switchboard.contract.session.MessageStatus;
import dev.switchboard.contract.session.SendMessageCommand;
import dev.switchboard.contract.session.SessionCommand;
import dev.switchboard.server.storage.Ids;
import dev.switchboard.server.wire.CommandReplies;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * AgentRunner carries out {@code send_message} and {@code cancel} on {@code session:<id>}: it
 * starts one {@link AgentRun} per message (refusing a second one while a reply runs with {@code
 * conflict}, and one past the token's or the node's cap with {@code too_many_runs} or {@code
 * node_busy}), stops runs on cancel and at shutdown, and at start-up marks replies a previous
 * server left running as {@code interrupted}.
 *
 * <p>The recovery runs when the HTTP server has started (not in every application context, which
 * would open the database for contexts that never serve sessions). A reply a client may already
 * have started by then is running on this server and is left alone.
 */
@Singleton
final class AgentRunner implements SessionCommandHandler {

  private static final Logger LOG = LoggerFactory.getLogger(AgentRunner.class);

  private final RunContext context;
  private final CancelForwarding cancels;

  AgentRunner(RunContext context, CancelForwarding cancels) {
    this.context = context;
    this.cancels = cancels;
    cancels.receiveWith(this::stopLocally);
  }

  @Override
  public void handle(CommandReplies sender, SessionCommand command, @Nullable String ref) {
    String sessionId = ChannelName.parse(command.channel()).id();
    // A switch expression over the type enum, without default: javac refuses it when a command
    // type has no case here.
    Runnable handler =
        switch (command.type()) {
          case SEND_MESSAGE -> () -> send(sender, sessionId, (SendMessageCommand) command, ref);
          case CANCEL ->
              () -> cancel(sender, sessionId, ((CancelCommand) command).data().messageId(), ref);
        };
    handler.run();
  }

  private void send(
      CommandReplies sender, String sessionId, SendMessageCommand send, @Nullable String ref) {
    String userId = Ids.newId();
    String agentId = Ids.newId();
    if (!context.runLock().tryAcquire(sessionId, agentId)) {
      String running = context.runLock().holder(sessionId);
      context.replyError(
          sender,
          send.channel(),
          ErrorCode.CONFLICT,
          "A reply is already running in this session; wait for its message_complete or send"
              + " cancel {messageId: \""
              + running
              + "\"}.",
          running,
          ref);
      return;
    }
    AgentRun run =
        new AgentRun(
            context,
            sessionId,
            send.data().text(),
            send.data().clientMessageId(),
            userId,
            agentId,
            sender,
            ref);
    Optional<ActiveRuns.Cap> refused =
        context
            .active()
            .admit(
                run,
                context.configuration().maxRunsPerToken(),
                context.configuration().maxRunsPerNode());
    if (refused.isPresent()) {
      context.runLock().release(sessionId, agentId);
      refuseOverCap(sender, send.channel(), refused.get(), ref);
      return;
    }
    Thread supervisor = new Thread(run, "agent-" + agentId);
    supervisor.setDaemon(true);
    supervisor.start();
  }

  private void refuseOverCap(
      CommandReplies sender, String channel, ActiveRuns.Cap cap, @Nullable String ref) {
    AgentConfiguration configuration = context.configuration();
    boolean perToken = cap == ActiveRuns.Cap.PER_TOKEN;
    LOG.info(
        "Refused a reply in {} for token {}: {} replies running {}",
        channel,
        sender.caller().tokenId(),
        perToken ? configuration.maxRunsPerToken() : configuration.maxRunsPerNode(),
        perToken ? "for the token" : "on this node");
    context.replyError(
        sender,
        channel,
        perToken ? ErrorCode.TOO_MANY_RUNS : ErrorCode.NODE_BUSY,
        perToken
            ? "This token already has "
                + configuration.maxRunsPerToken()
                + " replies running; wait for one to complete or cancel one (the server's"
                + " switchboard.agent.max-runs-per-token raises the cap)."
            : "This server already runs "
                + configuration.maxRunsPerNode()
                + " replies; retry when one has completed (the server's"
                + " switchboard.agent.max-runs-per-node raises the cap).",
        null,
        ref);
  }

  /**
   * Stops the reply here, or forwards the cancel to the node running it (the session's run lock
   * names the running reply on every node); its {@code message_complete} with {@code cancelled}
   * answers either way. Only a reply that runs nowhere is answered {@code not_found}.
   */
  private void cancel(
      CommandReplies sender, String sessionId, String messageId, @Nullable String ref) {
    boolean stopping =
        stopLocally(sessionId, messageId)
            || (runsElsewhere(sessionId, messageId) && cancels.forward(sessionId, messageId));
    if (!stopping) {
      context.replyError(
          sender,
          Channels.session(sessionId),
          ErrorCode.NOT_FOUND,
          "No reply \"" + messageId + "\" is running in this session; it may have ended already.",
          messageId,
          ref);
    }
  }

  private boolean stopLocally(String sessionId, String messageId) {
    return context
        .active()
        .inSession(sessionId)
        .filter(run -> run.isFor(messageId))
        .map(run -> run.requestStop(MessageStatus.CANCELLED))
        .orElse(false);
  }

  private boolean runsElsewhere(String sessionId, String messageId) {
    try {
      return messageId.equals(context.runLock().holder(sessionId));
    } catch (RuntimeException e) {
      LOG.warn("Cannot tell where reply {} runs: {}", messageId, e.toString());
      return false;
    }
  }

  /** Marks replies left running by a previous server as interrupted, keeping their output. */
  @EventListener
  void recoverInterruptedReplies(ServerStartupEvent started) {
    interruptLeftovers();
  }

  /**
   * Repeats the recovery every minute: with a shared run lock, a reply of a crashed node still
   * holds its lock when another node starts, and is only known to be dead once the lock expires.
   */
  @Scheduled(fixedDelay = "1m", initialDelay = "1m")
  void sweepLeftovers() {
    interruptLeftovers();
  }

  /**
   * Marks as interrupted every reply stored as running that no server runs: not running here, and
   * not holding its session's run lock (a reply holds it from before its row is stored until after
   * its end is, so a live reply on any node is never taken for a leftover).
   */
  List<ReplyStore.Interrupted> interruptLeftovers() {
    Set<String> runningHere =
        context.active().all().stream().map(AgentRun::agentId).collect(Collectors.toSet());
    List<ReplyStore.Interrupted> interrupted =
        context
            .store()
            .interruptLeftovers(
                reply ->
                    runningHere.contains(reply.id())
                        || reply.id().equals(context.runLock().holder(reply.sessionId())));
    for (ReplyStore.Interrupted reply : interrupted) {
      String channel = Channels.session(reply.agent().sessionId());
      context
          .publisher()
          .publish(
              new MessageCompleteEvent(
                  channel,
                  new MessageCompleteData(
                      reply.agent().id(),
                      MessageStatus.INTERRUPTED,
                      null,
                      reply.durationMs(),
                      reply.chunkCount(),
                      false)));
      context
          .publisher()
          .publish(
              new SessionUpdatedEvent(
                  Channels.project(reply.session().projectId()), reply.session()));
    }
    if (!interrupted.isEmpty()) {
      LOG.info(
          "Marked {} replies left running by a stopped server as interrupted", interrupted.size());
    }
    return interrupted;
  }

  /** Stops every running reply (status interrupted) and waits for their ends to be stored. */
  @PreDestroy
  void stopAll() throws InterruptedException {
    List<AgentRun> runs = context.active().all();
    runs.forEach(run -> run.requestStop(MessageStatus.INTERRUPTED));
    Duration wait = context.configuration().killGrace().plusSeconds(3);
    for (AgentRun run : runs) {
      if (!run.awaitEnd(wait)) {
        LOG.warn("A reply in session {} did not end within {}", run.sessionId(), wait);
      }
    }
  }
}
